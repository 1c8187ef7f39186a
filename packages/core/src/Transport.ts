/**
 * The transport under every AMS call, of any product: sets headers and credentials, sends with a per-attempt
 * timeout inside a span (secret headers redacted), reads the body, and retries transient failures under the
 * retry policy — repeating a write only when the server certainly did not process it.
 *
 * It answers with the raw response for any status it does not retry; what a status or a body means is the
 * caller's convention. `AmsHttp` builds on it for Smartabase (adding the session); `@ams-effect/agileassets`
 * builds on it for AgileAssets (with its own URLs and authentication).
 *
 * @since 0.1.0
 */
import * as Headers from "@effect/platform/Headers"
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Cause from "effect/Cause"
import type * as Chunk from "effect/Chunk"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Inspectable from "effect/Inspectable"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import type * as Tracer from "effect/Tracer"
import {
  InvalidRequest,
  OutcomeUnknown,
  ResponseDecodeError,
  ServerError,
  Timeout,
  TransportError
} from "./AmsError.js"
import type { AmsRequest } from "./AmsRequest.js"
import { type AmsResponse, excerpt, redactSecrets } from "./AmsResponse.js"
import * as Secrets from "./internal/secrets.js"
import * as RetryPolicy from "./RetryPolicy.js"
import * as UndiciHttpClient from "./UndiciHttpClient.js"

/**
 * How a request authenticates: not at all, HTTP Basic (`username:password` encoded as UTF-8), a Bearer token, or
 * the Smartabase session (`session-header` + `Cookie: JSESSIONID`).
 *
 * @since 0.1.0
 * @category models
 */
export type Credentials =
  | { readonly _tag: "None" }
  | { readonly _tag: "Basic"; readonly username: string; readonly password: Redacted.Redacted<string> }
  | { readonly _tag: "Bearer"; readonly token: Redacted.Redacted<string> }
  | { readonly _tag: "Session"; readonly token: Redacted.Redacted<string> }

/**
 * What a product's client decides once for all its requests.
 *
 * @since 0.1.0
 * @category models
 */
export interface Settings {
  /** The full URL of a request. */
  readonly url: (request: AmsRequest) => string
  readonly userAgent: string
  /** Headers sent with every request (e.g. `X-APP-ID`). */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** Limit for one attempt, body included. */
  readonly timeout: Duration.Duration
}

/**
 * A 2xx answer whose body is still to be read, as a stream of bytes.
 *
 * @since 0.1.0
 * @category models
 */
export interface StreamingResponse {
  readonly request: AmsRequest
  readonly url: string
  readonly status: number
  readonly headers: Headers.Headers
  readonly attempts: number
  readonly body: Stream.Stream<Uint8Array, TransportError | Timeout>
}

/**
 * What can go wrong on the way, given whether the request may be repeated.
 *
 * @since 0.1.0
 * @category errors
 */
export type SendError<Idempotent extends boolean> =
  | TransportError
  | Timeout
  | ServerError
  | InvalidRequest
  | ResponseDecodeError
  | ([Idempotent] extends [true] ? never : OutcomeUnknown)

/**
 * Header names whose values never reach a span, a log or an error.
 *
 * @since 0.1.0
 * @category constants
 */
export const secretHeaders: ReadonlyArray<string> = ["authorization", "cookie", "set-cookie", "session-header"]

/**
 * What is wrong with a string to be sent as the value of the header `name`, if anything: it may hold no control
 * character (a line break would end the header) and nothing beyond Latin-1. Settings that become headers (an app id,
 * a user agent, a token) are checked with it when a client is configured, so that a bad one is a `ConfigError`
 * naming it rather than a refused request. The value itself is not shown (it may be a secret).
 *
 * @since 0.1.0
 * @category validation
 */
export const headerValueProblem = (value: string, name: string): string | undefined =>
  /[^\t\x20-\x7e\x80-\xff]/.test(value)
    ? "must hold no line break or other control character and no character beyond Latin-1 " +
      `(it is sent as the ${name} header)`
    : undefined

