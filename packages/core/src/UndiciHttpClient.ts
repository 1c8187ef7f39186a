/**
 * An `HttpClient` for Node on undici with little work per request: what AMS traffic (many small calls, and a
 * few very large answers) needs, without what `NodeHttpClient.layerUndici` adds to every request (an
 * `AbortController`, a `FinalizationRegistry` entry, a parsed `URL`, the context merged again). A drop-in for it:
 * the same `HttpClient` service, so the choice is one line of layer wiring (`pnpm bench` measures both).
 *
 * Interrupting a request (a timeout, a race) aborts it in undici; a response body read as a stream is pulled
 * chunk by chunk, so a slow consumer holds the server back instead of buffering the answer. A client made with a
 * time limit ({@link make}, {@link withTimeLimit}) keeps it itself, without the fiber that `Effect.timeout` forks for
 * every request and without an `Effect.locally` per request (the AMS transport uses it when it runs on this client).
 * {@link read} sends a request and reads its whole body in one asynchronous step, on undici's own dispatch interface:
 * the body's bytes collected as they come, with no stream and no abort signal in between.
 *
 * @since 0.1.0
 */
import * as Cookies from "@effect/platform/Cookies"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Channel from "effect/Channel"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Fiber from "effect/Fiber"
import { dual } from "effect/Function"
import * as Inspectable from "effect/Inspectable"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { EventEmitter } from "node:events"
import { Readable } from "node:stream"
import { Agent, type Dispatcher } from "undici"
import { cancellable } from "./internal/cancellable.js"

type UndiciBody = NonNullable<Dispatcher.DispatchOptions["body"]> | null

const requestError = (request: HttpClientRequest.HttpClientRequest, reason: "Transport" | "Encode" | "InvalidUrl") =>
(
  cause: unknown
) => new HttpClientError.RequestError({ request, reason, cause })

/**
 * Why a request stopped at its time limit: the `cause` of its `RequestError` (no answer yet) or `ResponseError`
 * (the body was still coming).
 *
 * @since 0.1.0
 * @category time limits
 */
export class TimeoutExceeded extends Data.TaggedError("TimeoutExceeded")<{ readonly timeout: Duration.Duration }> {
  override get message(): string {
    return `no complete answer within ${Duration.format(this.timeout)}`
  }
}

/**
 * @since 0.1.0
 * @category type ids
 */
export const TypeId: unique symbol = Symbol.for("@ams-effect/core/UndiciHttpClient")

/**
 * @since 0.1.0
 * @category type ids
 */
export type TypeId = typeof TypeId

/**
 * This client: an `HttpClient` that also knows its dispatcher and its time limit.
 *
 * @since 0.1.0
 * @category models
 */
export interface UndiciHttpClient extends HttpClient.HttpClient {
  readonly [TypeId]: {
    readonly dispatcher: Dispatcher
    /** The limit of each request: from sending to the last byte of a body read whole, or to the headers of a body
     * read as a stream, then for each chunk the reader waits for. */
    readonly timeout: Option.Option<Duration.Duration>
  }
}

/**
 * Whether a client is this one, not wrapped by other transformations (which make a client of their own): it keeps
 * its time limit itself, and it makes no span and sends no trace headers of its own (so there is nothing to turn off).
 *
 * @since 0.1.0
 * @category guards
 */
export const isUndiciHttpClient = (client: HttpClient.HttpClient): client is UndiciHttpClient => TypeId in client

/** The `Clock` of fibers that have not replaced it: its sleeps are plain timers. */
const liveClock = Effect.runSync(Effect.clock)

/**
 * Calls `expire` once `timeout` has passed on `clock`, unless cancelled first: a plain timer on the live clock (no
 * fiber; it does not hold the process open), a sleep on any other clock (a `TestClock` decides when it ends).
 */
const startTimer = (clock: Clock.Clock, timeout: Duration.Duration, expire: () => void): () => void => {
  if (clock === liveClock) {
    const timer = setTimeout(expire, Duration.toMillis(timeout))
    timer.unref()
    return () => clearTimeout(timer)
  }
  const fiber = Effect.runFork(Effect.zipRight(clock.sleep(timeout), Effect.sync(expire)))
  return () => fiber.unsafeInterruptAsFork(fiber.id())
}

