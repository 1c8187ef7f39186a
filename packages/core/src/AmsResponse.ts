/**
 * A raw AMS answer (status, headers, body text) and the decoding helpers every API version uses on it.
 *
 * The pipeline never decides what a 200 means: each version's convention does, with these helpers. JSON is
 * recognised by content, not by `Content-Type` (v1 answers carry none); an HTML page or a cut-off body where
 * JSON was due is an `UnexpectedResponse`, JSON of the wrong shape a `ResponseDecodeError` naming the path.
 *
 * @since 0.1.0
 */
import type * as Headers from "@effect/platform/Headers"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import type * as SchemaAST from "effect/SchemaAST"
import { ResponseDecodeError, ServerError, UnexpectedResponse } from "./AmsError.js"
import type { AmsRequest } from "./AmsRequest.js"
import * as DirectDecoder from "./internal/directDecoder.js"
import * as Secrets from "./internal/secrets.js"

/**
 * A raw answer from the server, with its request, final URL and body text, before a version's convention reads it.
 *
 * @since 0.1.0
 * @category models
 */
export interface AmsResponse {
  readonly request: AmsRequest
  readonly url: string
  readonly status: number
  readonly headers: Headers.Headers
  /** The whole body as text (empty when there was none). */
  readonly body: string
  /** How many attempts the pipeline made to get this answer. */
  readonly attempts: number
}

/**
 * The `Content-Type` header, if any.
 *
 * @since 0.1.0
 * @category accessors
 */
export const contentType = (response: AmsResponse): string | undefined => response.headers["content-type"]

const excerptLength = 300

/**
 * The first characters of a body, for error messages.
 *
 * @since 0.1.0
 * @category utils
 */
export const excerpt = (body: string): string =>
  body.length <= excerptLength ? body : `${body.slice(0, excerptLength)}… (${body.length} characters)`

/**
 * `text` from this answer (its body, a message in it) with every secret its request carried replaced by
 * `<redacted>`: the password and the Basic credentials, the session or Bearer token, any `Redacted` value of its body.
 * A server or a proxy may echo a request in an error page or an exception; every error made from an answer's text
 * goes through this.
 *
 * @since 0.1.0
 * @category errors
 */
export const redactSecrets = (response: AmsResponse, text: string): string => Secrets.redact(response, text)

/** The start of the body, for an error, its secrets redacted. */
const bodyExcerpt = (response: AmsResponse): string => excerpt(redactSecrets(response, response.body))

/**
 * An `UnexpectedResponse` for this answer; `expected` says what was due ("a JSON body", "HTTP 200"…).
 *
 * @since 0.1.0
 * @category errors
 */
export const unexpected = (response: AmsResponse, expected: string): UnexpectedResponse =>
  new UnexpectedResponse({
    endpoint: response.request.endpoint,
    method: response.request.method,
    url: response.url,
    status: response.status,
    contentType: contentType(response),
    expected,
    bodyExcerpt: bodyExcerpt(response)
  })

/**
 * A `ServerError` for a 5xx answer the endpoint gives no meaning to.
 *
 * @since 0.1.0
 * @category errors
 */
export const serverError = (response: AmsResponse): ServerError =>
  new ServerError({
    endpoint: response.request.endpoint,
    method: response.request.method,
    url: response.url,
    status: response.status,
    attempts: response.attempts,
    bodyExcerpt: bodyExcerpt(response)
  })

/**
 * Fails with `ServerError` for a 5xx and `UnexpectedResponse` for any other status but `expected`.
 *
 * @since 0.1.0
 * @category filters
 */
export const expectStatus = (
  response: AmsResponse,
  ...expected: ReadonlyArray<number>
): Effect.Effect<AmsResponse, ServerError | UnexpectedResponse> => {
  if (expected.includes(response.status)) return Effect.succeed(response)
  if (response.status >= 500) return Effect.fail(serverError(response))
  return Effect.fail(unexpected(response, `HTTP ${expected.join(" or ")}`))
}

/**
 * Whether the body is empty or white space only.
 *
 * @since 0.1.0
 * @category accessors
 */
export const isEmpty = (response: AmsResponse): boolean => response.body.trim() === ""

/**
 * Parses the body as JSON, whatever its `Content-Type`.
 *
 * @since 0.1.0
 * @category decoding
 */
export const json = (response: AmsResponse): Effect.Effect<unknown, UnexpectedResponse> => parseJson(response)

/** The body parsed as JSON, at once (an `Either` is also an `Effect`). */
const parseJson = (response: AmsResponse): Either.Either<unknown, UnexpectedResponse> =>
  Either.try({
    try: () => JSON.parse(response.body) as unknown,
    catch: () => unexpected(response, "a JSON body")
  })

/**
 * Formats a schema failure as the path of the first mismatch and its message.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeError = (response: AmsResponse, error: ParseResult.ParseError): ResponseDecodeError => {
  const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
  const first = issues[0]
  const path = first === undefined || first.path.length === 0
    ? "(root)"
    : first.path.map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`)).join("").replace(/^\./, "")
  return new ResponseDecodeError({
    endpoint: response.request.endpoint,
    method: response.request.method,
    url: response.url,
    path,
    issue: redactSecrets(response, first?.message ?? error.message),
    issues: issues.length,
    bodyExcerpt: bodyExcerpt(response)
  })
}

/**
 * A `ResponseDecodeError` for a shape problem a schema cannot see (a missing cursor, a count that does not
 * match the request).
 *
 * @since 0.1.0
 * @category decoding
 */
export const shapeError = (response: AmsResponse, path: string, issue: string): ResponseDecodeError =>
  new ResponseDecodeError({
    endpoint: response.request.endpoint,
    method: response.request.method,
    url: response.url,
    path,
    issue: redactSecrets(response, issue),
    issues: 1,
    bodyExcerpt: bodyExcerpt(response)
  })