/** Node's timers wait at most 2,147,483,647 ms (about 24.8 days), and fire at once when asked to wait longer. */
const longestTimeoutMillis = 2_147_483_647

/**
 * A per-attempt time limit from a setting (`"30 seconds"`, milliseconds, a `Duration`), or what is wrong with it: it
 * must be from 1 millisecond to about 24.8 days, the longest a Node timer waits.
 *
 * @since 0.1.0
 * @category constructors
 */
export const decodeTimeout = (input: unknown): Either.Either<Duration.Duration, string> => {
  const timeout = Duration.decodeUnknown(input)
  if (Option.isNone(timeout) || !Duration.isFinite(timeout.value) || Duration.toMillis(timeout.value) <= 0) {
    return Either.left("must be a positive, finite duration such as \"30 seconds\"")
  }
  const millis = Duration.toMillis(timeout.value)
  if (millis < 1) return Either.left("must be at least 1 millisecond")
  if (millis > longestTimeoutMillis) {
    return Either.left("must be at most 24 days (2,147,483,647 ms, the longest a timer waits)")
  }
  return Either.right(timeout.value)
}

/** Statuses after which a server may be asked again; 502 and 504 may come after the request was processed. */
const transientStatuses = new Set([408, 429, 502, 503, 504])
const maybeProcessedStatuses = new Set([502, 504])

/** Error codes of an undici dispatcher that was closed or destroyed: nothing was sent, and nothing can be. */
const closedClientCodes = new Set(["UND_ERR_DESTROYED", "UND_ERR_CLOSED"])

/** Error codes meaning the connection was never made, so nothing was sent. */
const notSentCodes = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT"
])

class AttemptFailure extends Data.TaggedError("AttemptFailure")<{
  readonly kind: "Unsendable" | "ClientClosed" | "NotSent" | "MaybeSent" | "TimedOut" | "TransientStatus" | "TooLarge"
  readonly description: string
  readonly retryAfter: Option.Option<Duration.Duration>
  readonly response?: AmsResponse
  readonly cause?: unknown
}> {}

const isRetriable = (failure: AttemptFailure, idempotent: boolean): boolean => {
  switch (failure.kind) {
    case "Unsendable":
    case "ClientClosed":
    case "TooLarge":
      return false
    case "NotSent":
      return true
    case "MaybeSent":
    case "TimedOut":
      return idempotent
    case "TransientStatus":
      return idempotent || !maybeProcessedStatuses.has(failure.response?.status ?? 0)
  }
}

const errorCode = (error: unknown, depth = 0): string | undefined => {
  if (depth > 6 || typeof error !== "object" || error === null) return undefined
  if ("code" in error && typeof error.code === "string") return error.code
  return "cause" in error ? errorCode(error.cause, depth + 1) : undefined
}

const rootCause = (error: unknown, depth = 0): unknown =>
  depth < 6 && typeof error === "object" && error !== null && "cause" in error && error.cause !== undefined
    ? rootCause(error.cause, depth + 1)
    : error

const describe = (error: unknown): string => {
  const root = rootCause(error)
  const code = errorCode(error)
  const message = root instanceof Error ? root.message : String(root)
  return code === undefined || message.includes(code) ? message : `${code}: ${message}`
}

/** `Retry-After` as seconds or an HTTP date. */
const retryAfter = (headers: Headers.Headers): Option.Option<Duration.Duration> => {
  const value = headers["retry-after"]?.trim()
  if (value === undefined || value === "") return Option.none()
  if (/^\d+$/.test(value)) return Option.some(Duration.seconds(Number(value)))
  const date = Date.parse(value)
  return Number.isNaN(date) ? Option.none() : Option.some(Duration.millis(Math.max(0, date - Date.now())))
}

/**
 * Fails a stream with `onTimeout` once it has waited `timeout` for a chunk from its source, measured on the `Clock`
 * (time spent while the reader is busy with a chunk does not count).
 *
 * The source is pulled by a reader fiber of its own, one chunk each time the stream is pulled, and the chunk is
 * handed over by a callback; a watchdog fiber sleeps until the deadline of the current wait and, if it passes, fails
 * the waiting pull. Nothing runs per chunk but the two hand-overs: `Stream.interruptWhen` (a `mergeWith` stage) did
 * the same job with enough machinery per chunk that V8 promoted the socket's read buffers out of the young
 * generation, and a 300,000-event synchronisation on `NodeHttpClient` peaked at 75–92 MiB instead of 23–39.
 */
