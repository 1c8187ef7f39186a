/**
 * The core pipeline over real HTTP against a server that answers garbage (any status, lying headers, invalid
 * UTF-8, cut-off bodies, resets): the login and every call end in a value or a typed error, never a defect, never
 * a hang.
 */
import { AmsConfig, AmsHttp, AmsRequest, RetryPolicy, Session } from "@ams-effect/core"
import * as Garbage from "@ams-effect/simulator/Garbage"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { describe, expect, it, layer } from "@effect/vitest"
import { Effect, FastCheck as fc, Layer, Logger, Redacted } from "effect"

const numRuns = 100

/** The pipeline with its session against the garbage server: no retries, a short timeout. */
const config = Layer.unwrapEffect(Effect.map(Garbage.GarbageServer, (server) =>
  AmsConfig.layer({
    url: `${server.url}/site`,
    username: "coach",
    password: Redacted.make("secret"),
    timeout: "2 seconds"
  }))).pipe(Layer.orDie)

const pipeline = AmsHttp.layerWithSession.pipe(
  Layer.provideMerge(config),
  Layer.provideMerge(RetryPolicy.layer({ maxRetries: 0 })),
  Layer.provideMerge(NodeHttpClient.layerUndici),
  Layer.provideMerge(Garbage.layer),
  Layer.merge(Logger.remove(Logger.defaultLogger))
)

const isLogin = (request: Garbage.ReceivedRequest) => request.url.includes("/api/v2/user/loginUser")

const readErrors = [
  "AuthenticationFailed",
  "AccessDenied",
  "TransportError",
  "Timeout",
  "ServerError",
  "UnexpectedResponse",
  "ResponseDecodeError",
  "InvalidRequest"
]

/** Runs `effect` with a limit that turns a hang into a failure the check reports. */
const outcome = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.exit(Effect.timeout(effect, "5 seconds"))

describe("garbage server", () => {
  it.scoped("replays status, headers and bytes exactly, invalid UTF-8 included", () =>
    Effect.gen(function*() {
      const server = yield* Garbage.make
      const body = Uint8Array.from([0x7b, 0xff, 0xc3, 0x7d])
      yield* server.answer(() => ({ status: 418, headers: { "x-garbage": "yes" }, body, ending: "complete" }))
      const response = yield* Effect.promise(() => fetch(`${server.url}/anything`, { method: "POST", body: "x" }))
      expect(response.status).toBe(418)
      expect(response.headers.get("x-garbage")).toBe("yes")
      expect(new Uint8Array(yield* Effect.promise(() => response.arrayBuffer()))).toEqual(body)
      expect(yield* server.requests).toBe(1)
    }))
})

layer(pipeline, { excludeTestServices: true })("core over the wire under garbage", (it) => {
  it.effect.prop(
    "a login answered with garbage is a session or a LoginError",
    [Garbage.reply([JSON.parse(new TextDecoder().decode(Garbage.loginReply.body))])],
    ([reply]) =>
      Effect.gen(function*() {
        const server = yield* Garbage.GarbageServer
        yield* server.answer(() => reply)
        // A fresh session service each time: a successful login is kept.
        const exit = yield* outcome(Effect.scoped(Effect.flatMap(Session.make, (session) => session.current)))
        expect(Garbage.problem(exit, readErrors.filter((tag) => tag !== "AccessDenied"))).toBeUndefined()
      }),
    { fastCheck: { numRuns } }
  )

  it.effect.prop(
    "a login whose token is any text a server can send works or fails typed, and so do the calls made with it",
    [
      // Every character HTTP allows in a header value: visible ASCII, space and obs-text (0x80–0xff).
      fc.string({
        unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }))
          .map((code) => String.fromCharCode(code)),
        maxLength: 60
      }),
      fc.constantFrom("session-header", "set-cookie")
    ],
    ([token, header]) =>
      Effect.gen(function*() {
        const server = yield* Garbage.GarbageServer
        const { "session-header": _, "set-cookie": __, ...headers } = Garbage.loginReply.headers
        const login: Garbage.Reply = {
          ...Garbage.loginReply,
          headers: { ...headers, [header]: header === "set-cookie" ? `JSESSIONID=${token}; Path=/` : token }
        }
        yield* server.answer((request) =>
          isLogin(request)
            ? login
            : { status: 200, headers: {}, body: new TextEncoder().encode("{\"name\":[]}"), ending: "complete" }
        )
        const exit = yield* outcome(Effect.scoped(Effect.gen(function*() {
          const session = yield* Session.make
          const http = yield* AmsHttp.make.pipe(Effect.provideService(Session.Session, session))
          return yield* http.execute(AmsRequest.read("v2", "person/get", {}))
        })))
        expect(Garbage.problem(exit, readErrors)).toBeUndefined()
      }),
    { fastCheck: { numRuns } }
  )

  it.effect.prop(
    "a v2 read after a valid login is an answer or a ReadError",
    [Garbage.reply([{ objects: [], totalCount: 0 }])],
    ([reply]) =>
      Effect.gen(function*() {
        const server = yield* Garbage.GarbageServer
        yield* server.answer((request) => (isLogin(request) ? Garbage.loginReply : reply))
        const http = yield* AmsHttp.AmsHttp
        const exit = yield* outcome(http.execute(AmsRequest.read("v2", "person/get", { filter: {} })))
        expect(Garbage.problem(exit, readErrors)).toBeUndefined()
      }),
    { fastCheck: { numRuns } }
  )

  it.effect.prop(
    "a v3 write after a valid login is an answer or a WriteError",
    [Garbage.reply([{ id: 1 }])],
    ([reply]) =>
      Effect.gen(function*() {
        const server = yield* Garbage.GarbageServer
        yield* server.answer((request) => (isLogin(request) ? Garbage.loginReply : reply))
        const http = yield* AmsHttp.AmsHttp
        const exit = yield* outcome(http.execute(AmsRequest.write("v3", "notes", { text: "hello" })))
        expect(Garbage.problem(exit, [...readErrors, "OutcomeUnknown"])).toBeUndefined()
      }),
    { fastCheck: { numRuns } }
  )
})

describe("the random replies", () => {
  it("cover every ending", () => {
    const endings = new Set(fc.sample(Garbage.reply(), { numRuns: 500, seed: 42 }).map((reply) => reply.ending))
    expect([...endings].sort()).toEqual(["complete", "cut", "reset", "truncated"])
  })
})
