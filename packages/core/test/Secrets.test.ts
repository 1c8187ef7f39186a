import { AmsConfig, AmsHttp, AmsRequest, AmsResponse, Session } from "@ams-effect/core"
import { DemoData, Fault, Simulator, TestTime } from "@ams-effect/simulator"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import { describe, expect, it } from "@effect/vitest"
import { Effect, FiberRef, Layer, Redacted, Schema } from "effect"
import {
  echoServer,
  httpClients,
  layer as fixtureLayer,
  type Options,
  password,
  recordLogs,
  recordSpans
} from "./fixtures.js"

const execute = <I extends boolean>(request: AmsRequest.AmsRequest<I>) =>
  Effect.flatMap(AmsHttp.AmsHttp, (http) => http.execute(request))

describe.each(httpClients)("Secrets on %s", (_, httpClient) => {
  const layer = (options: Options = {}) => fixtureLayer({ ...options, httpClient })

  it.scoped("neither the password nor a session token appears in errors, logs, spans or the request log", () => {
    const logs = recordLogs()
    const spans = recordSpans()
    const errors: Array<unknown> = []
    const tokens: Array<string> = []
    const collect = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
      Effect.gen(function*() {
        const result = yield* Effect.either(TestTime.runWithClock(effect))
        if (result._tag === "Left") errors.push(result.left)
        const session = yield* Session.Session
        const current = yield* Effect.either(session.current)
        if (current._tag === "Right") tokens.push(Redacted.value(current.right.token))
      })
    const fault = (route: string, f: Fault.Fault, times?: number) =>
      Effect.flatMap(
        Simulator.Simulator,
        (simulator) => simulator.addFault(Fault.rule(f, times === undefined ? { route } : { route, times }))
      )

    return Effect.gen(function*() {
      const simulator = yield* Simulator.Simulator
      const listGroups = execute(AmsRequest.read("v1", "listgroups", {}))
      yield* collect(listGroups)
      yield* simulator.expireAllSessions
      yield* collect(listGroups)
      yield* collect(execute(AmsRequest.read("v1", "groupmembers", { name: "Staff" })))
      yield* fault("v1/listgroups", Fault.Status({ status: 503 }), 2)
      yield* collect(listGroups)
      yield* fault("v1/listgroups", Fault.HtmlOk(), 1)
      yield* collect(
        Effect.flatMap(listGroups, AmsResponse.decode(Schema.Struct({ name: Schema.Array(Schema.String) })))
      )
      yield* fault("v1/listgroups", Fault.ResetAfterHandler(), 1)
      yield* collect(execute(AmsRequest.write("v1", "listgroups", {})))
      yield* fault("v1/currentgroup", Fault.Status({ status: 401 }))
      yield* collect(execute(AmsRequest.read("v1", "currentgroup", {})))

      expect(errors.map((error) => (error as { _tag: string })._tag)).toEqual([
        "AccessDenied",
        "UnexpectedResponse",
        "OutcomeUnknown",
        "AuthenticationFailed"
      ])
      expect(new Set(tokens).size).toBeGreaterThanOrEqual(3)
      const secrets = [password, ...tokens]
      const haystacks = [
        ...errors.flatMap((error) => [String(error), JSON.stringify(error), (error as Error).message]),
        ...logs.lines,
        spans.text(),
        JSON.stringify(yield* simulator.requests)
      ]
      for (const secret of secrets) {
        for (const haystack of haystacks) expect(haystack).not.toContain(secret)
      }
      // The calls were traced (one span per call; the HTTP client adds no span of its own and no trace headers).
      expect(spans.text()).toContain("ams.v1.listgroups")
      expect(logs.lines.some((line) => line.includes("logging in again"))).toBe(true)
    }).pipe(logs.provide, spans.provide, Effect.provide(layer()))
  })

  it.scoped("what a server or proxy echoes of the request reaches no error redacted", () =>
    Effect.gen(function*() {
      const secret = "Pa55-echo-LEAK-CANARY-✓"
      const basic = Buffer.from(`${DemoData.coach.username}:${secret}`, "utf8").toString("base64")
      const cases = [
        [500, "json", "login", "ServerError"],
        [400, "json", "login", "UnexpectedResponse"],
        [200, "rpc", "login", "AuthenticationFailed"],
        [502, "json", "v1 with Basic", "ServerError"]
      ] as const
      for (const [status, shape, call, tag] of cases) {
        const url = yield* echoServer(status, shape)
        const config = AmsConfig.layer({
          url: `${url}/demo`,
          username: DemoData.coach.username,
          password: Redacted.make(secret),
          v1Auth: call === "login" ? "session" : "basic"
        }).pipe(Layer.orDie)
        const error = yield* execute(AmsRequest.read("v1", "listgroups", {})).pipe(
          Effect.flip,
          Effect.provide(AmsHttp.layerWithSession.pipe(Layer.provide(config), Layer.provide(httpClient))),
          TestTime.runWithClock
        )
        expect(error._tag, `${call} answered ${status}`).toBe(tag)
        const text = `${String(error)} ${JSON.stringify(error)}`
        expect(text).toContain("<redacted>") // the echo is there, without the secrets
        for (const leaked of ["LEAK-CANARY", basic]) expect(text).not.toContain(leaked)
      }
    }))

  it.scoped("a rejected password does not leak through the error", () => {
    const logs = recordLogs()
    return Effect.gen(function*() {
      const error = yield* Effect.flip(execute(AmsRequest.read("v1", "listgroups", {})))
      expect(error._tag).toBe("AuthenticationFailed")
      for (const text of [String(error), JSON.stringify(error), error.message, ...logs.lines]) {
        expect(text).not.toContain("wrong-LEAK-CANARY")
      }
    }).pipe(logs.provide, Effect.provide(layer({ config: { password: Redacted.make("wrong-LEAK-CANARY") } })))
  })
})

describe("Secrets on an HTTP client of the user's", () => {
  it.scoped("a client that logs every request it sends logs the secret headers redacted", () => {
    const logs = recordLogs()
    const loggingClient = Layer.effect(
      HttpClient.HttpClient,
      Effect.map(
        HttpClient.HttpClient,
        HttpClient.tapRequest((request) => Effect.logInfo("sending", request))
      )
    ).pipe(Layer.provide(NodeHttpClient.layerUndici))
    return Effect.gen(function*() {
      // As in a program without the simulator, whose layer adds "session-header" to the names for its own logs
      yield* execute(AmsRequest.read("v1", "listgroups", {})).pipe(
        Effect.locally(Headers.currentRedactedNames, Effect.runSync(FiberRef.get(Headers.currentRedactedNames)))
      )
      const token = Redacted.value((yield* Effect.flatMap(Session.Session, (session) => session.current)).token)
      const sent = logs.lines.filter((line) => line.includes("sending"))
      expect(sent.length).toBe(2) // the login, then the call
      expect(sent[0]).toContain("\"body\":\"<redacted>\"") // the login's, which holds the password
      expect(sent[1]).toContain("\"session-header\":\"<redacted>\"")
      for (const line of sent) {
        expect(line).not.toContain(token)
        expect(line).not.toContain(password)
      }
    }).pipe(logs.provide, Effect.provide(fixtureLayer({ httpClient: loggingClient })))
  })
})