const idleTimeout =
  <E2>(timeout: Duration.Duration, onTimeout: () => E2) =>
  <A, E, R>(stream: Stream.Stream<A, E, R>): Stream.Stream<A, E | E2, R> =>
    Stream.unwrapScoped(Effect.gen(function*() {
      const clock = yield* Effect.clock
      const pull = yield* Stream.toPull(stream)
      const limit = Duration.toMillis(timeout)
      type Pulled = Effect.Effect<Chunk.Chunk<A>, Option.Option<E | E2>>
      /** The waiting pull's callback, while a pull waits (since `since`). */
      let deliver: ((pulled: Pulled) => void) | undefined
      let since = 0
      /** Resumes the parked reader; `asked` when a pull came before the reader parked again. */
      let wake: (() => void) | undefined
      let asked = false
      const settle = (pulled: Pulled) => {
        const waiter = deliver
        deliver = undefined
        waiter?.(pulled)
      }
      /** The reader: parked until a pull asks for a chunk, then pulls the source once and hands the result over. */
      const reader: Effect.Effect<never, never, R> = Effect.async<void>((resume) => {
        if (asked) {
          asked = false
          resume(Effect.void)
        } else {
          wake = () => {
            wake = undefined
            resume(Effect.void)
          }
        }
      }).pipe(
        Effect.zipRight(Effect.exit(pull)),
        Effect.flatMap((exit) => Effect.sync(() => settle(exit))),
        Effect.forever
      )
      yield* Effect.forkScoped(reader)
      /** Fails the waiting pull once it has waited the limit; the stream's scope then ends the reader. */
      const watchdog: Effect.Effect<void> = Effect.suspend(() => {
        if (deliver === undefined) return Effect.zipRight(clock.sleep(timeout), watchdog)
        const idle = clock.unsafeCurrentTimeMillis() - since
        return idle >= limit
          ? Effect.sync(() => settle(Effect.fail(Option.some(onTimeout()))))
          : Effect.zipRight(clock.sleep(Duration.millis(limit - idle)), watchdog)
      })
      yield* Effect.forkScoped(watchdog)
      return Stream.repeatEffectChunkOption(Effect.async<Chunk.Chunk<A>, Option.Option<E | E2>>((resume) => {
        deliver = resume
        since = clock.unsafeCurrentTimeMillis()
        if (wake !== undefined) wake()
        else asked = true
        return Effect.sync(() => {
          deliver = undefined
        })
      }))
    }))

/** Effect's own tracer, which keeps spans for the fibers inside them and exports none. */
const builtInTracer = Effect.runSync(Effect.tracer)

/**
 * The bytes of a request body that holds a secret (a password, an upload token): sent as they are, but printed as
 * `"<redacted>"` — by `JSON.stringify`, Effect's `Inspectable` and Node's `util.inspect` — should an HTTP client log
 * or trace the request.
 */
class SecretBytes extends Uint8Array {
  toJSON() {
    return "<redacted>"
  }
  [Inspectable.NodeInspectSymbol]() {
    return "<redacted>"
  }
}

/**
 * The first value of a body that `JSON.stringify` writes as `null` although it is not: `NaN`, an infinity, an invalid
 * `Date`. Sent, it would store an empty value where the caller meant something else.
 */
const lostToNull = (body: unknown): string | undefined => {
  let lost: string | undefined
  JSON.stringify(body, function(this: Record<string, unknown>, key, value: unknown) {
    if (lost !== undefined) return undefined
    const original = this[key]
    const name = key === "" ? "the body" : JSON.stringify(key)
    if (typeof value === "number" && !Number.isFinite(value)) lost = `${name} is ${value}`
    else if (original instanceof Date && Number.isNaN(original.getTime())) lost = `${name} is an invalid Date`
    return value
  })
  return lost
}

