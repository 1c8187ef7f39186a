/**
 * The wire helpers every route module shares: the `Reply` a handler returns, the answer conventions of each API
 * version (v1 JSON without Content-Type, v2 JSON with `application/json;charset=utf-8` and the RPC exception,
 * the text/html status pages), credential parsing, and the conversion to a platform response.
 *
 * @since 0.1.0
 * @internal
 */
import type * as HttpMethod from "@effect/platform/HttpMethod"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import type * as Effect from "effect/Effect"
import { Readable } from "node:stream"
import type * as DemoData from "../DemoData.js"
import type * as Fault from "../Fault.js"
import type * as RequestLog from "../RequestLog.js"

/** What a handler answers, before it is written. @internal */
export interface Reply {
  readonly status: number
  /** Lower-case names. No `content-type` means the answer carries none. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | Uint8Array | Pieces
  /** Send with chunked transfer encoding (as v1 does) rather than a Content-Length. */
  readonly chunked?: boolean
  /** The account the request acted as, when the handler knows better than the headers (login). */
  readonly account?: string
}

/**
 * A body rendered while it is sent, piece by piece (the large v1 exports): the first bytes leave at once and the
 * whole text is never held. Only for chunked replies. @internal
 */
export interface Pieces {
  readonly _tag: "Pieces"
  readonly pieces: () => Iterable<string>
}

/** How a request authenticated. @internal */
export type Auth =
  | { readonly _tag: "None" }
  | { readonly _tag: "Invalid" }
  | { readonly _tag: "Basic"; readonly account: DemoData.Account }
  | { readonly _tag: "Session"; readonly account: DemoData.Account; readonly token: string }

/** What a route handler gets. @internal */
export interface RouteRequest {
  readonly method: string
  readonly path: string
  readonly params: Readonly<Record<string, string | undefined>>
  readonly query: Readonly<Record<string, string>>
  /** Lower-case names, raw (unredacted) values. */
  readonly headers: Readonly<Record<string, string>>
  readonly bodyText: string
  /** The raw body (multipart uploads read it; everything else reads `bodyText`). */
  readonly bodyBytes: Uint8Array
  /** Clock time when the handler started. */
  readonly now: number
  readonly auth: Auth
  /** The fault chosen for this request when the handler itself acts on it (`DropImportedId`). */
  readonly fault?: Fault.Fault
}

/**
 * A route of one API version, or (`"x"`) of the servlets at the server root such as `/x/fileupload`, or
 * (`"agile"`) of the AgileAssets REST API v1, which the app resolves itself (see `agileRoutes`).
 *
 * @internal
 */
export interface Route {
  readonly version: "v1" | "v2" | "v3" | "x" | "agile"
  /** `"*"` for an agile route: it is resolved per request and checks the method itself. */
  readonly method: HttpMethod.HttpMethod | "*"
  /**
   * Path after `/{site}/api/{version}/` (after `/x/` for `"x"` routes), in HttpRouter syntax (`forms/:type/:id`);
   * for `"agile"` the endpoint pattern after `/{instance}/rest/v1/` (`workOrder/:id/DayCard`), or `unknown`.
   */
  readonly path: string
  /**
   * How the request authenticated, for the log, when the route has its own credentials (AgileAssets); otherwise the
   * Smartabase accounts and sessions decide.
   */
  readonly authenticate?: (headers: Readonly<Record<string, string>>) => {
    readonly auth: RequestLog.LoggedRequest["auth"]
    readonly account: string | undefined
  }
  /**
   * Served under any site segment, not only the simulator's own. The login is: the server decides by the body's
   * `loginProperties.appName` (spec §7.7), so a wrong site name gets its RPC exception, not a 404 page.
   */
  readonly anySite?: boolean
  readonly handle: (request: RouteRequest) => Effect.Effect<Reply>
  /** What the request log keeps of the body, when the JSON redaction does not fit (a multipart upload). */
  readonly logBody?: (headers: Readonly<Record<string, string>>, body: Uint8Array) => unknown
}

const reasons: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout"
}

/** `<html><body><h1>HTTP Status 401 – Unauthorized</h1></body></html>` and its siblings (§7.4). @internal */
export const statusPage = (status: number): string =>
  `<html><body><h1>HTTP Status ${status} – ${reasons[status] ?? "Error"}</h1></body></html>`

/** @internal */
export const htmlContentType = "text/html;charset=utf-8"

/** A text/html answer; the standard status page unless a body is given. @internal */
export const html = (status: number, body?: string): Reply => ({
  status,
  headers: { "content-type": htmlContentType },
  body: body ?? statusPage(status)
})

/** @internal */
export const unauthorized: Reply = html(401)
/** @internal */
export const forbidden: Reply = html(403)
/** @internal */
export const notFound: Reply = html(404)
/** @internal */
export const badRequest: Reply = html(400)
/** @internal */
export const serverError: Reply = html(500)

/** The page a server in maintenance answers with 200. @internal */
export const maintenancePage =
  "<!DOCTYPE html><html><head><title>Down for maintenance</title></head><body><h1>Smartabase is being upgraded" +
  "</h1><p>The site will be back shortly.</p></body></html>"

/**
 * JSON as v1 writes it: `": "` after keys, `,` between items, no other whitespace (as recorded in the cassettes).
 * `undefined` members are omitted.
 *
 * @internal
 */
