import { AmsConfig, AmsHttp, AmsRequest, AmsResponse, RetryPolicy } from "@ams-effect/core"
import { Fault, Simulator, TestTime } from "@ams-effect/simulator"
import { describe, expect, it } from "@effect/vitest"
import { type Duration, Effect, Fiber, Layer, Redacted, Schema, Stream, TestClock } from "effect"
import {
  drippingServer,
  httpClients,
  layer as fixtureLayer,
  type Options,
  recordSpans,
  requestsTo,
  stalledServer
} from "./fixtures.js"

const execute = <I extends boolean>(request: AmsRequest.AmsRequest<I>) =>
  Effect.flatMap(AmsHttp.AmsHttp, (http) => http.execute(request))
const listGroups = execute(AmsRequest.read("v1", "listgroups", {}))
/** A non-idempotent call: the pipeline must treat it as a write whatever the route does. */
const writeListGroups = execute(AmsRequest.write("v1", "listgroups", {}))
const GroupNames = Schema.Struct({ name: Schema.Array(Schema.String) })

const addFault = (route: string, fault: Fault.Fault, options: Omit<Fault.FaultRule, "fault" | "route"> = {}) =>
  Effect.flatMap(Simulator.Simulator, (simulator) => simulator.addFault(Fault.rule(fault, { route, ...options })))

const logins = Effect.flatMap(
  Simulator.Simulator,
  (simulator) => Effect.map(simulator.counters, (counters) => counters.logins)
)