/**
 * A JSON body, in which secrets may still be `Redacted`: they are revealed here, at the last moment, and nowhere
 * else (`Redacted` serialises as `"<redacted>"` through `toJSON`, so the holder is read instead), into bytes that
 * print as `"<redacted>"`.
 */
const jsonBody = (body: unknown): HttpBody.HttpBody => {
  const text = JSON.stringify(body) as string | undefined
  if (text === undefined) throw new TypeError("it has no JSON form")
  const lost = text.includes("null") ? lostToNull(body) : undefined
  if (lost !== undefined) throw new TypeError(`${lost}, which JSON has no form for (it would be sent as null)`)
  // Only a body that holds a secret (it then shows "<redacted>") pays for the replacer, called on every value.
  // Otherwise the text goes as it is: the HTTP client encodes it while writing, so it is not copied into bytes here.
  // The content type is the request's own header (see templateFor): a body that states none leaves the headers as
  // they are, rather than copied with it set again.
  if (!text.includes("\"<redacted>\"")) return HttpBody.raw(text)
  const revealed = JSON.stringify(body, function(this: Record<string, unknown>, key, value: unknown) {
    const original = this[key]
    return Redacted.isRedacted(original) ? Redacted.value(original) : value
  })
  const bytes = new TextEncoder().encode(revealed)
  return HttpBody.raw(new SecretBytes(bytes.buffer, bytes.byteOffset, bytes.byteLength))
}

/** Whether two credentials are the same ones (their secrets the same `Redacted` values). */
const sameCredentials = (a: Credentials, b: Credentials): boolean => {
  switch (a._tag) {
    case "None":
      return b._tag === "None"
    case "Basic":
      return b._tag === "Basic" && a.username === b.username && a.password === b.password
    case "Bearer":
      return b._tag === "Bearer" && a.token === b.token
    case "Session":
      return b._tag === "Session" && a.token === b.token
  }
}

