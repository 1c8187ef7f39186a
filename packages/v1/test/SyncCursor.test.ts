import { Fault, Simulator } from "@ams-effect/simulator"
import { SyncCursor, V1Client } from "@ams-effect/v1"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as KeyValueStore from "@effect/platform/KeyValueStore"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { clientLayer, withAthletes } from "./fixtures.js"

const squads = Array.from({ length: 24 }, (_, i) => 20001 + i)
const bigSquad = Array.from({ length: 250 }, (_, i) => 30_001 + i)

/** A directory for the file-backed store, removed when the test's scope closes. */
const tempDir = Effect.acquireRelease(
  Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "ams-effect-cursor-"))),
  (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
)

const fileStore = (dir: string) => KeyValueStore.layerFileSystem(dir).pipe(Layer.provide(NodeContext.layer))

/** One "program run": its own client, session and store handle; the ids of the events it was handed. */
const run = (dir: string, userIds: ReadonlyArray<number>, retry?: { maxRetries: number }) => {
  const seen: Array<number> = []
  return SyncCursor.synchronise({ formName: "Wellness", userIds }, (batch) =>
    Effect.sync(() => {
      seen.push(...batch.events.map((event) => event.id))
    })).pipe(
      Effect.map((summary) => ({ summary, seen })),
      Effect.provide(Layer.merge(clientLayer(retry === undefined ? {} : { retry }), fileStore(dir)))
    )
}

/** A coach enters a Wellness event for `userId`, through a client of its own. */
const enter = (userId: number, day: number) =>
  Effect.flatMap(V1Client.V1Client, (client) =>
    client.importEvents([{
      formName: "Wellness",
      userId,
      start: new Date(2032, 0, day, 7, 0),
      values: { Fatigue: 2 }
    }])).pipe(Effect.map((report) => report.eventIds[0]!), Effect.provide(clientLayer()))

describe("SyncCursor", () => {
  it.scoped("a second program run continues from the cursor the first one stored in a file", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const first = yield* run(dir, squads)
      expect(first.summary.since).toBe(0)
      expect(first.seen).toHaveLength(672)
      expect(first.summary.newUsers).toEqual(squads)
      expect(fs.readdirSync(dir)).toHaveLength(1)

      const id = yield* enter(20003, 1)
      const second = yield* run(dir, squads)
      expect(second.summary.since).toBe(first.summary.next)
      expect(second.seen).toEqual([id])
      expect(second.summary.newUsers).toEqual([])
      expect(second.summary.next).toBeGreaterThanOrEqual(first.summary.next)
    }).pipe(Effect.provide(Simulator.layer())))

  it.scoped("a run that fails part way does not move the cursor, so nothing is skipped", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const simulator = yield* Simulator.Simulator
      const first = yield* run(dir, bigSquad)
      expect(first.summary.batches).toBe(3)
      const id = yield* enter(30_150, 2)
      // The second of the three batches fails, after the first was handed over.
      yield* simulator.addFault(
        Fault.rule(Fault.Status({ status: 503 }), { route: "v1/synchronise", skip: 1, times: 1 })
      )
      const failed = yield* Effect.flip(run(dir, bigSquad, { maxRetries: 0 }))
      expect(failed._tag).toBe("ServerError")
      const again = yield* run(dir, bigSquad)
      expect(again.summary.since).toBe(first.summary.next)
      expect(again.seen).toEqual([id])
    }).pipe(Effect.provide(Simulator.layer({ data: withAthletes(250) }))))

  it.scoped("users added since the last run are synchronised from the beginning", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const first = yield* run(dir, squads.slice(0, 12))
      expect(first.seen).toHaveLength(336)
      const second = yield* run(dir, squads)
      expect(second.summary.newUsers).toEqual(squads.slice(12))
      expect(second.seen).toHaveLength(336)
    }).pipe(Effect.provide(Simulator.layer())))

  it.scoped("an unreadable stored cursor is SyncCursorError naming the key", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      yield* Effect.flatMap(KeyValueStore.KeyValueStore, (store) => store.set("synchronise/Wellness", "not json")).pipe(
        Effect.provide(fileStore(dir))
      )
      const error = yield* Effect.flip(run(dir, squads))
      expect(error._tag).toBe("SyncCursorError")
      if (error._tag === "SyncCursorError") {
        expect(error.key).toBe("synchronise/Wellness")
        expect(error.operation).toBe("read")
      }
    }).pipe(Effect.provide(Simulator.layer())))

  it.scoped("a key the file store cannot hold (a lone UTF-16 surrogate) is SyncCursorError, not a defect", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const error = yield* SyncCursor.synchronise({ formName: "Wellness\ud800", userIds: squads }, () => Effect.void)
        .pipe(Effect.provide(Layer.merge(clientLayer(), fileStore(dir))), Effect.flip)
      expect(error._tag).toBe("SyncCursorError")
      if (error._tag === "SyncCursorError") {
        expect(error.operation).toBe("read")
        expect(error.message).toContain("URI malformed")
      }
    }).pipe(Effect.provide(Simulator.layer())))
})