/**
 * The deepest nesting of arrays and objects decoded. Schema decoding recurses, so a broken or hostile answer nested
 * thousands of levels deep (a recursive schema such as v3's form tree follows it) would overflow the stack; no AMS
 * answer comes near this.
 */
const maxDepth = 256

/**
 * Whether arrays and objects nest more than 256 levels deep in a parsed JSON value.
 * `decodeValue` refuses such a value; a decoder that does not go through it must check this first, since decoding
 * it, formatting it in an error message or `JSON.stringify` would overflow the stack.
 *
 * @since 0.1.0
 * @category decoding
 */
export const nestsTooDeep = (value: unknown): boolean => deeperThanLimit(value, 0)

/** The walk of `nestsTooDeep`: recursive, but never more than `maxDepth` calls deep, and allocating nothing per node. */
const deeperThanLimit = (node: unknown, depth: number): boolean => {
  if (typeof node !== "object" || node === null) return false
  if (depth >= maxDepth) return true
  if (Array.isArray(node)) {
    for (const child of node) if (deeperThanLimit(child, depth + 1)) return true
    return false
  }
  for (const child of Object.values(node)) if (deeperThanLimit(child, depth + 1)) return true
  return false
}

/**
 * Decodes a JSON value already parsed from this answer. A value nested deeper than 256 levels is a
 * `ResponseDecodeError` without being decoded.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeValue = <A, I, R>(
  response: AmsResponse,
  schema: Schema.Schema<A, I, R>,
  value: unknown
): Effect.Effect<A, ResponseDecodeError, R> => valueDecoder(schema)(response, value)

const decodeOptions: SchemaAST.ParseOptions = { errors: "all", onExcessProperty: "ignore" }

/** `decodeValue` for one schema, its parser made once. */
const valueDecoder = <A, I, R>(
  schema: Schema.Schema<A, I, R>
): (response: AmsResponse, value: unknown) => Effect.Effect<A, ResponseDecodeError, R> => {
  const parse = Schema.decodeUnknown(schema, decodeOptions)
  // Most answers are decoded directly; the schema itself decodes (and names what is wrong in) the others
  const direct = DirectDecoder.compile(schema.ast, decodeOptions)
  return (response, value) => {
    if (nestsTooDeep(value)) {
      return Effect.fail(shapeError(response, "(root)", `nests arrays and objects more than ${maxDepth} levels deep`))
    }
    const decoded = direct === undefined ? DirectDecoder.failed : direct(value)
    return decoded !== DirectDecoder.failed
      ? Effect.succeed(decoded as A)
      : Effect.mapError(parse(value), (error) => decodeError(response, error))
  }
}

/**
 * Parses the body as JSON and decodes it with `schema`. With `onEmpty`, an empty body decodes as that
 * value instead of failing (for endpoints that answer nothing when there is nothing). With `fast`, a large answer of
 * a known shape is built directly from the parsed JSON (`fast` says `undefined` when it is not of that shape, and
 * the schema decodes it, naming what is wrong); `fast` must build what the schema would.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decode: {
  <A, I, R>(
    schema: Schema.Schema<A, I, R>,
    options?: {
      readonly onEmpty?: () => unknown
      readonly fast?: ((json: unknown) => A | undefined) | undefined
    }
  ): (response: AmsResponse) => Effect.Effect<A, UnexpectedResponse | ResponseDecodeError, R>
} = (schema, options) => {
  const decodeParsed = valueDecoder(schema)
  return (response) => {
    if (options?.onEmpty !== undefined && isEmpty(response)) return decodeParsed(response, options.onEmpty())
    const parsed = parseJson(response)
    if (Either.isLeft(parsed)) return Effect.fail(parsed.left)
    const built = options?.fast?.(parsed.right)
    return built !== undefined ? Effect.succeed(built) : decodeParsed(response, parsed.right)
  }
}

/**
 * The v2 failure envelope: `{"__is_rpc_exception__": true, "type", "value": {"detailMessage", "cause"}}`.
 *
 * @since 0.1.0
 * @category models
 */
export interface RpcException {
  readonly exceptionType: string
  readonly detailMessage: string | undefined
  readonly cause: unknown
}

/** Only the flag is required: an envelope whose other parts are malformed still says the call failed. */
const RpcExceptionBody = Schema.Struct({
  __is_rpc_exception__: Schema.Literal(true),
  type: Schema.optional(Schema.Unknown),
  value: Schema.optional(Schema.Unknown)
})
const decodeRpcException = Schema.decodeUnknownOption(RpcExceptionBody)

/**
 * The RPC exception this answer carries, if it is one. The one place where the v2 envelope is recognised.
 *
 * @since 0.1.0
 * @category decoding
 */
export const rpcException = (response: AmsResponse): Option.Option<RpcException> => {
  if (!response.body.includes("__is_rpc_exception__")) return Option.none()
  let value: unknown
  try {
    value = JSON.parse(response.body)
  } catch {
    return Option.none()
  }
  const echoesSecret = redactSecrets(response, response.body) !== response.body
  return Option.map(decodeRpcException(value), (body) => {
    const detail = Predicate.isRecord(body.value) ? body.value : undefined
    return {
      exceptionType: typeof body.type === "string" ? body.type : "UnknownException",
      detailMessage: typeof detail?.detailMessage === "string"
        ? redactSecrets(response, detail.detailMessage)
        : undefined,
      // A cause that echoes a secret of the request is left out whole: it is any JSON, nested without limit
      cause: echoesSecret ? "<redacted>" : (detail === undefined ? body.value : detail.cause) ?? null
    }
  })
}