/**
 * A transport for one product's settings, HTTP client and retry policy.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (settings: Settings, httpClient: HttpClient.HttpClient, policy: RetryPolicy.Options) => {
  // One span per call is ours (`ams.v1.listgroups`, with the attempts); the HTTP client's own span per attempt and
  // its trace headers (which AMS servers ignore) would only cost time on every request. UndiciHttpClient has none,
  // and keeps the per-attempt time limit itself.
  const undici = UndiciHttpClient.isUndiciHttpClient(httpClient)
    ? UndiciHttpClient.withTimeLimit(httpClient, settings.timeout)
    : undefined
  const lean = undici !== undefined
  const client = undici ?? httpClient.pipe(
    HttpClient.withTracerDisabledWhen(() => true),
    HttpClient.withTracerPropagation(false)
  )
  const baseHeaders: Record<string, string> = {
    accept: "application/json",
    "user-agent": settings.userAgent,
    ...settings.headers
  }

  const schedule = RetryPolicy.schedule<AttemptFailure>(policy)

  /**
   * Requests with the headers of `credentials`, by method and by whether a JSON body goes with them (and so its
   * content type), with no URL or body yet: made once for the credentials a client sends with call after call (a
   * session's token, a configured password) and kept for each kind of credentials (v1 calls with Basic beside v2
   * calls with the session). A call then makes one request for its URL and one for its body, with no copy of the
   * headers. A different session or password (a re-login) makes new ones.
   */
  const templates: {
    [Tag in Credentials["_tag"]]?: {
      readonly credentials: Credentials
      readonly headers: Record<string, string>
      /** By method: without a body, and with a JSON body. */
      readonly plain: Map<string, HttpClientRequest.HttpClientRequest>
      readonly json: Map<string, HttpClientRequest.HttpClientRequest>
    }
  } = {}
  const templateFor = (
    credentials: Credentials,
    method: HttpClientRequest.HttpClientRequest["method"],
    json: boolean
  ): HttpClientRequest.HttpClientRequest => {
    let kept = templates[credentials._tag]
    if (kept === undefined || !sameCredentials(kept.credentials, credentials)) {
      kept = templates[credentials._tag] = {
        credentials,
        headers: headersFor(credentials),
        plain: new Map(),
        json: new Map()
      }
    }
    const requests = json ? kept.json : kept.plain
    let template = requests.get(method)
    if (template === undefined) {
      const headers = json ? { ...kept.headers, "content-type": "application/json" } : kept.headers
      template = HttpClientRequest.make(method)("", { headers })
      requests.set(method, template)
    }
    return template
  }
  const headersFor = (credentials: Credentials): Record<string, string> => {
    const headers: Record<string, string> = { ...baseHeaders }
    switch (credentials._tag) {
      case "Basic":
        headers.authorization = `Basic ${Secrets.basicToken(credentials.username, credentials.password)}`
        break
      case "Bearer":
        headers.authorization = `Bearer ${Redacted.value(credentials.token)}`
        break
      case "Session": {
        const token = Redacted.value(credentials.token)
        headers["session-header"] = token
        headers.cookie = `JSESSIONID=${token}`
      }
    }
    return headers
  }

  /**
   * The HTTP request for a call: at once, but for a form to encode; a body with no JSON form is an `InvalidRequest`
   * (at once too).
   */
  const build = (
    request: AmsRequest,
    url: string,
    credentials: Credentials
  ): HttpClientRequest.HttpClientRequest | Effect.Effect<HttpClientRequest.HttpClientRequest, InvalidRequest> => {
    const json = request.body !== undefined && !(request.body instanceof FormData)
    const built = HttpClientRequest.setUrl(templateFor(credentials, request.method, json), url)
    if (request.body === undefined) return built
    if (request.body instanceof FormData) {
      // Encoded here (boundary and all) rather than handed to the HTTP client: undici's own FormData handling
      // rejects the FormData class of Node's built-in fetch.
      const form = new Response(request.body)
      return Effect.promise(() => form.arrayBuffer()).pipe(
        Effect.map((bytes) =>
          HttpClientRequest.bodyUint8Array(built, new Uint8Array(bytes), form.headers.get("content-type") ?? undefined)
        )
      )
    }
    try {
      return HttpClientRequest.setBody(built, jsonBody(request.body))
    } catch (error) {
      return Effect.fail(
        new InvalidRequest({
          endpoint: request.endpoint,
          field: "body",
          reason: `not serialisable as JSON (${error instanceof Error ? error.message : String(error)})`
        })
      )
    }
  }

  const classify = (error: HttpClientError.HttpClientError): AttemptFailure => {
    if (error.cause instanceof UndiciHttpClient.TimeoutExceeded) return timedOut()
    if (error._tag === "RequestError" && error.reason !== "Transport") {
      return new AttemptFailure({
        kind: "Unsendable",
        description: `${error.reason === "InvalidUrl" ? "url" : "body"}: ${describe(error.cause ?? error)}`,
        retryAfter: Option.none()
      })
    }
    const code = errorCode(error.cause)
    if (code === "ERR_STRING_TOO_LONG") {
      // The answer came whole but is more text than a JavaScript string holds: reading it again cannot help
      return new AttemptFailure({
        kind: "TooLarge",
        description: "it is more text than Node can hold in one string (about 512 MiB): read it with the call's " +
          "streaming variant (synchroniseStream), or ask for less (fewer users, a shorter period)",
        retryAfter: Option.none()
      })
    }
    if (code === "UND_ERR_INVALID_ARG") {
      // undici refused the request before sending it (a header value with a line break…): repeating cannot help
      return new AttemptFailure({
        kind: "Unsendable",
        description: `request: ${describe(error.cause ?? error)}`,
        retryAfter: Option.none()
      })
    }
    if (error._tag === "RequestError" && code !== undefined && closedClientCodes.has(code)) {
      return new AttemptFailure({
        kind: "ClientClosed",
        description: "the HTTP client was closed before the request was sent: it was used after the layer or scope " +
          `that provided it had ended (${describe(error.cause)})`,
        retryAfter: Option.none(),
        cause: rootCause(error.cause)
      })
    }
    if (error._tag === "RequestError") {
      const notSent = code !== undefined && notSentCodes.has(code)
      return new AttemptFailure({
        kind: notSent ? "NotSent" : "MaybeSent",
        description: describe(error.cause ?? error),
        retryAfter: Option.none(),
        cause: rootCause(error.cause)
      })
    }
    // The answer broke off while its body was being read: the request was certainly sent.
    return new AttemptFailure({
      kind: "MaybeSent",
      description: `the answer broke off: ${describe(error.cause ?? error)}`,
      retryAfter: Option.none(),
      cause: rootCause(error.cause)
    })
  }

  /** A 2xx answer's body as it streams: each chunk within the timeout; a body that breaks off, a `TransportError`. */
  const streamedBody = (
    request: AmsRequest,
    url: string,
    attempts: number,
    response: HttpClientResponse.HttpClientResponse
  ): Stream.Stream<Uint8Array, TransportError | Timeout> => {
    const timeout = () =>
      new Timeout({
        endpoint: request.endpoint,
        method: request.method,
        url,
        timeoutMillis: Duration.toMillis(settings.timeout),
        attempts
      })
    // UndiciHttpClient times each chunk itself (the request was made under `timeLimit`); any other client gets a
    // watchdog, whose `Stream.interruptWhen` costs a stage with an effect per chunk.
    const body = lean ? response.stream : response.stream.pipe(idleTimeout(settings.timeout, timeout))
    return Stream.mapError(body, (error) =>
      error._tag !== "ResponseError"
        ? error
        : error.cause instanceof UndiciHttpClient.TimeoutExceeded
        ? timeout()
        : new TransportError({
          endpoint: request.endpoint,
          method: request.method,
          url,
          description: `the answer broke off: ${describe(error.cause ?? error)}`,
          attempts,
          cause: rootCause(error.cause)
        }))
  }

  /**
   * The answer of one attempt: read, or (in stream mode, for a 2xx) with its body still to stream; a transient status
   * is a failed attempt (its body read: transient statuses are never 2xx).
   */
  const answer = (
    request: AmsRequest,
    credentials: Credentials,
    url: string,
    attempts: number,
    streamed: boolean
  ) =>
  (response: HttpClientResponse.HttpClientResponse): Effect.Effect<
    AmsResponse | StreamingResponse,
    HttpClientError.ResponseError | AttemptFailure
  > =>
    streamed && response.status >= 200 && response.status < 300
      ? Effect.succeed({
        request,
        url,
        status: response.status,
        headers: response.headers,
        attempts,
        body: streamedBody(request, url, attempts, response)
      })
      : withText(response, (body) => {
        const read = new Secrets.Answer(request, url, response.status, response.headers, body, attempts, credentials)
        return transientStatuses.has(read.status)
          ? Effect.fail(
            new AttemptFailure({
              kind: "TransientStatus",
              description: `HTTP ${read.status}`,
              retryAfter: retryAfter(read.headers),
              response: read
            })
          )
          : Effect.succeed(read)
      })

  /** `f` of the response's text: at once when it was read whole with the request (`UndiciHttpClient.read`). */
  const withText = <A, E>(
    response: HttpClientResponse.HttpClientResponse,
    f: (text: string) => Effect.Effect<A, E>
  ): Effect.Effect<A, E | HttpClientError.ResponseError> => {
    const text = UndiciHttpClient.wholeText(response)
    return text === undefined ? Effect.flatMap(response.text, f) : f(text)
  }

  const timedOut = () =>
    new AttemptFailure({
      kind: "TimedOut",
      description: `no answer within ${Duration.format(settings.timeout)}`,
      retryAfter: Option.none()
    })

  /** The per-attempt time limit: kept by the HTTP client itself when it is `UndiciHttpClient`, else a race. */
  const timeLimit = <A, E>(attempt: Effect.Effect<A, E>): Effect.Effect<A, E | AttemptFailure> =>
    lean ? attempt : Effect.timeoutFail(attempt, { duration: settings.timeout, onTimeout: timedOut })

  /**
   * Secret headers are redacted wherever the request is printed while it is being sent: in the spans and logs of any
   * HTTP client but this one, which prints nothing (and the transport itself never prints a request).
   */
  const redactingSecrets = <A, E>(effect: Effect.Effect<A, E>): Effect.Effect<A, E> =>
    lean ? effect : Effect.locallyWith(effect, Headers.currentRedactedNames, (names) => [...names, ...secretHeaders])

  /**
   * The call's span (`ams.v1.listgroups`: the API, the endpoint, the attempts, the final status), made when a tracer
   * that exports spans is installed (OpenTelemetry, a test's recorder…). Effect's built-in tracer exports nothing:
   * only code running inside a span could read it, and inside this one runs only the HTTP client, whose own tracing
   * is off. So with that tracer the span is not made; it cost a sequential call about 20 µs of CPU, a tenth of it.
   */
  const traced = <A extends { readonly status: number; readonly attempts: number }, E>(
    request: AmsRequest,
    tracer: Tracer.Tracer,
    exchange: Effect.Effect<A, E>
  ): Effect.Effect<A, E> =>
    tracer === builtInTracer ? exchange : exchange.pipe(
      Effect.tap((response) =>
        Effect.annotateCurrentSpan({
          "ams.attempts": response.attempts,
          "http.response.status_code": response.status
        })
      ),
      Effect.withSpan(`ams.${request.endpoint.replaceAll("/", ".")}`, {
        captureStackTrace: false,
        kind: "client",
        attributes: {
          "ams.api": request.api,
          "ams.endpoint": request.endpoint,
          "ams.idempotent": request.idempotent,
          "http.request.method": request.method
        }
      })
    )

  /**
   * One exchange, attempts included; in stream mode a 2xx answer's body is handed over unread. The retry policy
   * only comes into play once an attempt has failed, so a call that succeeds first time pays nothing for it.
   */
  const exchange = <Idempotent extends boolean, Streamed extends boolean>(
    request: AmsRequest<Idempotent>,
    credentials: Credentials,
    streamed: Streamed
  ): Effect.Effect<Streamed extends true ? AmsResponse | StreamingResponse : AmsResponse, SendError<Idempotent>> => {
    const url = settings.url(request)
    const retriable = (failure: AttemptFailure) => isRetriable(failure, request.idempotent)
    const send = (httpRequest: HttpClientRequest.HttpClientRequest) => {
      let attempts = 0
      /** One attempt; on UndiciHttpClient, an answer to read whole is read and judged in the same step. */
      const attempt = () => {
        attempts++
        const answered = answer(request, credentials, url, attempts, streamed)
        return undici !== undefined && !streamed
          ? UndiciHttpClient.read(undici, httpRequest, answered)
          : timeLimit(Effect.flatMap(client.execute(httpRequest), answered))
      }
      // A call that succeeds passes one failure handler, nothing more (a handler of causes: `catchAll` adds a step on
      // success): the retry policy comes into play only once an attempt has failed
      return Effect.catchAllCause(attempt(), (cause) => {
        // A defect or an interruption is no attempt's failure
        const failureOrCause = Cause.failureOrCause(cause)
        if (Either.isRight(failureOrCause)) return Effect.failCause(failureOrCause.right)
        const error = failureOrCause.left
        /** What the policy makes of an attempt's failure: another attempt (said in a debug line), or the last. */
        const judged = (error: HttpClientError.HttpClientError | AttemptFailure) => {
          const failure = error._tag === "AttemptFailure" ? error : classify(error)
          const again = retriable(failure) && attempts <= policy.maxRetries
          return { failure, again } as const
        }
        const logRetry = (failure: AttemptFailure) =>
          Effect.logDebug(`AMS ${request.endpoint} attempt ${attempts} failed (${failure.description}); retrying`)
        const failed = (failure: AttemptFailure) =>
          Effect.fail(toError(request, url, failure, attempts, settings.timeout))
        const first = judged(error)
        if (!first.again) return failed(first.failure)
        const next = Effect.catchAll(Effect.suspend(attempt), (error) => {
          const { again, failure } = judged(error)
          return again ? Effect.zipRight(logRetry(failure), Effect.fail(failure)) : Effect.fail(failure)
        })
        // The schedule sees the first failure again, then drives the next attempts
        let replay: AttemptFailure | undefined = first.failure
        const retried = Effect.suspend(() => {
          if (replay === undefined) return next
          const failure = replay
          replay = undefined
          return Effect.fail(failure)
        }).pipe(Effect.retry({ schedule, while: retriable }))
        return Effect.zipRight(logRetry(first.failure), Effect.catchAll(retried, failed))
      })
    }
    // Built each time the effect runs (its attempts counted afresh), traced by the tracer of the fiber that runs it
    const exchanged = Effect.withFiberRuntime<AmsResponse | StreamingResponse, SendError<false>>((fiber) => {
      const built = build(request, url, credentials)
      return traced(
        request,
        fiber.currentTracer,
        redactingSecrets(Effect.isEffect(built) ? Effect.flatMap(built, send) : send(built))
      )
    })
    return exchanged as Effect.Effect<
      Streamed extends true ? AmsResponse | StreamingResponse : AmsResponse,
      SendError<Idempotent>
    >
  }

  /** Sends a request and answers with its raw response (any status it does not retry), the body read. */
  const send = <Idempotent extends boolean>(
    request: AmsRequest<Idempotent>,
    credentials: Credentials
  ): Effect.Effect<AmsResponse, SendError<Idempotent>> => exchange(request, credentials, false)

  /**
   * Like `send`, but a 2xx answer comes as a `StreamingResponse` whose body is read as it arrives (for answers too
   * large to hold); other statuses come read, as with `send`. Retries and the timeout cover the exchange up to
   * the answer's headers; while the body streams, each chunk must come within the timeout of being waited for (the
   * reader's own time with a chunk does not count).
   */
  const sendStream = <Idempotent extends boolean>(
    request: AmsRequest<Idempotent>,
    credentials: Credentials
  ): Effect.Effect<AmsResponse | StreamingResponse, SendError<Idempotent>> => exchange(request, credentials, true)

  return { send, sendStream } as const
}

