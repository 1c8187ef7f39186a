/**
 * The v3 client over real HTTP against a server that logs in properly and answers every call with garbage: every
 * method ends in a value or a typed error, never a defect, never a hang.
 */
import { AmsConfig, AmsHttp, RetryPolicy } from "@ams-effect/core"
import * as Garbage from "@ams-effect/simulator/Garbage"
import { V3Client } from "@ams-effect/v3"
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

const client = V3Client.layer.pipe(
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
  "V3ApiError"
]
const errorBody = {
  status: 404,
  href: "/api/v3/group-athletes/9",
  errors: [{ errorCode: "itemNotFound", message: "no such group", metaData: null }]
}
const form = {
  id: 1001,
  name: "Wellness",
  children: [{ type: "FormFieldSet", name: "Sets", children: [{ type: "FormItem", name: "Reps", required: true }] }]
}

const families: ReadonlyArray<{
  readonly name: string
  readonly shapes: ReadonlyArray<unknown>
  readonly allowed: ReadonlyArray<string>
  readonly call: (client: V3Client.Service) => Effect.Effect<unknown, unknown>
}> = [
  {
    name: "formSummaries",
    shapes: [{ event: [{ id: 1001, name: "Wellness" }], profile: null }, errorBody],
    allowed: readErrors,
    call: (c) => c.formSummaries
  },
  {
    name: "form",
    shapes: [form, errorBody],
    allowed: [...readErrors, "V3ItemNotFound"],
    call: (c) => c.form("event", 1001)
  },
  {
    name: "groupAthletes",
    shapes: [[{ id: 1, firstName: "Ada", lastName: "A", username: "ada" }], errorBody],
    allowed: [...readErrors, "V3ItemNotFound"],
    call: (c) => c.groupAthletes(9)
  }
]

const isLogin = (request: Garbage.ReceivedRequest) => request.url.includes("/api/v2/user/loginUser")

layer(client, { excludeTestServices: true })("V3Client over the wire under garbage", (it) => {
  for (const family of families) {
    it.effect.prop(
      `${family.name}: a value or ${family.allowed.join(" | ")}`,
      [Garbage.reply(family.shapes)],
      ([reply]) =>
        Effect.gen(function*() {
          const server = yield* Garbage.GarbageServer
          yield* server.answer((request) => (isLogin(request) ? Garbage.loginReply : reply))
          const v3 = yield* V3Client.V3Client
          const exit = yield* Effect.exit(Effect.timeout(family.call(v3), "5 seconds"))
          expect(Garbage.problem(exit, family.allowed)).toBeUndefined()
        }),
      { fastCheck: { numRuns } }
    )
  }
})
