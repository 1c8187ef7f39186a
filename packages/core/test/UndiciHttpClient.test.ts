/**
 * `UndiciHttpClient` as an `HttpClient` in its own right, against the simulator over real HTTP: every request body
 * kind, every way of reading an answer, and what interruption and bad input do. (The whole `AmsHttp` suite also
 * runs on it, in AmsHttp.test.ts.)
 */
import * as UndiciHttpClient from "@ams-effect/core/UndiciHttpClient"
import { DemoData, Fault, Simulator, TestTime } from "@ams-effect/simulator"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { describe, expect, it } from "@effect/vitest"
import { Cause, Chunk, type Duration, Effect, Fiber, Layer, Stream, TestClock } from "effect"
import { Pool } from "undici"
import { drippingServer, hugeServer, stalledServer } from "./fixtures.js"

const TestLayer = Layer.merge(Simulator.layer(), UndiciHttpClient.layer)

const basic = `Basic ${Buffer.from(`${DemoData.coach.username}:${DemoData.coach.password}`).toString("base64")}`

/** A v1 POST with Basic credentials to the simulator. */
const v1 = (path: string) =>
  Effect.map(Simulator.Simulator, (simulator) =>
    HttpClientRequest.post(`${simulator.siteUrl}/api/v1/${path}`, {
      headers: { authorization: basic },
      urlParams: { informat: "json", format: "json" }
    }))

const execute = (request: HttpClientRequest.HttpClientRequest) =>
  Effect.flatMap(HttpClient.HttpClient, (client) => client.execute(request))

/** `execute` on the layer's client with a time limit (`withTimeLimit`). */
const executeWithin = (timeout: Duration.DurationInput) => (request: HttpClientRequest.HttpClientRequest) =>
  Effect.flatMap(HttpClient.HttpClient, (client) =>
    UndiciHttpClient.isUndiciHttpClient(client)
      ? UndiciHttpClient.withTimeLimit(client, timeout).execute(request)
      : Effect.dieMessage("the layer's client is not an UndiciHttpClient"))

/** `read` on the layer's client with a time limit: sends and reads the whole body in one step. */
const readWithin = (timeout: Duration.DurationInput) => (request: HttpClientRequest.HttpClientRequest) =>
  Effect.flatMap(HttpClient.HttpClient, (client) =>
    UndiciHttpClient.isUndiciHttpClient(client)
      ? UndiciHttpClient.read(UndiciHttpClient.withTimeLimit(client, timeout), request)
      : Effect.dieMessage("the layer's client is not an UndiciHttpClient"))

/** The two ways of sending: until the headers (the body read later), and with the body read whole. */
const ways = [["execute", executeWithin], ["read", readWithin]] as const

const coachGroups = DemoData.make().accounts.find((account) => account.username === DemoData.coach.username)!
  .coachGroups

