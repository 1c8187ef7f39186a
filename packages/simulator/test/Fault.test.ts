import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Exit, Fiber, TestClock } from "effect"
import { Fault, Simulator } from "../src/index.js"
import { call, coachBasic, login, loginBody, parse, TestLayer, waitUntil } from "./utils.js"

const listgroups = (options: Parameters<typeof call>[1] = {}) =>
  call("v1/listgroups", { basic: coachBasic, body: {}, ...options })

const loginCall = call("v2/user/loginUser", { body: loginBody() })

describe("Fault", () => {
  it.effect("Latency waits on the layer's Clock, then answers normally", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.addFault({ route: "v1/listgroups", fault: Fault.Latency({ millis: 10_000 }) })
      const fiber = yield* Effect.fork(listgroups())
      yield* waitUntil(Effect.map(TestClock.sleeps(), (sleeps) => Chunk.size(sleeps) > 0), "the latency sleep")
      expect((yield* sim.requests)[0]?.status).toBe("pending")
      yield* TestClock.adjust("9 seconds")
      expect(yield* Fiber.poll(fiber)).toEqual(expect.objectContaining({ _tag: "None" }))
      yield* TestClock.adjust("1 second")
      const answer = yield* Fiber.join(fiber)
      expect(answer.status).toBe(200)
      const log = yield* sim.requests
      expect(log[0]?.fault).toBe("Latency")
      expect(log[0]?.status).toBe(200)
      expect((yield* sim.counters).faults).toEqual({ Latency: 1 })
    }).pipe(Effect.provide(TestLayer())))

  it.effect("Status answers a text/html page instead of running the handler", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.addFault({ route: "v1/listgroups", fault: Fault.Status({ status: 503 }), times: 1 })
      yield* sim.addFault({ route: "v1/listgroups", fault: Fault.Status({ status: 403 }), times: 1 })
      yield* sim.addFault({ route: "v1/listgroups", fault: Fault.Status({ status: 502, body: "bad gateway" }) })
      const unavailable = yield* listgroups()
      expect(unavailable.status).toBe(503)
      expect(unavailable.headers["content-type"]).toMatch(/^text\/html/)
      expect(unavailable.text).toBe("<html><body><h1>HTTP Status 503 – Service Unavailable</h1></body></html>")
      const forbidden = yield* listgroups()
      expect(forbidden.status).toBe(403)
      expect(forbidden.text).toBe("<html><body><h1>HTTP Status 403 – Forbidden</h1></body></html>")
      const gateway = yield* listgroups()
      expect(gateway.status).toBe(502)
      expect(gateway.text).toBe("bad gateway")
      expect((yield* sim.requests).map((r) => r.fault)).toEqual(["Status", "Status", "Status"])
    }).pipe(Effect.provide(TestLayer())))

  it.effect("Status on login does not log in", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.addFault({ route: "v2/user/loginUser", fault: Fault.Status({ status: 500 }) })
      expect((yield* loginCall).status).toBe(500)
      expect((yield* sim.counters).logins).toBe(0)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("RateLimited answers 429 with Retry-After", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.addFault({ fault: Fault.RateLimited({ retryAfterSeconds: 7 }) })
      const answer = yield* listgroups()
      expect(answer.status).toBe(429)
      expect(answer.headers["retry-after"]).toBe("7")
    }).pipe(Effect.provide(TestLayer())))

  it.effect("ResetBeforeHandler drops the connection and applies nothing", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.addFault({ route: "v2/user/loginUser", fault: Fault.ResetBeforeHandler(), times: 1 })
      const error = yield* Effect.flip(loginCall)
      expect(error._tag).toBe("RequestError")
      expect((yield* sim.counters).logins).toBe(0)
      expect(yield* sim.activeSessions).toBe(0)
      const log = yield* sim.requests
      expect(log[0]?.status).toBe("reset")
      expect(log[0]?.fault).toBe("ResetBeforeHandler")
      yield* waitUntil(Effect.map(sim.inFlight, (n) => n === 0), "the reset handler to end")
      expect((yield* loginCall).status).toBe(200)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("ResetAfterHandler applies the handler's changes, then drops the connection", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.addFault({ route: "v2/user/loginUser", fault: Fault.ResetAfterHandler(), times: 1 })
      const error = yield* Effect.flip(loginCall)
      expect(error._tag).toBe("RequestError")
      expect((yield* sim.counters).logins).toBe(1)
      expect(yield* sim.activeSessions).toBe(1)
      const log = yield* sim.requests
      expect(log[0]?.status).toBe("reset")
      expect(log[0]?.account).toBe("api.coach")
      yield* waitUntil(Effect.map(sim.inFlight, (n) => n === 0), "the reset handler to end")
    }).pipe(Effect.provide(TestLayer())))

  it.effect("TruncatedJson sends the first half of the body with a consistent Content-Length", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const full = yield* listgroups()
      yield* sim.addFault({ route: "v1/listgroups", fault: Fault.TruncatedJson() })
      const answer = yield* listgroups()
      expect(answer.status).toBe(200)
      expect(answer.text).toBe(full.text.slice(0, Math.floor(full.text.length / 2)))
      expect(answer.headers["content-length"]).toBe(String(answer.text.length))
      expect(() => JSON.parse(answer.text)).toThrow()
    }).pipe(Effect.provide(TestLayer())))

  it.effect("HtmlOk answers 200 with an HTML page", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.addFault({ route: "v2/user/loginUser", fault: Fault.HtmlOk() })
      const answer = yield* loginCall
      expect(answer.status).toBe(200)
      expect(answer.headers["content-type"]).toMatch(/^text\/html/)
      expect(answer.text).toContain("<html>")
      expect((yield* sim.counters).logins).toBe(0)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("ExpireSession expires the request's session before handling it", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const token = yield* login()
      yield* sim.addFault({ route: "v1/listgroups", fault: Fault.ExpireSession(), times: 1 })
      const answer = yield* call("v1/listgroups", { session: token, body: {} })
      expect(answer.status).toBe(401)
      expect(answer.headers["session-header"]).toBe(token)
      expect(yield* sim.activeSessions).toBe(0)
      expect((yield* sim.requests)[1]?.auth).toBe("invalid")
    }).pipe(Effect.provide(TestLayer())))

  it.effect("Hang never answers, and the handler ends when the client goes away", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.addFault({ route: "v1/listgroups", fault: Fault.Hang(), times: 1 })
      const fiber = yield* Effect.fork(listgroups())
      yield* waitUntil(Effect.map(sim.requests, (log) => log[0]?.status === "hang"), "the hung request")
      expect(yield* sim.inFlight).toBe(1)
      yield* Fiber.interrupt(fiber)
      yield* waitUntil(Effect.map(sim.inFlight, (n) => n === 0), "the hung handler to end")
      expect((yield* listgroups()).status).toBe(200)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("a hung request does not keep the simulator from closing", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.gen(function*() {
        const sim = yield* Simulator.Simulator
        yield* sim.addFault({ fault: Fault.Hang() })
        const fiber = yield* Effect.fork(listgroups())
        yield* waitUntil(Effect.map(sim.requests, (log) => log[0]?.status === "hang"), "the hung request")
        return fiber
      }).pipe(Effect.provide(Simulator.layer()), Effect.flatMap(Fiber.await))
      expect(Exit.isFailure(exit)).toBe(true)
    }).pipe(Effect.provide(TestLayer())))

  describe("rules", () => {
    const statuses = (seed: number) =>
      Effect.gen(function*() {
        const sim = yield* Simulator.Simulator
        yield* sim.addFault({ route: "v1/listgroups", fault: Fault.Status({ status: 503 }), probability: 0.5 })
        const out: Array<number> = []
        for (let i = 0; i < 16; i++) out.push((yield* listgroups()).status)
        return out
      }).pipe(Effect.provide(TestLayer({ seed })))

    it.effect("probability is decided by the seeded generator: same seed, same decisions", () =>
      Effect.gen(function*() {
        const first = yield* statuses(42)
        expect(yield* statuses(42)).toEqual(first)
        expect(first).toContain(200)
        expect(first).toContain(503)
        expect(yield* statuses(43)).not.toEqual(first)
      }))

    it.effect("skip lets the first N through, times caps the applications; other routes are untouched", () =>
      Effect.gen(function*() {
        const sim = yield* Simulator.Simulator
        yield* sim.addFault({ route: "v1/listgroups", fault: Fault.Status({ status: 503 }), skip: 2, times: 2 })
        const out: Array<number> = []
        for (let i = 0; i < 5; i++) out.push((yield* listgroups()).status)
        expect(out).toEqual([200, 200, 503, 503, 200])
        const other = yield* call("v1/groupmembers", { basic: coachBasic, body: { name: "Academy" } })
        expect(other.status).toBe(200)
        expect((yield* sim.counters).faults).toEqual({ Status: 2 })
      }).pipe(Effect.provide(TestLayer())))

    it.effect("the first applicable rule wins; prefixes and options.faults work; clearFaults removes all", () =>
      Effect.gen(function*() {
        const sim = yield* Simulator.Simulator
        yield* sim.addFault({ route: "v2/*", fault: Fault.Status({ status: 502 }) })
        expect((yield* listgroups()).status).toBe(503)
        expect((yield* listgroups()).status).toBe(429)
        expect((yield* loginCall).status).toBe(502)
        yield* sim.clearFaults
        expect((yield* listgroups()).status).toBe(200)
        expect(parse(yield* loginCall)).toEqual(expect.objectContaining({ isCoach: true }))
      }).pipe(Effect.provide(TestLayer({
        faults: [
          { route: "v1/listgroups", fault: Fault.Status({ status: 503 }), times: 1 },
          { route: "*", fault: Fault.RateLimited({ retryAfterSeconds: 1 }), times: 1 }
        ]
      }))))
  })
})