describe.each(httpClients)("AmsHttp on %s", (_, httpClient) => {
  const layer = (options: Options = {}) => fixtureLayer({ ...options, httpClient })

  describe("session", () => {
    it.scoped("an expired session is renewed once and the call succeeds", () =>
      Effect.gen(function*() {
        const simulator = yield* Simulator.Simulator
        yield* listGroups
        yield* simulator.expireAllSessions
        const response = yield* listGroups
        expect(response.status).toBe(200)
        expect(yield* logins).toBe(2)
        const statuses = (yield* requestsTo("v1/listgroups")).map((request) => request.status)
        expect(statuses).toEqual([200, 401, 200])
      }).pipe(Effect.provide(layer())))

    it.scoped("a session that idles past the server's timeout is renewed", () =>
      Effect.gen(function*() {
        yield* listGroups
        yield* TestClock.adjust("31 minutes")
        expect((yield* listGroups).status).toBe(200)
        expect(yield* logins).toBe(2)
      }).pipe(Effect.provide(layer({ simulator: { sessionIdleTimeout: "30 minutes" } }))))

    it.scoped("401 again after a fresh login is AuthenticationFailed", () =>
      Effect.gen(function*() {
        yield* addFault("v1/listgroups", Fault.Status({ status: 401 }))
        const error = yield* Effect.flip(listGroups)
        expect(error._tag).toBe("AuthenticationFailed")
        if (error._tag === "AuthenticationFailed") expect(error.reason).toBe("SessionRejected")
        expect(yield* logins).toBe(2)
        expect(yield* requestsTo("v1/listgroups")).toHaveLength(2)
      }).pipe(Effect.provide(layer())))

    it.scoped("403 is AccessDenied, with the checklist in its message", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(execute(AmsRequest.read("v1", "groupmembers", { name: "Staff" })))
        expect(error._tag).toBe("AccessDenied")
        expect(error.message).toContain("Coach access")
        expect(error.message).toContain("case-sensitive")
        expect(yield* requestsTo("v1/groupmembers")).toHaveLength(2)
      }).pipe(Effect.provide(layer())))

    it.scoped("v1 with Basic auth makes no login, and a 401 is AuthenticationFailed", () =>
      Effect.gen(function*() {
        expect((yield* listGroups).status).toBe(200)
        expect(yield* logins).toBe(0)
        const [call] = yield* requestsTo("v1/listgroups")
        expect(call?.auth).toBe("basic")
        yield* addFault("v1/listgroups", Fault.Status({ status: 401 }))
        const error = yield* Effect.flip(listGroups)
        expect(error._tag).toBe("AuthenticationFailed")
        if (error._tag === "AuthenticationFailed") expect(error.reason).toBe("BasicRejected")
      }).pipe(Effect.provide(layer({ config: { v1Auth: "basic" } }))))
  })

  describe("execute with a decoder", () => {
    /** listgroups decoded by `decode`, with the answers `decode` was given. */
    const decodedWith = <A, E>(decode: (response: AmsResponse.AmsResponse) => Effect.Effect<A, E>) => {
      const given: Array<AmsResponse.AmsResponse> = []
      const call = Effect.flatMap(
        AmsHttp.AmsHttp,
        (http) =>
          http.execute(AmsRequest.read("v1", "listgroups", {}), (response) => {
            given.push(response)
            return decode(response)
          })
      )
      return { call, given }
    }

    it.scoped("answers what the decoder makes of the answer", () =>
      Effect.gen(function*() {
        const { call, given } = decodedWith(AmsResponse.decode(GroupNames))
        const groups = yield* call
        expect(groups.name).toContain("Mens Squad")
        expect(given.map((response) => response.status)).toEqual([200])
        expect(yield* call).toEqual(groups) // the same effect, run again, sends and decodes again
        expect(given).toHaveLength(2)
        expect(yield* requestsTo("v1/listgroups")).toHaveLength(2)
      }).pipe(Effect.provide(layer())))

    it.scoped("decodes only the answer after a renewed session, never the refusal", () =>
      Effect.gen(function*() {
        const simulator = yield* Simulator.Simulator
        const { call, given } = decodedWith(AmsResponse.decode(GroupNames))
        yield* call
        yield* simulator.expireAllSessions
        expect((yield* call).name).toContain("Mens Squad")
        expect(given.map((response) => response.status)).toEqual([200, 200])
        expect(yield* logins).toBe(2)
        expect((yield* requestsTo("v1/listgroups")).map((request) => request.status)).toEqual([200, 401, 200])
      }).pipe(Effect.provide(layer())))

    const refusals = [
      ["after a fresh login", "SessionRejected", {}],
      ["with Basic auth", "BasicRejected", { config: { v1Auth: "basic" } }]
    ] as const
    for (const [when, reason, options] of refusals) {
      it.scoped(`a refusal ${when} is AuthenticationFailed (${reason}), the decoder not called`, () =>
        Effect.gen(function*() {
          yield* addFault("v1/listgroups", Fault.Status({ status: 401 }))
          const { call, given } = decodedWith(AmsResponse.decode(GroupNames))
          const error = yield* Effect.flip(call)
          expect(error._tag === "AuthenticationFailed" && error.reason).toBe(reason)
          expect(given).toHaveLength(0)
        }).pipe(Effect.provide(layer(options))))
    }

    it.scoped("the decoder's failure is the call's, as it is, and the call is not repeated", () =>
      Effect.gen(function*() {
        const { call, given } = decodedWith(AmsResponse.decode(Schema.Struct({ name: Schema.Array(Schema.Number) })))
        const error = yield* Effect.flip(call)
        expect(error._tag === "ResponseDecodeError" && error.path).toBe("name[0]")
        expect(given).toHaveLength(1)
        expect(yield* requestsTo("v1/listgroups")).toHaveLength(1)
      }).pipe(Effect.provide(layer())))

    it.scoped("a transient failure is retried before the decoder sees an answer", () =>
      Effect.gen(function*() {
        yield* addFault("v1/listgroups", Fault.Status({ status: 503 }), { times: 1 })
        const { call, given } = decodedWith(AmsResponse.decode(GroupNames))
        expect((yield* TestTime.runWithClock(call)).name).toContain("Mens Squad")
        expect(given.map((response) => response.status)).toEqual([200])
        expect((yield* requestsTo("v1/listgroups")).map((request) => request.status)).toEqual([503, 200])
      }).pipe(Effect.provide(layer())))
  })

  describe("retries", () => {
    it.scoped("503, 503, 200 succeeds after backoff", () =>
      Effect.gen(function*() {
        yield* addFault("v1/listgroups", Fault.Status({ status: 503 }), { times: 2 })
        const response = yield* TestTime.runWithClock(listGroups)
        expect(response.status).toBe(200)
        expect(response.attempts).toBe(3)
        const at = (yield* requestsTo("v1/listgroups")).map((request) => request.at)
        expect(at).toHaveLength(3)
        expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(160)
        expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(320)
      }).pipe(Effect.provide(layer())))

    it.scoped("429 with Retry-After: 5 waits at least 5 seconds", () =>
      Effect.gen(function*() {
        yield* addFault("v1/listgroups", Fault.RateLimited({ retryAfterSeconds: 5 }), { times: 1 })
        const fiber = yield* Effect.fork(listGroups)
        const wake = yield* TestTime.nextSleep("10 seconds")
        expect(wake - (yield* TestClock.currentTimeMillis)).toBeGreaterThanOrEqual(5_000)
        yield* TestClock.adjust("4900 millis")
        expect(yield* requestsTo("v1/listgroups")).toHaveLength(1)
        yield* TestClock.adjust("200 millis")
        expect((yield* Fiber.join(fiber)).status).toBe(200)
        const at = (yield* requestsTo("v1/listgroups")).map((request) => request.at)
        expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(5_000)
      }).pipe(Effect.provide(layer())))

    it.scoped("a Retry-After beyond the policy's limit ends the retries", () =>
      Effect.gen(function*() {
        yield* addFault("v1/listgroups", Fault.RateLimited({ retryAfterSeconds: 3_600 }))
        const error = yield* Effect.flip(listGroups)
        expect(error._tag).toBe("ServerError")
        if (error._tag === "ServerError") {
          expect(error.status).toBe(429)
          expect(error.retryAfterMillis).toBe(3_600_000)
          expect(error.attempts).toBe(1)
        }
      }).pipe(Effect.provide(layer())))

    it.scoped("a server that keeps failing is ServerError after the bounded retries", () =>
      Effect.gen(function*() {
        yield* addFault("v1/listgroups", Fault.Status({ status: 503 }))
        const error = yield* TestTime.runWithClock(Effect.flip(listGroups))
        expect(error._tag).toBe("ServerError")
        if (error._tag === "ServerError") expect(error.attempts).toBe(3)
        expect(yield* requestsTo("v1/listgroups")).toHaveLength(3)
      }).pipe(Effect.provide(layer({ retry: { maxRetries: 2 } }))))

    it.scoped("a reset before the handler ran is retried for a read", () =>
      Effect.gen(function*() {
        yield* addFault("v1/listgroups", Fault.ResetBeforeHandler(), { times: 1 })
        expect((yield* TestTime.runWithClock(listGroups)).status).toBe(200)
        expect((yield* requestsTo("v1/listgroups")).map((request) => request.status)).toEqual(["reset", 200])
      }).pipe(Effect.provide(layer())))

    it.scoped("a reset after the handler ran is OutcomeUnknown for a write, and not repeated", () =>
      Effect.gen(function*() {
        yield* listGroups // log in first, so that only the write is counted
        yield* addFault("v1/listgroups", Fault.ResetAfterHandler(), { times: 1 })
        const error = yield* Effect.flip(writeListGroups)
        expect(error._tag).toBe("OutcomeUnknown")
        expect(error.message).toContain("may or may not have been applied")
        expect((yield* requestsTo("v1/listgroups")).map((request) => request.status)).toEqual([200, "reset"])
      }).pipe(Effect.provide(layer())))

    it.scoped("a write answered 503 is repeated: the server did not process it", () =>
      Effect.gen(function*() {
        yield* addFault("v1/listgroups", Fault.Status({ status: 503 }), { times: 1 })
        expect((yield* TestTime.runWithClock(writeListGroups)).status).toBe(200)
      }).pipe(Effect.provide(layer())))

    it.scoped("a write answered 502 is OutcomeUnknown: a gateway may have passed it on", () =>
      Effect.gen(function*() {
        yield* addFault("v1/listgroups", Fault.Status({ status: 502 }), { times: 1 })
        const error = yield* Effect.flip(writeListGroups)
        expect(error._tag).toBe("OutcomeUnknown")
      }).pipe(Effect.provide(layer())))

    it.scoped("a server that never answers is Timeout within the configured limit", () =>
      Effect.gen(function*() {
        const simulator = yield* Simulator.Simulator
        yield* addFault("v1/listgroups", Fault.Hang())
        yield* Effect.flatMap(AmsHttp.AmsHttp, (http) => http.execute(AmsRequest.read("v1", "currentgroup", {})))
        const fiber = yield* Effect.fork(Effect.flip(listGroups))
        yield* TestTime.nextSleep("2 seconds")
        yield* TestClock.adjust("1999 millis")
        expect(fiber.unsafePoll()).toBeNull()
        yield* TestClock.adjust("1 millis")
        const error = yield* Fiber.join(fiber)
        expect(error._tag).toBe("Timeout")
        if (error._tag === "Timeout") expect(error.timeoutMillis).toBe(2_000)
        // The aborted request released its connection: the simulator sees nothing in flight.
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 100)))
        expect(yield* simulator.inFlight).toBe(0)
      }).pipe(Effect.provide(layer({ config: { timeout: "2 seconds" }, retry: RetryPolicy.none }))))

    it.scopedLive("on the live clock too, a hung server is Timeout after the limit and its connection released", () =>
      Effect.gen(function*() {
        const simulator = yield* Simulator.Simulator
        yield* Effect.flatMap(AmsHttp.AmsHttp, (http) => http.execute(AmsRequest.read("v1", "currentgroup", {})))
        yield* addFault("v1/listgroups", Fault.Hang())
        const started = Date.now()
        const error = yield* Effect.flip(listGroups)
        const elapsed = Date.now() - started
        expect(error._tag).toBe("Timeout")
        expect(elapsed).toBeGreaterThanOrEqual(290)
        expect(elapsed).toBeLessThan(5_000)
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 100)))
        expect(yield* simulator.inFlight).toBe(0)
      }).pipe(Effect.provide(layer({ config: { timeout: "300 millis" }, retry: RetryPolicy.none }))))

    it.scoped("a refused connection is TransportError after the retries, even for a write", () =>
      Effect.gen(function*() {
        const error = yield* TestTime.runWithClock(Effect.flip(writeListGroups))
        expect(error._tag).toBe("TransportError")
        if (error._tag === "TransportError") {
          expect(error.attempts).toBe(3)
          expect(error.description).toContain("ECONNREFUSED")
        }
      }).pipe(Effect.provide(
        AmsHttp.layerWithSession.pipe(
          Layer.provide(
            AmsConfig.layer({
              url: "http://127.0.0.1:1/demo",
              username: "u",
              password: Redacted.make("p"),
              v1Auth: "basic"
            }).pipe(Layer.orDie)
          ),
          Layer.provide(httpClient),
          Layer.provide(RetryPolicy.layer({ maxRetries: 2 }))
        )
      )))
  })

  /** The pipeline against a local server (not the simulator): Basic auth, no retries. */
  const streamingLayer = (url: string, timeout: Duration.DurationInput) =>
    AmsHttp.layerWithSession.pipe(
      Layer.provide(
        AmsConfig.layer({ url: `${url}/demo`, username: "u", password: Redacted.make("p"), v1Auth: "basic", timeout })
          .pipe(Layer.orDie)
      ),
      Layer.provide(httpClient),
      Layer.provide(RetryPolicy.layer({ maxRetries: 0 }))
    )

  it.scoped("a streamed answer that stalls mid-body is Timeout once no chunk has come for the limit, and is closed", () =>
    Effect.gen(function*() {
      const server = yield* stalledServer("{\"export\": {\"events\": [")
      const { cutShort, stalled } = yield* Effect.gen(function*() {
        const http = yield* AmsHttp.AmsHttp
        const response = yield* http.executeStream(AmsRequest.read("v1", "synchronise", {}))
        expect(typeof response.body).not.toBe("string")
        if (typeof response.body === "string") return yield* Effect.die("not streamed")
        const fiber = yield* Effect.fork(Effect.flip(Stream.runDrain(response.body)))
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 100))) // the first chunk arrives
        yield* TestClock.adjust("1999 millis")
        expect(fiber.unsafePoll()).toBeNull()
        yield* TestClock.adjust("1 millis")
        const stalled = yield* Fiber.join(fiber)
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 100)))
        return { stalled, cutShort: yield* server.cutShort } // asked while the client still lives
      }).pipe(Effect.provide(streamingLayer(server.url, "2 seconds")))
      expect(stalled._tag).toBe("Timeout")
      if (stalled._tag === "Timeout") expect(stalled.timeoutMillis).toBe(2_000)
      expect(cutShort).toBe(true) // the timed-out answer's connection was closed
    }))

  /** A streamed `synchronise` answer from `url`, each chunk kept after `perChunk` of the reader's own time. */
  const readSlowly = (url: string, timeout: Duration.DurationInput, perChunk: Duration.DurationInput) =>
    Effect.gen(function*() {
      const http = yield* AmsHttp.AmsHttp
      const response = yield* http.executeStream(AmsRequest.read("v1", "synchronise", {}))
      if (typeof response.body === "string") return yield* Effect.die("not streamed")
      const chunks: Array<Uint8Array> = []
      yield* Stream.runForEach(response.body, (chunk) => Effect.as(Effect.sleep(perChunk), chunks.push(chunk)))
      return chunks
    }).pipe(Effect.provide(streamingLayer(url, timeout)))

  it.scopedLive("a reader slower than the limit over each chunk is not Timeout: only waiting for the server counts", () =>
    Effect.gen(function*() {
      // The server keeps sending while the reader is busy with the first chunk: what it sent must not count as idle
      const pieces = ["{\"export\": {\"events\": [", ...Array.from({ length: 10 }, () => "{},"), "{}", "]}}"]
      const chunks = yield* readSlowly((yield* drippingServer(pieces, 50)).url, "200 millis", "300 millis")
      expect(chunks.length).toBeGreaterThanOrEqual(2)
      expect(Buffer.concat(chunks).toString("utf8")).toBe(pieces.join(""))
    }))

  it.scopedLive("a slow server and a slow reader are not Timeout while each wait for the server is within the limit", () =>
    Effect.gen(function*() {
      // A chunk every 400 ms, 250 ms of the reader's own per chunk: each wait is 150 ms, under the 300 ms limit,
      // though 400 ms pass between two chunks
      const pieces = ["{\"export\": {\"events\": [", "{},", "{},", "{}", "]}}"]
      const chunks = yield* readSlowly((yield* drippingServer(pieces, 400)).url, "300 millis", "250 millis")
      expect(chunks.length).toBe(pieces.length)
      expect(Buffer.concat(chunks).toString("utf8")).toBe(pieces.join(""))
    }))

  it.scopedLive("a reader that stops early ends the answer: the server sees the connection close before its end", () =>
    Effect.gen(function*() {
      const pieces = ["{\"export\": {\"events\": [", ...Array.from({ length: 200 }, () => "{},"), "{}", "]}}"]
      const server = yield* drippingServer(pieces, 10)
      const started = Date.now()
      const { cutShort, firstTwo } = yield* Effect.gen(function*() {
        const http = yield* AmsHttp.AmsHttp
        const response = yield* http.executeStream(AmsRequest.read("v1", "synchronise", {}))
        if (typeof response.body === "string") return yield* Effect.die("not streamed")
        const firstTwo = yield* Stream.runCollect(Stream.take(response.body, 2))
        yield* Effect.sleep("100 millis")
        // Asked while the client (and its connections) still live: the stream itself must have ended the answer
        return { firstTwo, cutShort: yield* server.cutShort }
      }).pipe(Effect.provide(streamingLayer(server.url, "5 seconds")))
      expect(firstTwo.length).toBe(2)
      expect(Date.now() - started).toBeLessThan(1_000) // the 2 s answer was not waited for
      expect(cutShort).toBe(true)
    }))

  it.scoped("one span per call, named after the endpoint, and none from the HTTP client per attempt", () => {
    const spans = recordSpans()
    return Effect.gen(function*() {
      yield* listGroups
      yield* addFault("v1/listgroups", Fault.Status({ status: 503 }), { times: 1 })
      yield* TestTime.runWithClock(listGroups)
      // The login's own spans, then one per listgroups call: the retried one is still one span, with 2 attempts
      expect(spans.spans.map((span) => span.name)).toEqual([
        "ams.session.login",
        "ams.v2.user.loginUser",
        "ams.v1.listgroups",
        "ams.v1.listgroups"
      ])
      const last = spans.spans.at(-1)!
      expect(last.attributes.get("ams.attempts")).toBe(2)
      expect(last.attributes.get("http.response.status_code")).toBe(200)
    }).pipe(spans.provide, Effect.provide(layer()))
  })

  it.scoped("with Effect's built-in tracer (nothing exported), a call leaves its caller's span as it was", () =>
    Effect.gen(function*() {
      const caller = yield* Effect.gen(function*() {
        yield* listGroups
        return yield* Effect.currentSpan
      }).pipe(Effect.withSpan("caller"))
      // The call's attributes belong to its own span (made only for a tracer that exports), never to the caller's
      expect([...caller.attributes.keys()]).toEqual([])
    }).pipe(Effect.provide(layer())))

  describe("answers", () => {
    it.scoped("an HTML page with 200 is UnexpectedResponse", () =>
      Effect.gen(function*() {
        yield* listGroups
        yield* addFault("v1/listgroups", Fault.HtmlOk(), { times: 1 })
        const error = yield* Effect.flip(Effect.flatMap(listGroups, AmsResponse.decode(GroupNames)))
        expect(error._tag).toBe("UnexpectedResponse")
        if (error._tag === "UnexpectedResponse") {
          expect(error.status).toBe(200)
          expect(error.contentType).toContain("text/html")
          expect(error.bodyExcerpt).toContain("<")
        }
      }).pipe(Effect.provide(layer())))

    it.scoped("a cut-off JSON body is UnexpectedResponse", () =>
      Effect.gen(function*() {
        yield* listGroups
        yield* addFault("v1/listgroups", Fault.TruncatedJson(), { times: 1 })
        const error = yield* Effect.flip(Effect.flatMap(listGroups, AmsResponse.decode(GroupNames)))
        expect(error._tag).toBe("UnexpectedResponse")
      }).pipe(Effect.provide(layer())))

    it.scoped("JSON of the wrong shape is ResponseDecodeError with the path", () =>
      Effect.gen(function*() {
        const Wrong = Schema.Struct({ name: Schema.Array(Schema.Number) })
        const error = yield* Effect.flip(Effect.flatMap(listGroups, AmsResponse.decode(Wrong)))
        expect(error._tag).toBe("ResponseDecodeError")
        if (error._tag === "ResponseDecodeError") expect(error.path).toBe("name[0]")
      }).pipe(Effect.provide(layer())))

    it.scoped("v1 answers are decoded by content, without a Content-Type", () =>
      Effect.gen(function*() {
        const response = yield* listGroups
        expect(AmsResponse.contentType(response)).toBeUndefined()
        const groups = yield* AmsResponse.decode(GroupNames)(response)
        expect(groups.name).toContain("Mens Squad")
        expect(groups.name).not.toContain("Staff")
      }).pipe(Effect.provide(layer())))

    it.scoped("decode's fast path builds the answers it knows; the schema decodes, and names, the others", () =>
      Effect.gen(function*() {
        const response = yield* listGroups
        const seen: Array<unknown> = []
        const fast = (json: unknown) => {
          seen.push(json)
          const name = (json as { name?: unknown }).name
          return Array.isArray(name) && name.length > 1 ? { name: ["built", "directly"] } : undefined
        }
        expect(yield* AmsResponse.decode(GroupNames, { fast })(response)).toEqual({ name: ["built", "directly"] })
        expect(seen).toEqual([JSON.parse(response.body)]) // given the parsed body, once
        const Wrong = Schema.Struct({ name: Schema.Array(Schema.Number) })
        const declined = yield* Effect.flip(AmsResponse.decode(Wrong, { fast: () => undefined })(response))
        expect(declined._tag === "ResponseDecodeError" && declined.path).toBe("name[0]")
      }).pipe(Effect.provide(layer())))

    it.effect("a body that cannot be serialised is InvalidRequest, and nothing is sent", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(execute(AmsRequest.read("v1", "listgroups", { n: 1n })))
        expect(error._tag).toBe("InvalidRequest")
        if (error._tag === "InvalidRequest") expect(error.field).toBe("body")
        expect(yield* requestsTo("v1/listgroups")).toHaveLength(0)
      }).pipe(Effect.provide(layer())))
  })
})
