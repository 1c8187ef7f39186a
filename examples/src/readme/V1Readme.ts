/**
 * The "first program" of packages/v1/README.md, kept here so that the typecheck compiles it; a test checks that the README
 * shows this code verbatim. It runs against the site in AMS_URL.
 */
import { AmsConfig, AmsHttp } from "@ams-effect/core"
import { V1Client } from "@ams-effect/v1"
import { NodeHttpClient, NodeRuntime } from "@effect/platform-node"
import { Console, Effect, Layer } from "effect"

const program = Effect.gen(function*() {
  const v1 = yield* V1Client.V1Client
  const [result] = yield* v1.searchUsers([{ username: "jane.doe" }])
  yield* Console.log(result?.users.map((user) => `${user.fullName} (${user.userId})`))
  const staff = yield* v1.groupMembers("Staff").pipe(
    Effect.catchTag("AccessDenied", (error) => Console.log(error.message).pipe(Effect.as([])))
  )
  yield* Console.log(`${staff.length} staff`)
})

const Live = V1Client.layer.pipe(
  Layer.provide(AmsHttp.layerWithSession),
  Layer.provide(AmsConfig.layerConfig()), // AMS_URL, AMS_USERNAME, AMS_PASSWORD
  Layer.provide(NodeHttpClient.layerUndici)
)

NodeRuntime.runMain(program.pipe(Effect.provide(Live)))