const toError = (
  request: AmsRequest,
  url: string,
  failure: AttemptFailure,
  attempts: number,
  timeout: Duration.Duration
): TransportError | Timeout | ServerError | OutcomeUnknown | InvalidRequest | ResponseDecodeError => {
  const where = { endpoint: request.endpoint, method: request.method, url }
  if (failure.kind === "TooLarge") {
    return new ResponseDecodeError({ ...where, path: "(root)", issue: failure.description, issues: 1, bodyExcerpt: "" })
  }
  if (failure.kind === "Unsendable") {
    const [field, ...reason] = failure.description.split(": ")
    return new InvalidRequest({ endpoint: request.endpoint, field: field ?? "request", reason: reason.join(": ") })
  }
  if (!isRetriable(failure, request.idempotent) && failure.kind !== "NotSent" && failure.kind !== "ClientClosed") {
    return new OutcomeUnknown({ ...where, description: failure.description })
  }
  switch (failure.kind) {
    case "TimedOut":
      return new Timeout({ ...where, timeoutMillis: Duration.toMillis(timeout), attempts })
    case "TransientStatus":
      return new ServerError({
        ...where,
        status: failure.response?.status ?? 0,
        attempts,
        retryAfterMillis: Option.getOrUndefined(Option.map(failure.retryAfter, Duration.toMillis)),
        bodyExcerpt: failure.response === undefined
          ? ""
          : excerpt(redactSecrets(failure.response, failure.response.body))
      })
    case "ClientClosed":
    case "NotSent":
    case "MaybeSent":
    default:
      return new TransportError({ ...where, description: failure.description, attempts, cause: failure.cause })
  }
}

/**
 * The sender built by {@link make}: sends a request to a URL with headers and credentials, a per-attempt timeout
 * and the retry policy.
 *
 * @since 0.1.0
 * @category models
 */
export type Transport = ReturnType<typeof make>
