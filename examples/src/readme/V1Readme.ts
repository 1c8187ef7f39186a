/**
 * The "first program" of packages/v1/README.md, kept here so that the typecheck compiles it; a test checks that the README
 * shows this code verbatim. It runs against the site in AMS_URL.
 */
import { AmsConfig, AmsHttp, UndiciHttpClient } from "@ams-effect/core"
import { V1Client } from "@ams-effect/v1"
import { NodeRuntime } from "@effect/platform-node"
import { Console, Effect, Layer } from "effect"

const program = Effect.gen(function*() {
  const v1 = yield* V1Client.V1Client
  const squad = yield* v1.groupMembers("Mens Squad")
  const events = yield* v1.searchEvents({
    forms: "Wellness",
    userIds: squad.map((user) => user.userId),
    from: new Date(2025, 4, 1),
    to: new Date(2025, 4, 31)
  })
  yield* Console.log(`${events.length} wellness entries; first: ${JSON.stringify(events[0]?.values)}`)
  const report = yield* v1.importEvents([
    { formName: "Wellness", userId: squad[0]!.userId, start: new Date(), values: { Fatigue: 3, Comments: "ok" } }
  ]).pipe(
    Effect.catchTag("V1ImportFailed", (error) => Console.log(error.message).pipe(Effect.as(error.report)))
  )
  yield* Console.log(`new event ids: ${report.eventIds.join(", ")}`)
})

const Live = V1Client.layer.pipe(
  Layer.provideMerge(AmsHttp.layerWithSession),
  Layer.provide(AmsConfig.layerConfig()), // AMS_URL, AMS_USERNAME, AMS_PASSWORD
  Layer.provide(UndiciHttpClient.layer)
)

NodeRuntime.runMain(program.pipe(Effect.provide(Live)))
