import { AmsHttp, AmsRequest, Session } from "@ams-effect/core"
import { DemoData, Fault, Simulator } from "@ams-effect/simulator"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Fiber, Redacted, TestClock } from "effect"
import { layer, password, requestsTo, seedData } from "./fixtures.js"

const listGroups = Effect.flatMap(AmsHttp.AmsHttp, (http) => http.execute(AmsRequest.read("v1", "listgroups", {})))
const coachUserId = seedData().accounts.find((account) => account.username === DemoData.coach.username)!.userId

describe("Session", () => {
  it.scoped("logs in with the exchange of spec §1.4 and sends the session on later calls", () =>
    Effect.gen(function*() {
      const session = yield* Session.Session
      const current = yield* session.current
      expect(Redacted.value(current.token)).toMatch(/^[A-Za-z0-9+-]{24}$/)
      expect(current.info.userId).toBe(coachUserId)
      expect(current.info.username).toBe(DemoData.coach.username)
      expect(current.info.isCoach).toBe(true)
      expect(current.info.permissions.length).toBeGreaterThan(0)

      const [login, ...more] = yield* requestsTo("v2/user/loginUser")
      expect(more).toHaveLength(0)
      expect(login?.method).toBe("POST")
      expect(login?.path).toBe("/demo/api/v2/user/loginUser")
      expect(login?.query).toEqual({ informat: "json", format: "json" })
      expect(login?.auth).toBe("basic")
      expect(login?.headers["content-type"]).toMatch(/^application\/json/)
      expect(login?.headers["accept"]).toBe("application/json")
      expect(login?.headers["x-app-id"]).toBe("ams-effect.tests")
      expect(login?.body).toEqual({
        username: DemoData.coach.username,
        password: "<redacted>",
        loginProperties: { appName: "demo", clientTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/) }
      })

      yield* listGroups
      const [call] = yield* requestsTo("v1/listgroups")
      expect(call?.auth).toBe("session")
      expect(call?.account).toBe(DemoData.coach.username)
      expect(call?.headers["session-header"]).toBe("<redacted>")
      expect(call?.headers["cookie"]).toBe("<redacted>")
      expect(call?.headers["authorization"]).toBeUndefined()
    }).pipe(Effect.provide(layer({ config: { appId: "ams-effect.tests" } }))))

  it.scoped("logs in, and calls v1 with Basic, as a user whose name and password are beyond Latin-1 (UTF-8)", () => {
    const account = { username: "łucja.żak", password: "hasło-ŻÓŁW-é-✓" }
    const data = seedData()
    const coach = data.accounts.find((candidate) => candidate.username === DemoData.coach.username)!
    return Effect.gen(function*() {
      const session = yield* Session.Session
      expect((yield* session.current).info.userId).toBe(coach.userId)
      const [login] = yield* requestsTo("v2/user/loginUser")
      expect(login?.account).toBe(account.username)
      const basic = Effect.flatMap(AmsHttp.AmsHttp, (http) => http.execute(AmsRequest.read("v1", "listgroups", {})))
      expect((yield* basic).status).toBe(200)
      const [call] = yield* requestsTo("v1/listgroups")
      expect(call?.auth).toBe("basic")
      expect(call?.account).toBe(account.username)
    }).pipe(Effect.provide(layer({
      simulator: { data: { ...data, accounts: [...data.accounts, { ...coach, ...account }] } },
      config: { username: account.username, password: Redacted.make(account.password), v1Auth: "basic" }
    })))
  })

  it.scoped("uses tokens verbatim, '+' included", () =>
    Effect.gen(function*() {
      const session = yield* Session.Session
      const tokens: Array<string> = []
      let current = yield* session.current
      for (let i = 0; i < 12; i++) {
        tokens.push(Redacted.value(current.token))
        yield* listGroups
        current = yield* session.refresh(current)
      }
      expect(tokens.some((token) => token.includes("+"))).toBe(true)
      const calls = yield* requestsTo("v1/listgroups")
      expect(calls.map((call) => call.status)).toEqual(Array(12).fill(200))
    }).pipe(Effect.provide(layer())))

  it.scoped("a wrong password is AuthenticationFailed, and is not kept", () =>
    Effect.gen(function*() {
      const session = yield* Session.Session
      const first = yield* Effect.flip(session.current)
      expect(first._tag).toBe("AuthenticationFailed")
      if (first._tag !== "AuthenticationFailed") return
      expect(first.reason).toBe("InvalidCredentials")
      expect(first.status).toBe(401)
      expect(first.message).toContain("username")
      yield* Effect.flip(session.current)
      expect(yield* requestsTo("v2/user/loginUser")).toHaveLength(2)
    }).pipe(Effect.provide(layer({ config: { password: Redacted.make("not-the-password") } }))))

  it.scoped("a wrong site name is AuthenticationFailed carrying the server's detail", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Effect.flatMap(Session.Session, (session) => session.current))
      expect(error._tag).toBe("AuthenticationFailed")
      if (error._tag !== "AuthenticationFailed") return
      expect(error.reason).toBe("LoginRejected")
      expect(error.exceptionType).toBe("InvalidApplicationException")
      expect(error.detail).toBe("No application known as ankle")
      expect(error.message).toContain("No application known as ankle")
      expect(error.message).toContain("site")
    }).pipe(Effect.provide(layer({ site: "ankle" }))))

  it.scoped("50 concurrent first calls make exactly one login", () =>
    Effect.gen(function*() {
      const simulator = yield* Simulator.Simulator
      const results = yield* Effect.all(Array.from({ length: 50 }, () => listGroups), { concurrency: "unbounded" })
      expect(results.every((response) => response.status === 200)).toBe(true)
      expect((yield* simulator.counters).logins).toBe(1)
      expect(yield* requestsTo("v2/user/loginUser")).toHaveLength(1)
    }).pipe(Effect.provide(layer())))

  it.scoped("concurrent callers share one failed login; the next call tries again", () =>
    Effect.gen(function*() {
      const session = yield* Session.Session
      const exits = yield* Effect.all(Array.from({ length: 10 }, () => Effect.exit(session.current)), {
        concurrency: "unbounded"
      })
      expect(exits.every(Exit.isFailure)).toBe(true)
      expect(yield* requestsTo("v2/user/loginUser")).toHaveLength(1)
      yield* Effect.exit(session.current)
      expect(yield* requestsTo("v2/user/loginUser")).toHaveLength(2)
    }).pipe(Effect.provide(layer({ config: { password: Redacted.make("wrong") } }))))

  it.scoped("unsafeCurrent reads the session at once: none before and during a login and after invalidate", () =>
    Effect.gen(function*() {
      const simulator = yield* Simulator.Simulator
      yield* simulator.addFault(Fault.rule(Fault.Latency({ millis: 1_000 }), { route: "v2/user/loginUser", times: 1 }))
      const session = yield* Session.Session
      expect(session.unsafeCurrent()).toBeUndefined()
      const login = yield* Effect.fork(session.current)
      yield* TestClock.adjust("100 millis")
      expect(session.unsafeCurrent()).toBeUndefined() // logging in
      yield* TestClock.adjust("1 second")
      const first = yield* Fiber.join(login)
      expect(session.unsafeCurrent()).toBe(first)
      yield* session.invalidate
      expect(session.unsafeCurrent()).toBeUndefined()
      // The pipeline, which reads it on every call, then logs in again
      yield* listGroups
      const second = session.unsafeCurrent()
      expect(second?.generation).toBe(2)
      expect((yield* simulator.counters).logins).toBe(2)
      expect((yield* requestsTo("v1/listgroups")).map((request) => [request.auth, request.status])).toEqual([
        ["session", 200]
      ])
      expect(Redacted.value(second!.token)).not.toBe(Redacted.value(first.token))
    }).pipe(Effect.provide(layer())))

  it.scoped("an interrupted caller does not abort the login others wait for", () =>
    Effect.gen(function*() {
      const simulator = yield* Simulator.Simulator
      yield* simulator.addFault(Fault.rule(Fault.Latency({ millis: 1_000 }), { route: "v2/user/loginUser" }))
      const session = yield* Session.Session
      const first = yield* Effect.fork(session.current)
      const second = yield* Effect.fork(session.current)
      yield* TestClock.adjust("100 millis")
      yield* Fiber.interrupt(first)
      yield* TestClock.adjust("1 second")
      const token = yield* Fiber.join(second)
      expect(token.generation).toBe(1)
      expect((yield* simulator.counters).logins).toBe(1)
    }).pipe(Effect.provide(layer())))

  it.scoped("a login answered with an HTML page is UnexpectedResponse", () =>
    Effect.gen(function*() {
      const simulator = yield* Simulator.Simulator
      yield* simulator.addFault(Fault.rule(Fault.HtmlOk(), { route: "v2/user/loginUser", times: 1 }))
      const error = yield* Effect.flip(Effect.flatMap(Session.Session, (session) => session.current))
      expect(error._tag).toBe("UnexpectedResponse")
      expect(error.message).toContain("text/html")
    }).pipe(Effect.provide(layer())))

  it.scoped("a cut-off login answer is UnexpectedResponse", () =>
    Effect.gen(function*() {
      const simulator = yield* Simulator.Simulator
      yield* simulator.addFault(Fault.rule(Fault.TruncatedJson(), { route: "v2/user/loginUser", times: 1 }))
      const error = yield* Effect.flip(Effect.flatMap(Session.Session, (session) => session.current))
      expect(error._tag).toBe("UnexpectedResponse")
    }).pipe(Effect.provide(layer())))

  it.scoped("the password never reaches the request log", () =>
    Effect.gen(function*() {
      yield* Effect.flatMap(Session.Session, (session) => session.current)
      const simulator = yield* Simulator.Simulator
      expect(JSON.stringify(yield* simulator.requests)).not.toContain(password)
    }).pipe(Effect.provide(layer())))
})