/** A time limit as the request was made with it: how long, on which clock. */
interface TimeLimit {
  readonly clock: Clock.Clock
  readonly timeout: Duration.Duration
}

/** The time limit of one request, from sending until its body is read whole or handed over as a stream. */
class Deadline {
  expired: TimeoutExceeded | undefined
  private body: Readable | undefined
  private cancel: () => void

  constructor({ clock, timeout }: TimeLimit, private readonly abort: () => void) {
    this.cancel = startTimer(clock, timeout, () => {
      this.expired = new TimeoutExceeded({ timeout })
      this.abort()
      this.body?.destroy(this.expired)
    })
  }

  /** The answer came: from now on, expiry destroys its body. */
  answered(body: Readable) {
    this.body = body
  }

  /** Done: the body was read, handed over as a stream, or the request failed. */
  end() {
    this.cancel()
    this.cancel = () => {}
  }
}

/**
 * The time limit of a body read as a stream: destroys the body once the reader has waited that long for a chunk
 * (time the reader spends elsewhere, chunks waiting for it, does not count). One timer, set again for the time
 * left when it ends early, rather than one timer per chunk.
 */
class IdleLimit {
  private since: number
  private waiting = false
  private cancel: () => void

  constructor(private readonly limit: TimeLimit, private readonly body: Readable) {
    this.since = limit.clock.unsafeCurrentTimeMillis()
    this.cancel = this.arm(limit.timeout)
  }

  private arm(wait: Duration.Duration): () => void {
    return startTimer(this.limit.clock, wait, () => {
      const timeout = this.limit.timeout
      const left = Duration.toMillis(timeout) - (this.limit.clock.unsafeCurrentTimeMillis() - this.since)
      if (!this.waiting) this.cancel = this.arm(timeout)
      else if (left > 0) this.cancel = this.arm(Duration.millis(left))
      else this.body.destroy(new TimeoutExceeded({ timeout }))
    })
  }

  /** The reader waits for a chunk from now on (unless it already did: an event without a chunk changes nothing). */
  wait() {
    if (this.waiting) return
    this.waiting = true
    this.since = this.limit.clock.unsafeCurrentTimeMillis()
  }

  /** The reader has a chunk. */
  got() {
    this.waiting = false
  }

  /** The stream ended. */
  end() {
    this.cancel()
    this.cancel = () => {}
  }
}

/** A request body as undici takes it, with the headers that describe it. */
interface Prepared {
  readonly body: UndiciBody
  readonly headers: Headers.Headers
}

/**
 * The request body as undici takes it, with the headers that describe it: at once, but for a stream to start or a
 * form to encode.
 */
const bodyOf = (
  request: HttpClientRequest.HttpClientRequest
): Prepared | Effect.Effect<Prepared, HttpClientError.RequestError> => {
  const body = request.body
  const as = (sent: UndiciBody): Prepared => ({ body: sent, headers: request.headers })
  switch (body._tag) {
    case "Empty":
      return as(null)
    case "Uint8Array":
      return as(body.body)
    case "Raw":
      return as(body.body as UndiciBody)
    case "Stream":
      // Made each time the request is sent: a stream is read once
      return Effect.sync(() => as(Readable.from(Stream.toAsyncIterable(body.stream))))
    case "FormData": {
      // Encoded here, boundary and all: undici's own FormData handling rejects the class of Node's built-in fetch.
      const encoded = new Response(body.formData)
      return Effect.tryPromise({
        try: () => encoded.arrayBuffer(),
        catch: requestError(request, "Encode")
      }).pipe(Effect.map((bytes) => ({
        body: new Uint8Array(bytes),
        headers: Headers.set(request.headers, "content-type", encoded.headers.get("content-type") ?? "")
      })))
    }
  }
}

/**
 * A readable body as a stream, read as the reader pulls (so undici reads the socket no faster than the stream is
 * consumed). Ending the stream early — interruption, a failure downstream — destroys the body, which aborts the
 * request; unlike an async iterator, nothing waits for a chunk that may never come. With a time limit, the body
 * fails with `TimeoutExceeded` once the reader has waited that long for a chunk.
 *
 * The stream is a plain channel loop: while the body has bytes buffered, a pull takes them with no effect run at
 * all; only when it has none does the loop wait, once, for the body's next event. A stage that runs an effect per
 * chunk (`Stream.interruptWhen`, `Effect.async` per read) keeps each chunk reachable long enough for V8 to promote
 * the socket's read buffers out of the young generation, and a long answer then held tens of MiB of them until a
 * full collection.
 */
