import { Fault, Simulator } from "@ams-effect/simulator"
import { V1Client } from "@ams-effect/v1"
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Stream } from "effect"
import { layer, requestsTo, withAthletes } from "./fixtures.js"

const v1 = V1Client.V1Client
const squads = Array.from({ length: 24 }, (_, i) => 20001 + i)
const bigSquad = Array.from({ length: 250 }, (_, i) => 30_001 + i)

const syncRequests = Effect.map(requestsTo("v1/synchronise"), (requests) =>
  requests.map((request) => ({
    users: (request.body as { userIds: ReadonlyArray<number> }).userIds.length,
    status: request.status
  })))

describe("V1Client.synchronise", () => {
  it.scoped("250 users are synchronised in 3 batches of at most 100", () =>
    Effect.gen(function*() {
      const client = yield* v1
      yield* client.importEvents(
        bigSquad.map((userId, i) => ({
          formName: "Wellness",
          userId,
          start: new Date(2031, 1, 1, 7, i % 60),
          values: { Fatigue: 3 }
        })),
        { chunkSize: 100 }
      )
      const result = yield* client.synchronise({ formName: "Wellness", userIds: bigSquad })
      expect(result.events).toHaveLength(250)
      expect(new Set(result.events.map((event) => event.userId))).toEqual(new Set(bigSquad))
      expect(yield* syncRequests).toEqual([
        { users: 100, status: 200 },
        { users: 100, status: 200 },
        { users: 50, status: 200 }
      ])
      expect(result.lastSynchronisationTimeOnServer).toBeGreaterThan(0)
    }).pipe(Effect.provide(layer({ simulator: { data: withAthletes(250) } }))))

  it.scoped("a batch answered 500 is split in halves and retried", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const result = yield* client.synchronise({ formName: "Wellness", userIds: squads })
      // 24 users × 28 days of wellness = 672 records: over the 400 limit; 12 users (336) pass.
      expect(result.events).toHaveLength(672)
      expect(yield* syncRequests).toEqual([
        { users: 24, status: 500 },
        { users: 12, status: 200 },
        { users: 12, status: 200 }
      ])
    }).pipe(Effect.provide(layer({ simulator: { maxSyncRecords: 400 } }))))

  it.scoped("a single user still too large is V1PayloadTooLarge naming the form, the user and the time", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const error = yield* Effect.flip(client.synchronise({ formName: "Wellness", userIds: [20001, 20002], since: 0 }))
      expect(error._tag).toBe("V1PayloadTooLarge")
      if (error._tag !== "V1PayloadTooLarge") return
      expect(error).toMatchObject({ formName: "Wellness", userId: 20001, since: 0 })
      expect(error.message).toContain("user 20001")
      expect((yield* syncRequests).map((request) => request.users)).toEqual([2, 1])
    }).pipe(Effect.provide(layer({ simulator: { maxSyncRecords: 10 } }))))

  it.scoped("synchroniseStream hands events on as they are read; each request's last part carries its cursor", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const parts = Chunk.toReadonlyArray(
        yield* Stream.runCollect(client.synchroniseStream({ formName: "Wellness", userIds: squads }))
      )
      // The 500 split the batch into two requests of 336 events: each is its events in parts of at most 200, then
      // its cursor.
      expect(parts.map((part) => [part.events.length, part.lastSynchronisationTimeOnServer !== undefined])).toEqual([
        [200, false],
        [136, false],
        [0, true],
        [200, false],
        [136, false],
        [0, true]
      ])
      const simulator = yield* Simulator.Simulator
      expect((yield* simulator.requests).filter((r) => r.route === "v1/synchronise")).toHaveLength(3)
    }).pipe(Effect.provide(layer({ simulator: { maxSyncRecords: 400 } }))))

  it.scoped("a large answer comes in parts of at most 200 events", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const parts = Chunk.toReadonlyArray(
        yield* Stream.runCollect(client.synchroniseStream({ formName: "Wellness", userIds: bigSquad }))
      )
      const sizes = parts.map((part) => part.events.length)
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(2_500)
      expect(Math.max(...sizes)).toBe(200)
      expect(parts.filter((part) => part.lastSynchronisationTimeOnServer !== undefined)).toHaveLength(3)
    }).pipe(Effect.provide(layer({
      simulator: {
        data: {
          ...withAthletes(250),
          events: bigSquad.flatMap((userId) =>
            Array.from({ length: 10 }, (_, i) => ({
              formName: "Wellness",
              userId,
              startDate: `${String(i + 1).padStart(2, "0")}/02/2031`,
              startTime: "7:00 AM",
              rows: [{ row: 0, pairs: [{ key: "Fatigue", value: String(1 + (i % 5)) }] }]
            }))
          )
        }
      }
    }))))

  it.scoped("a cut-off or malformed answer is a typed error, not a defect", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const simulator = yield* Simulator.Simulator
      yield* simulator.addFault(Fault.rule(Fault.TruncatedJson(), { route: "v1/synchronise", times: 1 }))
      const cut = yield* Effect.flip(client.synchronise({ formName: "Wellness", userIds: [20001] }))
      expect(cut._tag).toBe("UnexpectedResponse")
      yield* simulator.addFault(
        Fault.rule(Fault.Status({ status: 200, body: "{\"export\": {\"events\": [{\"id\": \"x\"}]}}" }), {
          route: "v1/synchronise",
          times: 1
        })
      )
      const wrong = yield* Effect.flip(client.synchronise({ formName: "Wellness", userIds: [20001] }))
      expect(wrong._tag).toBe("ResponseDecodeError")
      if (wrong._tag === "ResponseDecodeError") expect(wrong.path).toBe("export.events[0].id")
    }).pipe(Effect.provide(layer())))

  it.scoped("bad options are InvalidRequest naming the field", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const cases: ReadonlyArray<[V1Client.SynchroniseOptions, string]> = [
        [{ formName: "", userIds: [1] }, "formName"],
        [{ formName: "Wellness", userIds: [] }, "userIds"],
        [{ formName: "Wellness", userIds: [1], since: -5 }, "since"],
        [{ formName: "Wellness", userIds: [1], since: 1.5 }, "since"]
      ]
      for (const [options, field] of cases) {
        const error = yield* Effect.flip(client.synchronise(options))
        expect(error._tag).toBe("InvalidRequest")
        if (error._tag === "InvalidRequest") expect(error.field).toBe(field)
      }
      expect(yield* requestsTo("v1/synchronise")).toHaveLength(0)
    }).pipe(Effect.provide(layer())))
})
