/**
 * The "first program" of packages/core/README.md, kept here so that the typecheck compiles it; a test checks that the README
 * shows this code verbatim. It runs against the site in AMS_URL.
 */
import { AmsConfig, AmsHttp, AmsRequest, AmsResponse, Session, UndiciHttpClient } from "@ams-effect/core"
import { NodeRuntime } from "@effect/platform-node"
import { Console, Effect, Layer, Schema } from "effect"

const Groups = Schema.Struct({ name: Schema.Array(Schema.String) })

const program = Effect.gen(function*() {
  const session = yield* Session.Session
  const { info } = yield* session.current // one login, shared by every concurrent caller
  const http = yield* AmsHttp.AmsHttp
  const groups = yield* http.execute(AmsRequest.read("v1", "listgroups", { name: "" }), AmsResponse.decode(Groups))
  yield* Console.log(`${info.username}: ${groups.name.join(", ")}`)
})

const AmsLive = AmsHttp.layerWithSession.pipe(
  Layer.provide(AmsConfig.layerConfig()), // AMS_URL, AMS_USERNAME, AMS_PASSWORD
  Layer.provide(UndiciHttpClient.layer)
)

NodeRuntime.runMain(program.pipe(Effect.provide(AmsLive)))