const fromReadable = <E>(
  readable: Readable,
  limit: TimeLimit | undefined,
  onError: (cause: unknown) => E
): Stream.Stream<Uint8Array, E> =>
  Stream.fromChannel(Channel.suspend(() => {
    const idle = limit === undefined ? undefined : new IdleLimit(limit, readable)
    let failure: { readonly cause: unknown } | undefined
    let ended = false
    /** Whether an event came since the loop last looked, and who waits for one. */
    let signalled = false
    let wake: (() => void) | undefined
    const signal = () => {
      signalled = true
      const waiter = wake
      wake = undefined
      waiter?.()
    }
    const failed = (cause: unknown) => {
      failure ??= { cause }
      signal()
    }
    const onEnd = () => {
      ended = true
      signal()
    }
    const onClose = () => {
      if (!readable.readableEnded) failed(readable.errored ?? new Error("the answer's body closed before its end"))
    }
    readable.on("readable", signal).on("end", onEnd).on("error", failed).on("close", onClose)
    if (readable.errored !== null) failed(readable.errored)
    else if (readable.destroyed && !readable.readableEnded) onClose()
    const event = cancellable<void, never>((resume) => {
      if (signalled) {
        resume(Effect.void)
        return ignore
      }
      wake = () => resume(Effect.void)
      return () => {
        wake = undefined
      }
    })
    const loop = (): Channel.Channel<Chunk.Chunk<Uint8Array>, unknown, E, unknown, void, unknown> => {
      if (failure !== undefined) return Channel.fail(onError(failure.cause))
      signalled = false
      const chunk: Buffer | null = readable.read()
      if (chunk !== null) {
        idle?.got()
        const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)
        return Channel.flatMap(Channel.write(Chunk.of(bytes)), loop)
      }
      if (ended || readable.readableEnded) return Channel.void
      idle?.wait()
      return Channel.flatMap(Channel.fromEffect(event), loop)
    }
    return Channel.ensuring(
      Channel.suspend(loop),
      Effect.sync(() => {
        readable.off("readable", signal).off("end", onEnd).off("error", failed).off("close", onClose)
        idle?.end()
        readable.destroy()
      })
    )
  }))

const ignore = () => {}

/**
 * Reads the whole of a body still to read (a body can be read once: `text` keeps its result for later reads); the
 * time limit ends when it is read, and interrupting the read destroys the body.
 */
const readOnce = <A>(
  response: UndiciClientResponse,
  body: Readable & UndiciBodyMixin,
  read: (body: UndiciBodyMixin) => Promise<A>
): Effect.Effect<A, HttpClientError.ResponseError> =>
  cancellable<A, HttpClientError.ResponseError>((resume) => {
    read(body).then(
      (value) => {
        response.deadline?.end()
        resume(Effect.succeed(value))
      },
      (cause) => {
        response.deadline?.end()
        resume(Effect.fail(response.decodeError(response.deadline?.expired ?? cause)))
      }
    )
    return () => {
      response.deadline?.end()
      body.destroy()
    }
  })

/** What undici's body offers to read it whole. */
type UndiciBodyMixin = Dispatcher.ResponseData["body"]

/** A body read whole with its request ({@link read}): its bytes, and their text. */
class WholeBody {
  constructor(readonly bytes: Buffer, readonly text: string) {}
}

/** Headers as undici parses them: names in lower case, a repeated header as an array. */
type UndiciHeaders = Readonly<Record<string, string | ReadonlyArray<string> | undefined>>

/**
 * Headers as undici parsed them (names already in lower case) as Effect's `Headers`: what `Headers.fromInput` makes,
 * without the array of entries it builds on the way.
 */
const headersOf = (parsed: UndiciHeaders): Headers.Headers => {
  const headers: Record<string, string> = {}
  for (const name in parsed) {
    const value = parsed[name]
    if (value !== undefined) headers[name] = typeof value === "string" ? value : value.join(", ")
  }
  return Headers.unsafeFromRecord(headers)
}

