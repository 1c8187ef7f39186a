import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Exit, TestClock } from "effect"
import { DemoData, Simulator } from "../src/index.js"
import { SimulatorState } from "../src/internal/state.js"
import { sessionExpired } from "../src/internal/v2Routes.js"
import { call, coachBasic, login, loginBody, parse, TestLayer } from "./utils.js"

const unauthorizedPage = "<html><body><h1>HTTP Status 401 – Unauthorized</h1></body></html>"

describe("Simulator", () => {
  it.effect("serves on 127.0.0.1 with the site URL", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(sim.site).toBe("demo")
      expect(sim.siteUrl).toBe(`${sim.url}/demo`)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("unknown site or route is a 404 text/html page, logged as route unknown", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const unknownRoute = yield* call("v1/nosuchthing", { basic: coachBasic, body: {} })
      expect(unknownRoute.status).toBe(404)
      expect(unknownRoute.headers["content-type"]).toMatch(/^text\/html/)
      expect(unknownRoute.text).toBe("<html><body><h1>HTTP Status 404 – Not Found</h1></body></html>")
      const otherSite = yield* call("v1/listgroups", { basic: coachBasic, body: {} }).pipe(
        Effect.provide(TestLayer({ site: "other" }))
      )
      expect(otherSite.status).toBe(200)
      const wrongSite = yield* call("/other/api/v1/listgroups", { basic: coachBasic, body: {} })
      expect(wrongSite.status).toBe(404)
      const log = yield* sim.requests
      expect(log[0]?.route).toBe("unknown")
      expect(log[0]?.status).toBe(404)
    }).pipe(Effect.provide(TestLayer())))

  describe("login (v2 user/loginUser)", () => {
    it.effect("answers the recorded exchange: headers, token, body keys", () =>
      Effect.gen(function*() {
        const sim = yield* Simulator.Simulator
        const answer = yield* call("v2/user/loginUser", { body: loginBody(), basic: coachBasic })
        expect(answer.status).toBe(200)
        expect(answer.headers["content-type"]).toBe("application/json;charset=utf-8")
        expect(answer.headers["content-disposition"]).toBe("attachment")
        const token = answer.headers["session-header"] ?? ""
        expect(token).toMatch(/^[A-Za-z0-9+-]{24}$/)
        expect(token).toContain("+")
        expect(answer.headers["set-cookie"]).toBe(`JSESSIONID=${token}; Path=/; Secure; HttpOnly`)
        const body = parse(answer) as Record<string, unknown>
        expect(Object.keys(body)).toEqual([
          "isAthlete",
          "isCoach",
          "isAdmin",
          "user",
          "applicationId",
          "loginActions",
          "restrictionPolicyIds",
          "permissions"
        ])
        expect(body.isCoach).toBe(true)
        expect(body.isAdmin).toBe(false)
        expect(body.loginActions).toEqual([])
        expect(body.restrictionPolicyIds).toEqual([])
        expect(body.permissions).toEqual(DemoData.defaultPermissions)
        const user = body.user as Record<string, unknown>
        expect(user.username).toBe("api.coach")
        expect(user.id).toBe(20100)
        expect(user.skypeName).toMatch(/^\d{19}$/)
        expect(user.accountExpiration).toBe("01/01/1970")
        expect(user.sex).toBe("2")

        const second = parse(yield* call("v2/user/loginUser", { body: loginBody(), query: false })) as {
          user: { skypeName: string }
        }
        expect(second.user.skypeName).toMatch(/^\d{19}$/)
        expect(second.user.skypeName).not.toBe(user.skypeName)
        const counters = yield* sim.counters
        expect(counters.logins).toBe(2)
        expect(counters.byRoute["v2/user/loginUser"]).toBe(2)
        expect(yield* sim.activeSessions).toBe(2)
      }).pipe(Effect.provide(TestLayer())))

    it.effect("the same seed gives the same tokens", () =>
      Effect.gen(function*() {
        const first = yield* login().pipe(Effect.provide(TestLayer({ seed: 7 })))
        const again = yield* login().pipe(Effect.provide(TestLayer({ seed: 7 })))
        const other = yield* login().pipe(Effect.provide(TestLayer({ seed: 8 })))
        expect(again).toBe(first)
        expect(other).not.toBe(first)
      }))

    it.effect("wrong password or unknown user is 401 with the text/html page", () =>
      Effect.gen(function*() {
        const sim = yield* Simulator.Simulator
        for (const credentials of [{ ...coachBasic, password: "nope" }, { username: "ghost", password: "x" }]) {
          const answer = yield* call("v2/user/loginUser", { body: loginBody(credentials) })
          expect(answer.status).toBe(401)
          expect(answer.headers["content-type"]).toMatch(/^text\/html/)
          expect(answer.headers["session-header"]).toBeUndefined()
          expect(answer.text).toBe(unauthorizedPage)
        }
        expect((yield* sim.counters).logins).toBe(0)
      }).pipe(Effect.provide(TestLayer())))

    it.effect("wrong appName is an RPC InvalidApplicationException with 200", () =>
      Effect.gen(function*() {
        const answer = yield* call("v2/user/loginUser", { body: loginBody(coachBasic, "nosuchsite") })
        expect(answer.status).toBe(200)
        expect(answer.headers["content-type"]).toBe("application/json;charset=utf-8")
        expect(parse(answer)).toEqual({
          "__is_rpc_exception__": true,
          type: "InvalidApplicationException",
          value: { detailMessage: "No application known as nosuchsite", cause: null }
        })
      }).pipe(Effect.provide(TestLayer())))

    it.effect("the login answers under any site segment, and decides by appName", () =>
      Effect.gen(function*() {
        const answer = yield* call("/ankle/api/v2/user/loginUser", { body: loginBody(coachBasic, "ankle") })
        expect(answer.status).toBe(200)
        expect(parse(answer)).toMatchObject({ type: "InvalidApplicationException" })
        const other = yield* call("/ankle/api/v1/listgroups", { basic: coachBasic, body: {} })
        expect(other.status).toBe(404)
      }).pipe(Effect.provide(TestLayer())))

    it.effect("a malformed body is an RPC InvalidRequestException", () =>
      Effect.gen(function*() {
        for (const body of ["not json", "{}", JSON.stringify({ username: "api.coach", password: "x" })]) {
          const answer = yield* call("v2/user/loginUser", { body })
          expect(answer.status).toBe(200)
          const parsed = parse(answer) as { __is_rpc_exception__: boolean; type: string }
          expect(parsed.__is_rpc_exception__).toBe(true)
          expect(parsed.type).toBe("InvalidRequestException")
        }
      }).pipe(Effect.provide(TestLayer())))
  })

  describe("sessions", () => {
    it.effect("expire after the idle timeout, measured with the Clock; use refreshes them", () =>
      Effect.gen(function*() {
        const sim = yield* Simulator.Simulator
        const token = yield* login()
        yield* TestClock.adjust("29 minutes")
        expect((yield* call("v1/listgroups", { session: token, body: {} })).status).toBe(200)
        yield* TestClock.adjust("29 minutes")
        expect((yield* call("v1/listgroups", { session: token, body: {} })).status).toBe(200)
        expect(yield* sim.activeSessions).toBe(1)
        yield* TestClock.adjust("30 minutes")
        expect(yield* sim.activeSessions).toBe(0)
        const expired = yield* call("v1/listgroups", { session: token, body: {} })
        expect(expired.status).toBe(401)
        expect(expired.text).toBe(unauthorizedPage)
        expect(expired.headers["session-header"]).toBe(token)
      }).pipe(Effect.provide(TestLayer())))

    it.effect("honour a configured idle timeout", () =>
      Effect.gen(function*() {
        const token = yield* login()
        yield* TestClock.adjust("5 minutes")
        expect((yield* call("v1/listgroups", { session: token, body: {} })).status).toBe(401)
      }).pipe(Effect.provide(TestLayer({ sessionIdleTimeout: "5 minutes" }))))

    it.effect("expireAllSessions makes the next session request 401, while Basic still works", () =>
      Effect.gen(function*() {
        const sim = yield* Simulator.Simulator
        const token = yield* login()
        yield* sim.expireAllSessions
        expect(yield* sim.activeSessions).toBe(0)
        expect((yield* call("v1/listgroups", { session: token, body: {} })).status).toBe(401)
        expect((yield* call("v1/listgroups", { basic: coachBasic, body: {} })).status).toBe(200)
        // a session that is present counts, even beside valid Basic credentials
        expect((yield* call("v1/listgroups", { session: token, basic: coachBasic, body: {} })).status).toBe(401)
      }).pipe(Effect.provide(TestLayer())))

    it("v2 answers an expired session in the configured style", () => {
      const make = (v2SessionExpiry: "rpc" | "http401") =>
        new SimulatorState({
          site: "demo",
          seed: 1,
          data: DemoData.make(),
          sessionIdleTimeoutMillis: 1000,
          v2SessionExpiry,
          faults: []
        })
      const rpc = sessionExpired(make("rpc"))
      expect(rpc.status).toBe(200)
      expect(rpc.headers["content-type"]).toBe("application/json;charset=utf-8")
      expect(JSON.parse(String(rpc.body))).toEqual({
        "__is_rpc_exception__": true,
        type: "SessionExpiredException",
        value: { detailMessage: "Session expired", cause: null }
      })
      const http = sessionExpired(make("http401"))
      expect(http.status).toBe(401)
      expect(http.body).toBe(unauthorizedPage)
    })
  })

  describe("request log", () => {
    it.effect("records every request in order and never holds a secret", () =>
      Effect.gen(function*() {
        const sim = yield* Simulator.Simulator
        const token = yield* login()
        yield* call("v1/listgroups", { session: token, body: { name: "", password: "also-secret" } })
        yield* call("v1/listgroups", { basic: { ...coachBasic, password: "wrong-password" }, body: "not json" })
        yield* call("v1/usersearch", { body: "{\"password\": \"half-a-secret" })
        const log = yield* sim.requests
        expect(log.map((r) => r.route)).toEqual([
          "v2/user/loginUser",
          "v1/listgroups",
          "v1/listgroups",
          "v1/usersearch"
        ])
        expect(log.map((r) => r.status)).toEqual([200, 200, 401, 401])
        expect(log.map((r) => r.auth)).toEqual(["basic", "session", "invalid", "none"])
        expect(log[0]?.account).toBe("api.coach")
        expect(log[1]?.account).toBe("api.coach")
        expect(log[0]?.method).toBe("POST")
        expect(log[0]?.path).toBe("/demo/api/v2/user/loginUser")
        expect(log[0]?.query).toEqual({ informat: "json", format: "json" })
        expect(log[0]?.body).toEqual({
          username: "api.coach",
          password: "<redacted>",
          loginProperties: { appName: "demo", clientTime: "2025-05-16T10:00:00" }
        })
        expect(log[0]?.headers["authorization"]).toBe("<redacted>")
        expect(log[1]?.headers["session-header"]).toBe("<redacted>")
        expect(log[1]?.headers["cookie"]).toBe("<redacted>")
        expect(log[0]?.headers["content-type"]).toBe("application/json")
        expect(log[2]?.body).toBe("not json")
        const all = JSON.stringify(log)
        for (const secret of [coachBasic.password, "also-secret", "wrong-password", "half-a-secret", token]) {
          expect(all).not.toContain(secret)
        }
        expect(all).not.toContain(Buffer.from(`api.coach:${coachBasic.password}`).toString("base64"))
        yield* sim.clearRequests
        expect(yield* sim.requests).toEqual([])
        expect((yield* sim.counters).requests).toBe(4)
      }).pipe(Effect.provide(TestLayer())))

    it.effect("keeps the latest logLimit requests, in order; the counters count every one", () =>
      Effect.gen(function*() {
        const sim = yield* Simulator.Simulator
        const groups = Array.from({ length: 9 }, (_, i) => `group ${i + 1}`)
        const loggedGroups = Effect.map(sim.requests, (log) => log.map((r) => (r.body as { name: string }).name))
        const send = (names: ReadonlyArray<string>) =>
          Effect.forEach(names, (name) => call("v1/groupmembers", { basic: coachBasic, body: { name } }))
        yield* send(groups.slice(0, 2))
        expect(yield* loggedGroups).toEqual(["group 1", "group 2"])
        yield* send(groups.slice(2, 5))
        expect(yield* loggedGroups).toEqual(["group 3", "group 4", "group 5"])
        yield* send(groups.slice(5))
        expect(yield* loggedGroups).toEqual(["group 7", "group 8", "group 9"])
        expect((yield* sim.requests).map((r) => r.status)).toEqual([200, 200, 200])
        expect((yield* sim.counters).requests).toBe(9)
        yield* sim.clearRequests
        yield* send(["group 10"])
        expect(yield* loggedGroups).toEqual(["group 10"])
      }).pipe(Effect.provide(TestLayer({ logLimit: 3 }))))

    it.effect("logLimit 0 keeps no request", () =>
      Effect.gen(function*() {
        const sim = yield* Simulator.Simulator
        yield* call("v1/listgroups", { basic: coachBasic, body: { name: "" } })
        expect(yield* sim.requests).toEqual([])
        expect((yield* sim.counters).requests).toBe(1)
      }).pipe(Effect.provide(TestLayer({ logLimit: 0 }))))

    it.effect("a logLimit that is not a whole number ≥ 0 or Infinity is a defect naming it", () =>
      Effect.gen(function*() {
        for (const logLimit of [-1, 2.5, Number.NaN]) {
          const exit = yield* Effect.exit(Effect.scoped(Simulator.make({ logLimit })))
          expect(exit).toStrictEqual(
            Exit.die(
              new Cause.RuntimeException(
                `Simulator option logLimit must be a whole number ≥ 0 or Infinity, not ${logLimit}`
              )
            )
          )
        }
      }))
  })
})