export const stringifyV1 = (value: unknown): string => {
  if (value === null || value === undefined) return "null"
  if (Array.isArray(value)) return `[${value.map(stringifyV1).join(",")}]`
  if (typeof value === "object") {
    const members = Object.entries(value)
      .filter(([, inner]) => inner !== undefined)
      .map(([key, inner]) => `${JSON.stringify(key)}: ${stringifyV1(inner)}`)
    return `{${members.join(",")}}`
  }
  return JSON.stringify(value)
}

/** Items rendered per piece of a streamed export. */
const itemsPerPiece = 500

/**
 * A v1 JSON answer `{"export": {"events": [...]}, ...rest}` whose events are rendered as they are sent: the same
 * bytes as `v1Json` of the whole object. @internal
 */
export const v1JsonExport = <A>(
  events: ReadonlyArray<A>,
  render: (event: A) => unknown,
  rest: Readonly<Record<string, unknown>>
): Reply => ({
  status: 200,
  headers: {},
  chunked: true,
  body: {
    _tag: "Pieces",
    pieces: function*() {
      yield `{"export": {"events": [`
      for (let from = 0; from < events.length; from += itemsPerPiece) {
        const piece = events.slice(from, from + itemsPerPiece).map((event) => stringifyV1(render(event))).join(",")
        yield from === 0 ? piece : `,${piece}`
      }
      const tail = stringifyV1(rest)
      yield tail === "{}" ? "]}}" : `]},${tail.slice(1)}`
    }
  }
})

/** A v1 JSON answer: no Content-Type header at all, chunked. @internal */
export const v1Json = (value: unknown): Reply => ({ status: 200, headers: {}, body: stringifyV1(value), chunked: true })

/** @internal */
export const v2Headers: Readonly<Record<string, string>> = {
  "content-type": "application/json;charset=utf-8",
  "content-disposition": "attachment"
}

/** A v2 JSON answer. @internal */
export const v2Json = (value: unknown, headers?: Readonly<Record<string, string>>): Reply => ({
  status: 200,
  headers: { ...v2Headers, ...headers },
  body: JSON.stringify(value)
})

/** The v2 convention for failures: HTTP 200 with `__is_rpc_exception__`. @internal */
export const rpcException = (type: string, detailMessage: string): Reply =>
  v2Json({ "__is_rpc_exception__": true, type, value: { detailMessage, cause: null } })

/** Parses a JSON body; `undefined` when it is not JSON (an empty body is `null`). @internal */
export const parseJson = (text: string): { readonly value: unknown } | undefined => {
  if (text.trim().length === 0) return { value: null }
  try {
    return { value: JSON.parse(text) }
  } catch {
    return undefined
  }
}

/** @internal */
export const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

/** The session token a request carries: `session-header`, else the `JSESSIONID` cookie (never URL-decoded). @internal */
export const sessionToken = (headers: Readonly<Record<string, string>>): string | undefined => {
  const header = headers["session-header"]
  if (header !== undefined && header.length > 0) return header
  const cookie = headers["cookie"]
  if (cookie === undefined) return undefined
  for (const part of cookie.split(";")) {
    const eq = part.indexOf("=")
    if (eq > 0 && part.slice(0, eq).trim() === "JSESSIONID") return part.slice(eq + 1).trim()
  }
  return undefined
}

/** The Basic credentials a request carries, if any; `"malformed"` when the header is not valid Basic. @internal */
export const basicCredentials = (
  headers: Readonly<Record<string, string>>
): { readonly username: string; readonly password: string } | "malformed" | undefined => {
  const header = headers["authorization"]
  if (header === undefined) return undefined
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header)
  if (match === null || match[1] === undefined) return "malformed"
  const decoded = Buffer.from(match[1], "base64").toString("utf8")
  const colon = decoded.indexOf(":")
  if (colon < 0) return "malformed"
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

const bodyBytes = (body: Reply["body"]): Uint8Array =>
  typeof body === "string"
    ? Buffer.from(body, "utf8")
    : body instanceof Uint8Array
    ? body
    : Buffer.from([...body.pieces()].join(""), "utf8")

/** The first half of the body's bytes, still status 200, with a Content-Length that matches. @internal */
export const truncate = (reply: Reply): Reply => {
  const bytes = bodyBytes(reply.body)
  return { ...reply, status: 200, body: bytes.subarray(0, Math.floor(bytes.length / 2)), chunked: false }
}

/** Writes a reply: v1 (chunked) bodies go out raw so the platform adds no Content-Type. @internal */
export const toResponse = (reply: Reply, echoSession: string | undefined): HttpServerResponse.HttpServerResponse => {
  const headers: Record<string, string> = { ...reply.headers }
  if (echoSession !== undefined && headers["session-header"] === undefined) headers["session-header"] = echoSession
  if (reply.chunked === true) {
    const body = reply.body
    return HttpServerResponse.raw(
      typeof body === "string" || body instanceof Uint8Array ? body : Readable.from(body.pieces()),
      { status: reply.status, headers }
    )
  }
  const bytes = bodyBytes(reply.body)
  // A 204 carries neither a body nor a Content-Length (RFC 9110 §8.6).
  if (reply.status !== 204) headers["content-length"] = String(bytes.length)
  return HttpServerResponse.raw(bytes, { status: reply.status, headers })
}