class UndiciClientResponse extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  readonly remoteAddress = Option.none<string>()
  private cachedHeaders: Headers.Headers | undefined
  private cachedText: Effect.Effect<string, HttpClientError.ResponseError> | undefined

  /**
   * @param body the body still to read, as undici streams it; or, for a request read whole ({@link read}), nothing
   * until it has all come ({@link readWhole}).
   */
  constructor(
    readonly request: HttpClientRequest.HttpClientRequest,
    readonly status: number,
    private readonly undiciHeaders: UndiciHeaders,
    private body: (Readable & UndiciBodyMixin) | WholeBody | undefined,
    readonly limit: TimeLimit | undefined,
    readonly deadline: Deadline | undefined
  ) {
    super()
    // A body destroyed while nobody reads it (an abort, an interruption, the time limit) emits "error": without a
    // listener that would end the process. Whoever reads the body still gets the error.
    if (body instanceof Readable) body.on("error", ignore)
  }

  decodeError(cause: unknown): HttpClientError.ResponseError {
    return new HttpClientError.ResponseError({ request: this.request, response: this, reason: "Decode", cause })
  }

  get headers(): Headers.Headers {
    return this.cachedHeaders ??= headersOf(this.undiciHeaders)
  }

  get cookies(): Cookies.Cookies {
    const header = this.undiciHeaders["set-cookie"]
    return header === undefined ? Cookies.empty : Cookies.fromSetCookie(typeof header === "string" ? [header] : header)
  }

  /** The body's text, if it was read whole with the request ({@link read}). */
  get wholeText(): string | undefined {
    return this.body instanceof WholeBody ? this.body.text : undefined
  }

  /** The whole body has come, read with the request ({@link read}). */
  readWhole(body: WholeBody) {
    this.body = body
    this.cachedText = Effect.succeed(body.text)
  }

  /** Reads the body whole with `read`, or takes it from the bytes already read whole. */
  private readAll<A>(
    read: (body: UndiciBodyMixin) => Promise<A>,
    fromBytes: (bytes: Buffer) => A | Promise<A>
  ): Effect.Effect<A, HttpClientError.ResponseError> {
    const body = this.body
    if (body instanceof Readable) return readOnce(this, body, read)
    if (body === undefined) return Effect.fail(this.decodeError(new Error("the answer's body did not come whole")))
    return Effect.tryPromise({ try: async () => fromBytes(body.bytes), catch: (cause) => this.decodeError(cause) })
  }

  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    if (this.cachedText !== undefined) return this.cachedText
    let text: string | undefined
    const read = this.readAll((body) => body.text(), decodeText)
    return this.cachedText = Effect.suspend(() =>
      text !== undefined ? Effect.succeed(text) : Effect.tap(read, (value) => void (text = value))
    )
  }

  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({
        try: (): unknown => (text === "" ? null : JSON.parse(text)),
        catch: (cause) => this.decodeError(cause)
      }))
  }

  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({
        try: () => UrlParams.fromInput(new URLSearchParams(text)),
        catch: (cause) => this.decodeError(cause)
      }))
  }

  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    return this.readAll((body) => body.arrayBuffer(), (bytes) => new Uint8Array(bytes).buffer)
  }

  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    const contentType = this.undiciHeaders["content-type"]
    const init: ResponseInit = typeof contentType === "string" ? { headers: { "content-type": contentType } } : {}
    return this.readAll(
      (body) => new Response(Readable.toWeb(body as Readable) as ReadableStream, init).formData(),
      (bytes) => new Response(new Uint8Array(bytes), init).formData()
    )
  }

  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    const body = this.body
    if (body instanceof WholeBody) return Stream.succeed(new Uint8Array(body.bytes))
    if (body === undefined) return Stream.fail(this.decodeError(new Error("the answer's body did not come whole")))
    this.deadline?.end() // from here on, each chunk is timed
    return fromReadable(body, this.limit, (cause) => this.decodeError(cause))
  }

  toJSON(): unknown {
    return { _id: "@effect/platform/HttpClientResponse", request: this.request.toJSON(), status: this.status }
  }
}

