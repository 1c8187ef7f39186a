/**
 * The v2 client over real HTTP against a server that logs in properly and answers every call with garbage: every
 * method ends in a value or a typed error, never a defect, never a hang.
 */
import { AmsConfig, AmsHttp, RetryPolicy } from "@ams-effect/core"
import * as Garbage from "@ams-effect/simulator/Garbage"
import { PersonFilter, V2Client } from "@ams-effect/v2"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { expect, layer } from "@effect/vitest"
import { Effect, Layer, Logger, Redacted } from "effect"

const numRuns = 60

const config = Layer.unwrapEffect(Effect.map(Garbage.GarbageServer, (server) =>
  AmsConfig.layer({
    url: `${server.url}/site`,
    username: "coach",
    password: Redacted.make("secret"),
    timeout: "2 seconds"
  }))).pipe(Layer.orDie)

const client = V2Client.layer.pipe(
  Layer.provideMerge(AmsHttp.layerWithSession),
  Layer.provideMerge(config),
  Layer.provideMerge(RetryPolicy.layer({ maxRetries: 0 })),
  Layer.provideMerge(NodeHttpClient.layerUndici),
  Layer.provideMerge(Garbage.layer),
  Layer.merge(Logger.remove(Logger.defaultLogger))
)

const readErrors = [
  "AuthenticationFailed",
  "AccessDenied",
  "TransportError",
  "Timeout",
  "ServerError",
  "UnexpectedResponse",
  "ResponseDecodeError",
  "InvalidRequest",
  "V2RpcException"
]
const rpc = { __is_rpc_exception__: true, type: "NotFoundException", value: { detailMessage: "no", cause: null } }

const families: ReadonlyArray<{
  readonly name: string
  readonly shapes: ReadonlyArray<unknown>
  readonly allowed: ReadonlyArray<string>
  readonly call: (client: V2Client.Service) => Effect.Effect<unknown, unknown>
}> = [
  {
    name: "getPersons",
    shapes: [{ objects: [{ id: 1, username: "ada", firstName: "Ada", lastName: "A", sex: "1" }], totalCount: 1 }, rpc],
    allowed: readErrors,
    call: (c) => c.getPersons(PersonFilter.ids([1]))
  },
  {
    name: "deleteEvents",
    shapes: ["", rpc],
    allowed: [...readErrors, "OutcomeUnknown"],
    call: (c) => c.deleteEvents([101, 102])
  }
]

const isLogin = (request: Garbage.ReceivedRequest) => request.url.includes("/api/v2/user/loginUser")

layer(client, { excludeTestServices: true })("V2Client over the wire under garbage", (it) => {
  for (const family of families) {
    it.effect.prop(
      `${family.name}: a value or ${family.allowed.join(" | ")}`,
      [Garbage.reply(family.shapes)],
      ([reply]) =>
        Effect.gen(function*() {
          const server = yield* Garbage.GarbageServer
          yield* server.answer((request) => (isLogin(request) ? Garbage.loginReply : reply))
          const v2 = yield* V2Client.V2Client
          const exit = yield* Effect.exit(Effect.timeout(family.call(v2), "5 seconds"))
          expect(Garbage.problem(exit, family.allowed)).toBeUndefined()
        }),
      { fastCheck: { numRuns } }
    )
  }
})
