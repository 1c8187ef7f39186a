/**
 * The "first program" of README.md, kept here so that the typecheck compiles it; a test checks that the README
 * shows this code verbatim. It runs against the site in AMS_URL.
 */
import { AmsConfig, AmsHttp, UndiciHttpClient } from "@ams-effect/core"
import { V1Client } from "@ams-effect/v1"
import { NodeRuntime } from "@effect/platform-node"
import { Console, Effect, Layer } from "effect"

const program = Effect.gen(function*() {
  const v1 = yield* V1Client.V1Client
  const groups = yield* v1.listGroups
  yield* Console.log(`Groups: ${groups.join(", ")}`)
  const squad = yield* v1.groupMembers("Mens Squad").pipe(
    Effect.catchTags({
      AccessDenied: (error) => Console.log(error.message).pipe(Effect.as([])),
      AuthenticationFailed: (error) => Effect.die(error)
    })
  )
  yield* Console.log(`${squad.length} athletes`)
})

// AMS_URL=https://example.smartabase.com/site, AMS_USERNAME, AMS_PASSWORD
const AmsLive = V1Client.layer.pipe(
  Layer.provide(AmsHttp.layerWithSession),
  Layer.provide(AmsConfig.layerConfig()),
  Layer.provide(UndiciHttpClient.layer)
)

NodeRuntime.runMain(program.pipe(Effect.provide(AmsLive)))