/** Bytes as UTF-8 text, a byte order mark dropped (as undici's `text()` does). */
const decodeText = (bytes: Buffer): string => {
  const text = bytes.toString("utf8")
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** Where a request goes, as undici takes it. */
interface Target {
  readonly origin: string
  readonly path: string
}

/**
 * The targets of the URLs lately sent to without parameters or a fragment of their own: a client sends call after
 * call to the same few dozen URLs, and looking one up costs a fraction of parsing it (and allocates nothing).
 */
const knownTargets = new Map<string, Target>()
const knownTargetsLimit = 256

const targetOf = (request: HttpClientRequest.HttpClientRequest): Target | HttpClientError.RequestError => {
  const plain = request.urlParams.length === 0 && Option.isNone(request.hash)
  const known = plain ? knownTargets.get(request.url) : undefined
  if (known !== undefined) return known
  try {
    const url = new URL(request.url)
    for (const [key, value] of request.urlParams) url.searchParams.append(key, value)
    if (Option.isSome(request.hash)) url.hash = request.hash.value
    const target: Target = { origin: url.origin, path: url.pathname + url.search + url.hash }
    if (plain) {
      if (knownTargets.size >= knownTargetsLimit) knownTargets.clear()
      knownTargets.set(request.url, target)
    }
    return target
  } catch (cause) {
    return requestError(request, "InvalidUrl")(cause)
  }
}

/** A request as undici takes it, with the abort signal of a request sent with `Dispatcher.request`. */
interface Options {
  readonly origin: string
  readonly path: string
  readonly method: HttpClientRequest.HttpClientRequest["method"]
  readonly headers: Headers.Headers
  readonly body: UndiciBody
  readonly signal: EventEmitter | undefined
  readonly headersTimeout: 0
  readonly bodyTimeout: 0
}

/** A request as undici takes it, each time it is sent. */
const optionsOf = (
  request: HttpClientRequest.HttpClientRequest,
  target: Target,
  { body, headers }: Prepared,
  signal: EventEmitter | undefined
): Options => ({
  // One literal of a fixed shape (a spread of the target here made each request several times slower)
  origin: target.origin,
  path: target.path,
  method: request.method,
  headers,
  body,
  signal,
  // The time limit is this client's (or the caller's: Effect.timeout…)
  headersTimeout: 0,
  bodyTimeout: 0
})

/** The time limit of a request a client sends on a fiber: the client's, on the fiber's clock. */
const limitOf = (client: UndiciHttpClient, fiber: Fiber.RuntimeFiber<unknown, unknown>): TimeLimit | undefined => {
  const { timeout } = client[TypeId]
  return Option.isSome(timeout)
    ? { clock: Context.get(fiber.currentDefaultServices, Clock.Clock), timeout: timeout.value }
    : undefined
}

/**
 * Sends a request, and answers once its answer's headers have come; interrupting it aborts the request (its abort
 * signal is emitted).
 */
const sendForHeaders = (
  client: UndiciHttpClient,
  request: HttpClientRequest.HttpClientRequest,
  target: Target,
  prepared: Prepared
): Effect.Effect<UndiciClientResponse, HttpClientError.RequestError> =>
  cancellable((resume, fiber) => {
    const limit = limitOf(client, fiber)
    // An EventEmitter is the cheapest abort signal undici accepts: emitting "abort" cancels the request
    const signal = new EventEmitter()
    const abort = () => signal.emit("abort")
    const deadline = limit === undefined ? undefined : new Deadline(limit, abort)
    client[TypeId].dispatcher.request(optionsOf(request, target, prepared, signal)).then(
      (answer) => {
        deadline?.answered(answer.body)
        resume(Effect.succeed(
          new UndiciClientResponse(request, answer.statusCode, answer.headers, answer.body, limit, deadline)
        ))
      },
      (cause) => {
        deadline?.end()
        resume(Effect.fail(requestError(request, "Transport")(deadline?.expired ?? cause)))
      }
    )
    return () => {
      deadline?.end()
      abort() // also ends a body being read
    }
  })

/** Why a request read whole was aborted when its fiber was interrupted (nobody sees it: the fiber has gone). */
const interrupted = new Error("the request was interrupted")

/**
 * undici's handler of a request read whole ({@link read}): the body's chunks are kept as they come, with no stream in
 * between, and the request is aborted through the controller undici hands over when it starts the request rather
 * than through an abort signal (whose listener undici adds and removes on every request). Over loopback, a small
 * call costs about 10 µs less CPU this way than through `Dispatcher.request` with a signal and its body's `text()`
 * (about 40 µs against 50, and 60 with the signal).
 */
class WholeAnswer<A, E> implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined
  /** Why the request stopped before undici started it: it aborts it when it does. */
  private stoppedBy: Error | undefined
  private response: UndiciClientResponse | undefined
  private readonly chunks: Array<Buffer> = []
  private settled = false
  private readonly deadline: Deadline | undefined

  constructor(
    private readonly request: HttpClientRequest.HttpClientRequest,
    private readonly limit: TimeLimit | undefined,
    private readonly then: Then<A, E>,
    private readonly resume: (result: Effect.Effect<A, E | HttpClientError.HttpClientError>) => void
  ) {
    this.deadline = limit === undefined ? undefined : new Deadline(limit, () => this.stop(this.deadline?.expired))
  }

  /** Ends the request: with its failure (the time limit), or unseen (an interruption). */
  stop(failure: Error | undefined) {
    this.deadline?.end()
    if (failure !== undefined) this.fail(failure)
    this.settled = true
    const reason = failure ?? interrupted
    if (this.controller === undefined) this.stoppedBy = reason
    else this.controller.abort(reason)
  }

  onRequestStart(controller: Dispatcher.DispatchController) {
    if (this.stoppedBy === undefined) this.controller = controller
    else controller.abort(this.stoppedBy)
  }

  onResponseStart(_: Dispatcher.DispatchController, status: number, headers: UndiciHeaders) {
    // An informational answer (100 Continue…) comes before the answer itself
    if (status >= 200) {
      this.response = new UndiciClientResponse(this.request, status, headers, undefined, this.limit, this.deadline)
    }
  }

  onResponseData(_: Dispatcher.DispatchController, chunk: Buffer) {
    this.chunks.push(chunk)
  }

  onResponseEnd() {
    this.deadline?.end()
    const response = this.response
    if (response === undefined) return this.fail(new Error("the answer ended before its status line"))
    if (this.settled) return
    this.settled = true
    try {
      const bytes = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks)
      this.chunks.length = 0
      response.readWhole(new WholeBody(bytes, decodeText(bytes)))
    } catch (cause) {
      // An answer longer than a string can hold (ERR_STRING_TOO_LONG)
      return this.resume(Effect.fail(response.decodeError(cause)))
    }
    let next: Effect.Effect<A, E | HttpClientError.HttpClientError>
    try {
      next = this.then(response)
    } catch (defect) {
      // A continuation that throws is a defect of the step, not of undici (whose callback this is)
      next = Effect.die(defect)
    }
    this.resume(next)
  }

  onResponseError(_: Dispatcher.DispatchController, error: Error) {
    this.deadline?.end()
    this.fail(error)
  }

  /** Fails the request: before its answer came, a `RequestError`; while its body came, a `ResponseError`. */
  private fail(cause: Error) {
    if (this.settled) return
    this.settled = true
    const reason = this.deadline?.expired ?? cause
    this.resume(Effect.fail(
      this.response === undefined ? requestError(this.request, "Transport")(reason) : this.response.decodeError(reason)
    ))
  }
}

