/**
 * Incremental synchronisation with a persisted cursor: the first run fetches the whole history of a form, later
 * runs only what changed since (new, edited and deleted events). The cursor lives in a file, so a scheduled job
 * picks up where the last one stopped; it only moves once every part has been handled. Events arrive in parts as
 * the answer is read (200 at most), so even a whole history never has to fit in memory.
 */
import { SyncCursor, V1Client } from "@ams-effect/v1"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as KeyValueStore from "@effect/platform/KeyValueStore"
import { Config, Console, Effect, Layer, Option } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Target } from "./Connection.js"

export const title = "Incremental sync: whole history first, then only the changes, cursor kept in a file"

/** Against a real site the cursor is kept in ./.ams-effect-state; the embedded simulator starts fresh each time. */
const stateDirectory = Effect.gen(function*() {
  const target = yield* Target
  if (Option.isNone(target.simulator)) return path.resolve(".ams-effect-state")
  return yield* Effect.acquireRelease(
    Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "ams-effect-demo-"))),
    (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
  )
})

export const program = Effect.gen(function*() {
  const v1 = yield* V1Client.V1Client
  const formName = yield* Config.string("AMS_EXAMPLE_FORM").pipe(Config.withDefault("Wellness"))
  const squad = yield* v1.groupMembers(yield* Config.string("AMS_EXAMPLE_GROUP").pipe(Config.withDefault("Mens Squad")))
  const userIds = squad.map((user) => user.userId)
  const store = KeyValueStore.layerFileSystem(yield* stateDirectory).pipe(Layer.provide(NodeContext.layer))

  // A warehouse loader would upsert events by id and delete the deleted ones; here we count them.
  const sync = SyncCursor.synchronise({ formName, userIds }, (part) =>
    Console.log(
      part.lastSynchronisationTimeOnServer === undefined
        ? `  part for ${part.userIds.length} users: ${part.events.length} events`
        : `  end of the answer for ${part.userIds.length} users: ${part.idsOfDeletedEvents.length} deleted`
    )).pipe(Effect.provide(store))

  const first = yield* sync
  yield* Console.log(
    `✓ run 1 from ${first.since}: ${first.events} events in ${first.batches} part(s); cursor ${first.next}`
  )

  const target = yield* Target
  if (Option.isSome(target.simulator)) {
    // Meanwhile a coach records today's wellness for one athlete and deletes an old entry.
    const report = yield* v1.importEvents([{
      formName,
      userId: userIds[0]!,
      start: new Date(),
      values: { Fatigue: 2 }
    }])
    const [old] = yield* v1.searchEvents({
      forms: formName,
      userIds: [userIds[1]!],
      from: "01/01/2000",
      to: new Date()
    })
    if (old !== undefined) yield* v1.deleteEvent(old.id)
    yield* Console.log(`  (a coach adds event ${report.eventIds[0]} and deletes event ${old?.id})`)
  }

  const second = yield* sync
  yield* Console.log(
    `✓ run 2 from ${second.since}: ${second.events} new or changed, ${second.deletedEvents} deleted; cursor ${second.next}`
  )
}).pipe(Effect.scoped)