describe("UndiciHttpClient", () => {
  it.scoped("sends a text body and reads the answer as text, JSON and bytes, as often as asked", () =>
    Effect.gen(function*() {
      const request = HttpClientRequest.bodyText(yield* v1("listgroups"), JSON.stringify({ name: "" }))
      const response = yield* execute(request)
      expect(response.status).toBe(200)
      expect(response.headers["transfer-encoding"]).toBe("chunked")
      const text = yield* response.text
      expect(yield* response.text).toBe(text)
      expect(yield* response.json).toEqual({ name: expect.arrayContaining([...coachGroups]) })
      const again = yield* execute(request)
      expect(new TextDecoder().decode(yield* again.arrayBuffer)).toBe(text)
    }).pipe(Effect.provide(TestLayer)))

  it.scoped("sends a streamed body, and reads a streamed answer chunk by chunk", () =>
    Effect.gen(function*() {
      const body = Stream.make("{\"na", "me\":", "\"\"}").pipe(Stream.encodeText)
      const response = yield* execute(HttpClientRequest.bodyStream(yield* v1("listgroups"), body))
      const chunks = yield* Stream.runCollect(response.stream)
      const text = Chunk.toReadonlyArray(chunks).map((chunk) => new TextDecoder().decode(chunk)).join("")
      expect(JSON.parse(text)).toEqual({ name: expect.arrayContaining([...coachGroups]) })
      // A body streamed is gone: reading it whole now says so
      const again = yield* Effect.flip(response.text)
      expect(again._tag).toBe("ResponseError")
    }).pipe(Effect.provide(TestLayer)))

  it.scopedLive("a body read as a stream is pulled: while its reader waits, the server is held back", () =>
    Effect.gen(function*() {
      const size = 64 * 2 ** 20
      const { url, written } = yield* hugeServer(size)
      const response = yield* execute(HttpClientRequest.get(`${url}/`))
      const pull = yield* Stream.toPull(response.stream)
      let read = Chunk.reduce(yield* pull, 0, (total, chunk) => total + chunk.length)
      yield* Effect.sleep("300 millis")
      // What the socket buffers and a chunk or two: not the 64 MiB the server would send in that time
      expect(yield* written).toBeLessThan(16 * 2 ** 20)
      // Pulled again, the rest comes
      while (read < size) {
        read += Chunk.reduce(yield* pull, 0, (total, chunk) => total + chunk.length)
      }
      expect(read).toBe(size)
    }).pipe(Effect.provide(UndiciHttpClient.layer)))

  it.scoped("a URL sent again with other parameters or a fragment goes as each request says", () =>
    Effect.gen(function*() {
      const simulator = yield* Simulator.Simulator
      const url = `${simulator.siteUrl}/api/v1/listgroups`
      const requests = [
        HttpClientRequest.post(url),
        HttpClientRequest.post(url, { urlParams: { informat: "json", format: "json" } }),
        HttpClientRequest.post(`${url}?format=json`),
        HttpClientRequest.post(url, { urlParams: { format: "xml" } }),
        HttpClientRequest.setHash(HttpClientRequest.post(url), "part"),
        HttpClientRequest.post(url)
      ]
      for (const [, within] of ways) {
        for (const request of requests) yield* Effect.flatMap(within("10 seconds")(request), (answer) => answer.text)
      }
      const log = yield* simulator.requests
      const queries = [{}, { informat: "json", format: "json" }, { format: "json" }, { format: "xml" }, {}, {}]
      expect(log.map((request) => request.query)).toEqual([...queries, ...queries])
      expect(new Set(log.map((request) => request.path))).toEqual(new Set(["/demo/api/v1/listgroups"]))
    }).pipe(Effect.provide(TestLayer)))

  it.scoped("a header sent twice reads as its values joined, as Headers.fromInput makes it", () =>
    Effect.gen(function*() {
      const { url } = yield* drippingServer(["{}"], 1, "end", {
        "x-part": ["one", "two"],
        "content-type": "text/plain"
      })
      for (const [, within] of ways) {
        const answer = yield* within("10 seconds")(HttpClientRequest.get(url))
        expect(Headers.isHeaders(answer.headers)).toBe(true)
        expect(answer.headers).toMatchObject({ "x-part": "one, two", "content-type": "text/plain" })
      }
    }).pipe(Effect.provide(TestLayer)))

  it.scoped("sends a FormData body as multipart, and reads cookies", () =>
    Effect.gen(function*() {
      const simulator = yield* Simulator.Simulator
      const login = yield* execute(
        HttpClientRequest.bodyText(
          HttpClientRequest.post(`${simulator.siteUrl}/api/v2/user/loginUser`, {
            headers: { authorization: basic },
            urlParams: { informat: "json", format: "json" }
          }),
          JSON.stringify({
            ...DemoData.coach,
            loginProperties: { appName: simulator.site, clientTime: "2025-01-01T09:00" }
          }),
          "application/json"
        )
      )
      const uploadToken = ((yield* login.json) as { user: { skypeName: string } }).user.skypeName
      const session = login.cookies.cookies["JSESSIONID"]?.value
      expect(session).toBe(login.headers["session-header"])
      const form = new FormData()
      form.append("session-token", uploadToken)
      form.append("filename", "scores.csv")
      form.append("processorkey", "document-key")
      form.append("filedata", new Blob(["a,b\n1,2\n"], { type: "text/csv" }), "scores.csv")
      const upload = yield* execute(
        HttpClientRequest.bodyFormData(
          HttpClientRequest.post(`${simulator.url}/x/fileupload`, {
            headers: { "session-header": session!, cookie: `JSESSIONID=${session!}` }
          }),
          form
        )
      )
      expect(upload.status).toBe(200)
      yield* upload.text
      const files = yield* simulator.files
      expect(files.map((file) => file.originalName)).toEqual(["scores.csv"])
    }).pipe(Effect.provide(TestLayer)))

  for (const [way, send] of ways) {
    it.scoped(`interrupting a request aborts it: the server sees the connection go (${way})`, () =>
      Effect.gen(function*() {
        const simulator = yield* Simulator.Simulator
        yield* simulator.addFault(Fault.rule(Fault.Hang(), { route: "v1/listgroups" }))
        const fiber = yield* Effect.fork(send("1 minute")(HttpClientRequest.bodyText(yield* v1("listgroups"), "{}")))
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 100)))
        expect(yield* simulator.inFlight).toBe(1)
        yield* Fiber.interrupt(fiber)
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 100)))
        expect(yield* simulator.inFlight).toBe(0)
      }).pipe(Effect.provide(TestLayer)))
  }

  describe("withTimeLimit", () => {
    const hung = Effect.gen(function*() {
      const simulator = yield* Simulator.Simulator
      yield* simulator.addFault(Fault.rule(Fault.Hang(), { route: "v1/listgroups" }))
      return yield* v1("listgroups")
    })

    for (const [way, send] of ways) {
      it.scopedLive(`no answer in time is a RequestError caused by TimeoutExceeded, the request aborted (${way})`, () =>
        Effect.gen(function*() {
          const simulator = yield* Simulator.Simulator
          const request = HttpClientRequest.bodyText(yield* hung, "{}")
          const started = Date.now()
          const error = yield* Effect.flip(send("200 millis")(request))
          expect(Date.now() - started).toBeGreaterThanOrEqual(190)
          expect(error._tag).toBe("RequestError")
          expect(error.cause).toBeInstanceOf(UndiciHttpClient.TimeoutExceeded)
          expect((error.cause as Error).message).toBe("no complete answer within 200ms")
          yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 100)))
          expect(yield* simulator.inFlight).toBe(0)
        }).pipe(Effect.provide(TestLayer)))
    }

    it.scopedLive("a body that stops coming is a ResponseError caused by TimeoutExceeded", () =>
      Effect.gen(function*() {
        const { url } = yield* stalledServer("{\"name\": [")
        const error = yield* Effect.flip(
          Effect.flatMap(executeWithin("200 millis")(HttpClientRequest.get(`${url}/`)), (response) => response.text)
        )
        expect(error._tag).toBe("ResponseError")
        expect(error.cause).toBeInstanceOf(UndiciHttpClient.TimeoutExceeded)
      }).pipe(Effect.provide(UndiciHttpClient.layer)))

    it.scoped("follows the Effect Clock: under TestClock, the limit passes when the clock says so", () =>
      Effect.gen(function*() {
        const request = HttpClientRequest.bodyText(yield* hung, "{}")
        const fiber = yield* Effect.fork(Effect.flip(executeWithin("1 minute")(request)))
        yield* TestTime.nextSleep("1 minute")
        yield* TestClock.adjust("59 seconds")
        expect(fiber.unsafePoll()).toBeNull()
        yield* TestClock.adjust("1 second")
        const error = yield* Fiber.join(fiber)
        expect(error.cause).toBeInstanceOf(UndiciHttpClient.TimeoutExceeded)
      }).pipe(Effect.provide(TestLayer)))

    it.scopedLive("a streamed body is timed per chunk: it may take longer than the limit as long as chunks keep coming", () =>
      Effect.gen(function*() {
        const pieces = ["{\"a\": [", "1,", "2,", "3,", "4", "]}"]
        const { url } = yield* drippingServer(pieces, 100)
        const started = Date.now()
        const text = yield* Effect.flatMap(
          executeWithin("400 millis")(HttpClientRequest.get(`${url}/`)),
          (response) => Stream.mkString(Stream.decodeText(response.stream))
        )
        expect(text).toBe(pieces.join(""))
        expect(Date.now() - started).toBeGreaterThanOrEqual(500)
      }).pipe(Effect.provide(UndiciHttpClient.layer)))

    it.scopedLive("only waiting counts: a reader that takes longer than the limit over a chunk does not fail", () =>
      Effect.gen(function*() {
        const pieces = ["{\"a\": [", "1,", "2", "]}"]
        const { url } = yield* drippingServer(pieces, 20)
        const chunks: Array<Uint8Array> = []
        yield* Effect.flatMap(
          executeWithin("200 millis")(HttpClientRequest.get(`${url}/`)),
          (response) =>
            Stream.runForEach(response.stream, (chunk) => Effect.as(Effect.sleep("300 millis"), chunks.push(chunk)))
        )
        expect(chunks.length).toBeGreaterThanOrEqual(2)
        expect(Buffer.concat(chunks).toString("utf8")).toBe(pieces.join(""))
      }).pipe(Effect.provide(UndiciHttpClient.layer)))

    it.scopedLive("a streamed body that stops coming fails once nothing has come for the limit", () =>
      Effect.gen(function*() {
        const { url } = yield* stalledServer("{\"name\": [")
        const started = Date.now()
        const error = yield* Effect.flip(
          Effect.flatMap(
            executeWithin("200 millis")(HttpClientRequest.get(`${url}/`)),
            (response) => Stream.runDrain(response.stream)
          )
        )
        expect(Date.now() - started).toBeGreaterThanOrEqual(190)
        expect(error._tag).toBe("ResponseError")
        expect(error.cause).toBeInstanceOf(UndiciHttpClient.TimeoutExceeded)
      }).pipe(Effect.provide(UndiciHttpClient.layer)))

    it.scopedLive("an answer in time is untouched, and a streamed body's limit starts when it is read", () =>
      Effect.gen(function*() {
        const answer = yield* executeWithin("200 millis")(HttpClientRequest.bodyText(yield* v1("listgroups"), "{}"))
          .pipe(
            Effect.flatMap((response) => response.json)
          )
        expect(answer).toEqual({ name: expect.arrayContaining([...coachGroups]) })
        const response = yield* executeWithin("200 millis")(HttpClientRequest.bodyText(yield* v1("listgroups"), "{}"))
        const body = response.stream
        yield* Effect.sleep("300 millis")
        const chunks = yield* Stream.runCollect(body)
        expect(Chunk.size(chunks)).toBeGreaterThan(0)
      }).pipe(Effect.provide(TestLayer)))
  })

  describe("read (sends and reads the whole body in one step)", () => {
    it.scoped("answers with the text already read (wholeText): the same answer as execute then text", () =>
      Effect.gen(function*() {
        const request = HttpClientRequest.bodyText(yield* v1("listgroups"), JSON.stringify({ name: "" }))
        const response = yield* readWithin("5 seconds")(request)
        expect(response.status).toBe(200)
        const text = yield* response.text
        const later = yield* execute(request)
        expect(text).toBe(yield* later.text)
        expect(yield* response.json).toEqual({ name: expect.arrayContaining([...coachGroups]) })
        // wholeText: the text at once, for an answer read whole only
        expect(UndiciHttpClient.wholeText(response)).toBe(text)
        expect(UndiciHttpClient.wholeText(later)).toBeUndefined()
        // A body to prepare first (a stream) goes the same way, started afresh each time the request is sent
        const client = yield* HttpClient.HttpClient
        if (!UndiciHttpClient.isUndiciHttpClient(client)) return yield* Effect.dieMessage("not an UndiciHttpClient")
        const streamed = UndiciHttpClient.read(
          client,
          HttpClientRequest.bodyStream(yield* v1("listgroups"), Stream.encodeText(Stream.make("{\"name\":\"\"}")))
        )
        for (let time = 0; time < 2; time++) expect(yield* Effect.flatMap(streamed, (answer) => answer.text)).toBe(text)
        const sent = (yield* Effect.flatMap(Simulator.Simulator, (simulator) => simulator.requests)).slice(-2)
        expect(sent.map((request) => request.body)).toEqual([{ name: "" }, { name: "" }])
      }).pipe(Effect.provide(TestLayer)))

    it.scoped("the body read whole reads again as bytes, as a stream and as cookies, like a body read later", () =>
      Effect.gen(function*() {
        const request = HttpClientRequest.bodyText(yield* v1("listgroups"), JSON.stringify({ name: "" }))
        const response = yield* readWithin("5 seconds")(request)
        const text = yield* response.text
        expect(new TextDecoder().decode(yield* response.arrayBuffer)).toBe(text)
        const chunks = yield* Stream.runCollect(response.stream)
        expect(Chunk.toReadonlyArray(chunks).map((chunk) => new TextDecoder().decode(chunk)).join("")).toBe(text)
        expect(yield* response.text).toBe(text)
        expect(response.headers["transfer-encoding"]).toBe("chunked")
        expect(response.cookies).toEqual((yield* execute(request)).cookies)
      }).pipe(Effect.provide(TestLayer)))

    it.scoped("text drops a byte order mark and decodes UTF-8 split across chunks, as undici's text() does", () =>
      Effect.gen(function*() {
        // "é" (two bytes in UTF-8) arrives in two pieces of the body, the first after the byte order mark
        const { url } = yield* drippingServer(["\uFEFF{\"name\": \"Ren", "é\"}"], 20)
        const response = yield* readWithin("5 seconds")(HttpClientRequest.get(`${url}/`))
        expect(yield* response.text).toBe("{\"name\": \"René\"}")
        expect(yield* response.text).toBe(
          yield* Effect.flatMap(execute(HttpClientRequest.get(`${url}/`)), (a) => a.text)
        )
      }).pipe(Effect.provide(UndiciHttpClient.layer)))

    it.scoped("a multipart answer reads as FormData, read whole or later", () =>
      Effect.gen(function*() {
        const form = new FormData()
        form.append("athlete", "René")
        const multipart = new Response(form)
        const body = yield* Effect.promise(() => multipart.text())
        const { url } = yield* drippingServer([body], 1, "end", {
          "content-type": multipart.headers.get("content-type") ?? ""
        })
        for (const answer of [readWithin("5 seconds"), execute]) {
          const response = yield* answer(HttpClientRequest.get(`${url}/`))
          expect((yield* response.formData).get("athlete")).toBe("René")
        }
      }).pipe(Effect.provide(UndiciHttpClient.layer)))

    it.scopedLive("an answer that breaks off while its body comes is a ResponseError, as when its text is read later", () =>
      Effect.gen(function*() {
        const { url } = yield* drippingServer(["{\"name\": [", "\"Mens"], 20, "break off")
        const read = yield* Effect.flip(readWithin("5 seconds")(HttpClientRequest.get(`${url}/`)))
        expect(read._tag === "ResponseError" && read.response.status).toBe(200)
        const later = yield* Effect.flip(Effect.flatMap(execute(HttpClientRequest.get(`${url}/`)), (a) => a.text))
        expect(later._tag).toBe("ResponseError")
      }).pipe(Effect.provide(UndiciHttpClient.layer)))

    it.scoped("given a continuation, answers what it makes of the response, in the same step", () =>
      Effect.gen(function*() {
        const client = yield* HttpClient.HttpClient
        if (!UndiciHttpClient.isUndiciHttpClient(client)) return yield* Effect.dieMessage("not an UndiciHttpClient")
        const request = HttpClientRequest.bodyText(yield* v1("listgroups"), JSON.stringify({ name: "" }))
        const given: Array<number> = []
        const names = UndiciHttpClient.read(client, request, (response) => {
          given.push(response.status)
          return Effect.map(response.json, (json) => (json as { name: ReadonlyArray<string> }).name)
        })
        expect(yield* names).toEqual(expect.arrayContaining([...coachGroups]))
        expect(yield* names).toEqual(expect.arrayContaining([...coachGroups])) // sent and read again
        expect(given).toEqual([200, 200])
        // Its failure is the call's, as it is
        const refusal = new Error("not this one")
        expect(yield* Effect.flip(UndiciHttpClient.read(client, request, () => Effect.fail(refusal)))).toBe(refusal)
        // One that throws is a defect of the call, not a ResponseError
        const thrown = yield* Effect.exit(UndiciHttpClient.read(client, request, () => {
          throw new Error("the continuation broke")
        }))
        expect(thrown._tag === "Failure" && Cause.isDie(thrown.cause) && !Cause.isFailure(thrown.cause)).toBe(true)
        expect(thrown._tag === "Failure" && Cause.pretty(thrown.cause)).toContain("the continuation broke")
        // Not called when there is no answer
        const refused = UndiciHttpClient.read(
          client,
          HttpClientRequest.get("http://127.0.0.1:1/nothing"),
          (response) => {
            given.push(response.status)
            return Effect.succeed(response)
          }
        )
        expect((yield* Effect.flip(refused))._tag).toBe("RequestError")
        expect(given).toEqual([200, 200])
      }).pipe(Effect.provide(TestLayer)))

    it.scopedLive("a request waiting for a connection keeps its time limit, and stopped there it is never sent", () =>
      Effect.gen(function*() {
        const simulator = yield* Simulator.Simulator
        yield* simulator.addFault(Fault.rule(Fault.Hang(), { route: "v1/listgroups" }))
        // One connection: while the hung request holds it, the next ones wait in the pool
        const pool = yield* Effect.acquireRelease(
          Effect.sync(() => new Pool(simulator.url, { connections: 1 })),
          (pool) => Effect.promise(() => pool.destroy())
        )
        const client = UndiciHttpClient.make(pool)
        const hung = yield* Effect.fork(
          UndiciHttpClient.read(client, HttpClientRequest.bodyText(yield* v1("listgroups"), "{}"))
        )
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 100)))
        expect(yield* simulator.inFlight).toBe(1)
        const waiting = HttpClientRequest.bodyText(yield* v1("currentgroup"), "{}")
        const started = Date.now()
        const timedOut = yield* Effect.flip(
          UndiciHttpClient.read(UndiciHttpClient.withTimeLimit(client, "200 millis"), waiting)
        )
        expect(Date.now() - started).toBeGreaterThanOrEqual(190)
        expect(timedOut._tag).toBe("RequestError")
        expect(timedOut.cause).toBeInstanceOf(UndiciHttpClient.TimeoutExceeded)
        const interrupted = yield* Effect.fork(UndiciHttpClient.read(client, waiting))
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 50)))
        yield* Fiber.interrupt(interrupted)
        // The connection is free again: the two requests stopped while waiting must not go out on it
        yield* Fiber.interrupt(hung)
        yield* simulator.clearFaults
        const next = yield* UndiciHttpClient.read(client, HttpClientRequest.bodyText(yield* v1("listgroups"), "{}"))
        expect(next.status).toBe(200)
        const routes = (yield* simulator.requests).map((request) => request.route)
        expect(routes).toEqual(["v1/listgroups", "v1/listgroups"])
      }).pipe(Effect.provide(TestLayer)))

    it.scopedLive("a body that stops coming is a ResponseError caused by TimeoutExceeded, the connection closed", () =>
      Effect.gen(function*() {
        const { cutShort, url } = yield* stalledServer("{\"name\": [")
        const started = Date.now()
        const error = yield* Effect.flip(readWithin("200 millis")(HttpClientRequest.get(`${url}/`)))
        expect(Date.now() - started).toBeGreaterThanOrEqual(190)
        expect(error._tag).toBe("ResponseError")
        expect(error.cause).toBeInstanceOf(UndiciHttpClient.TimeoutExceeded)
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 100)))
        expect(yield* cutShort).toBe(true)
      }).pipe(Effect.provide(UndiciHttpClient.layer)))

    it.scopedLive("interrupting it while the body comes closes the connection", () =>
      Effect.gen(function*() {
        const { cutShort, url } = yield* drippingServer(["{\"a\": [", "1,", "2", "]}"], 1_000)
        const fiber = yield* Effect.fork(readWithin("1 minute")(HttpClientRequest.get(`${url}/`)))
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 200)))
        yield* Fiber.interrupt(fiber)
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 100)))
        expect(yield* cutShort).toBe(true)
      }).pipe(Effect.provide(UndiciHttpClient.layer)))

    it.scoped("a request body whose stream fails is a RequestError, as with execute", () =>
      Effect.gen(function*() {
        const body = Stream.concat(Stream.encodeText(Stream.make("{\"na")), Stream.fail(new Error("the body broke")))
        const request = HttpClientRequest.bodyStream(yield* v1("listgroups"), body)
        for (const send of [readWithin("5 seconds"), executeWithin("5 seconds")]) {
          const error = yield* Effect.flip(send(request))
          expect(error._tag === "RequestError" && error.reason).toBe("Transport")
        }
      }).pipe(Effect.provide(TestLayer)))

    it.effect("a refused connection and a malformed URL are RequestErrors, as with execute", () =>
      Effect.gen(function*() {
        const refused = yield* Effect.flip(readWithin("5 seconds")(HttpClientRequest.get("http://127.0.0.1:1/nothing")))
        expect(refused._tag === "RequestError" && refused.reason).toBe("Transport")
        const malformed = yield* Effect.flip(readWithin("5 seconds")(HttpClientRequest.get("not a url")))
        expect(malformed._tag === "RequestError" && malformed.reason).toBe("InvalidUrl")
      }).pipe(Effect.provide(UndiciHttpClient.layer)))
  })

  it.effect("a refused connection and a malformed URL are RequestErrors that say so", () =>
    Effect.gen(function*() {
      const refused = yield* Effect.flip(execute(HttpClientRequest.get("http://127.0.0.1:1/nothing")))
      expect(refused._tag).toBe("RequestError")
      if (refused._tag === "RequestError") {
        expect(refused.reason).toBe("Transport")
        expect(String((refused.cause as { code?: unknown }).code)).toBe("ECONNREFUSED")
      }
      const malformed = yield* Effect.flip(execute(HttpClientRequest.get("not a url")))
      expect(malformed._tag === "RequestError" && malformed.reason).toBe("InvalidUrl")
    }).pipe(Effect.provide(UndiciHttpClient.layer)))
})