/** What a request read whole goes on with, given its response (in the step that read it). */
type Then<A, E> = (response: HttpClientResponse.HttpClientResponse) => Effect.Effect<A, E>

/**
 * Sends a request, reads its whole body and goes on with `then`, in one asynchronous step; interrupting it aborts the
 * request.
 */
const sendAndRead = <A, E>(
  client: UndiciHttpClient,
  request: HttpClientRequest.HttpClientRequest,
  then: Then<A, E>
) =>
(target: Target, prepared: Prepared): Effect.Effect<A, E | HttpClientError.HttpClientError> =>
  cancellable((resume, fiber) => {
    const handler = new WholeAnswer(request, limitOf(client, fiber), then, resume)
    client[TypeId].dispatcher.dispatch(optionsOf(request, target, prepared, undefined), handler)
    return () => handler.stop(undefined)
  })

/**
 * The client on a given undici dispatcher (an `Agent`, a `Pool`, a `MockAgent`…), with no time limit of its own
 * unless one is given: from sending to the last byte of a body read whole; for a body read as a stream, from sending
 * to its headers, then for each chunk the reader waits for (time the reader spends elsewhere does not count). It
 * follows the `Clock` of the fiber that makes the request. A request over its limit fails with a `TimeoutExceeded`
 * cause and is aborted.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  dispatcher: Dispatcher,
  options?: { readonly timeout?: Duration.DurationInput | undefined }
): UndiciHttpClient => {
  const timeout = Option.map(Option.fromNullable(options?.timeout), Duration.decode)
  const client: UndiciHttpClient = Object.assign(
    HttpClient.makeWith(
      (effect: Effect.Effect<HttpClientRequest.HttpClientRequest>) =>
        Effect.flatMap(
          effect,
          (request) => sendBy(request, (target, prepared) => sendForHeaders(client, request, target, prepared))
        ) as Effect.Effect<
          HttpClientResponse.HttpClientResponse,
          HttpClientError.RequestError // only a body read whole can fail with a ResponseError
        >,
      Effect.succeed
    ),
    { [TypeId]: { dispatcher, timeout } }
  )
  return client
}

/**
 * A request sent by `send` once its URL is known good and its body ready (made ready first when it must be: a stream
 * started, a form encoded).
 */
const sendBy = <A, E>(
  request: HttpClientRequest.HttpClientRequest,
  send: (target: Target, prepared: Prepared) => Effect.Effect<A, E | HttpClientError.HttpClientError>
): Effect.Effect<A, E | HttpClientError.HttpClientError> => {
  const target = targetOf(request)
  if (target instanceof HttpClientError.RequestError) return Effect.fail(target)
  const prepared = bodyOf(request)
  return Effect.isEffect(prepared) ? Effect.flatMap(prepared, (body) => send(target, body)) : send(target, prepared)
}

/**
 * Sends a request and reads its whole body, in one step: a response whose `text` is already there. The same as
 * `execute` then `text` (the same time limit, the same errors), with less work on the way; the AMS transport reads
 * every answer it reads whole this way.
 *
 * Given `then`, it answers what `then` makes of the response, in the same step:
 * `read(client, request, then)` is `read(client, request).pipe(Effect.flatMap(then))` with one step fewer. `then` is
 * called as the answer ends, in undici's callback: it should only decide what comes next (a `then` that throws is a
 * defect of the call).
 *
 * @since 0.1.0
 * @category accessors
 */
export const read: {
  (
    client: UndiciHttpClient,
    request: HttpClientRequest.HttpClientRequest
  ): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>
  <A, E>(
    client: UndiciHttpClient,
    request: HttpClientRequest.HttpClientRequest,
    then: (response: HttpClientResponse.HttpClientResponse) => Effect.Effect<A, E>
  ): Effect.Effect<A, E | HttpClientError.HttpClientError>
} = <A, E>(
  client: UndiciHttpClient,
  request: HttpClientRequest.HttpClientRequest,
  then: Then<A, E> = Effect.succeed as unknown as Then<A, E>
): Effect.Effect<A, E | HttpClientError.HttpClientError> => sendBy(request, sendAndRead(client, request, then))

/**
 * The text of a response read whole with {@link read}, at once (what its `text` gives, without an effect to run);
 * `undefined` for any other response.
 *
 * @since 0.1.0
 * @category accessors
 */
export const wholeText = (response: HttpClientResponse.HttpClientResponse): string | undefined =>
  response instanceof UndiciClientResponse ? response.wholeText : undefined

/**
 * The same client (the same dispatcher, so the same connections) with a time limit on each request, as described
 * at {@link make}.
 *
 * @since 0.1.0
 * @category time limits
 */
export const withTimeLimit: {
  (timeout: Duration.DurationInput): (client: UndiciHttpClient) => UndiciHttpClient
  (client: UndiciHttpClient, timeout: Duration.DurationInput): UndiciHttpClient
} = dual(2, (client: UndiciHttpClient, timeout: Duration.DurationInput) => make(client[TypeId].dispatcher, { timeout }))

/**
 * The client on an undici `Agent` of its own, closed with the layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<HttpClient.HttpClient> = Layer.scoped(
  HttpClient.HttpClient,
  Effect.map(
    Effect.acquireRelease(Effect.sync(() => new Agent()), (agent) => Effect.promise(() => agent.destroy())),
    (agent) => make(agent)
  )
)
