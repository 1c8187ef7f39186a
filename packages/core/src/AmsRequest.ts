/**
 * A description of one AMS API call, before credentials and URL are attached by the pipeline.
 *
 * `idempotent` says whether repeating the call is harmless. Reads (searches, exports, also the v1 ones sent
 * as POST) are; most writes are not. The pipeline retries idempotent calls on any transient failure; a
 * non-idempotent call is retried only when the server certainly did not process it (connection refused,
 * 429, 503), and otherwise ends in `OutcomeUnknown`. The flag is carried in the type so that a read's
 * error union has no `OutcomeUnknown`.
 *
 * @since 0.1.0
 */
import type { SessionToken } from "./Session.js"

/**
 * The API a request is for: the generations of Smartabase, v1 (body-state convention), v2 (RPC exceptions) and
 * v3 (REST), or `agile`, the AgileAssets AMS REST API v1.
 *
 * @since 0.1.0
 * @category models
 */
export type Api = "v1" | "v2" | "v3" | "agile"

/**
 * The HTTP methods the AMS APIs use.
 *
 * @since 0.1.0
 * @category models
 */
export type Method = "GET" | "POST" | "PUT" | "DELETE"

/**
 * Where a path is rooted: below the site's `/api/{version}/` (every API call), or at the server root (the file
 * upload, `https://server/x/fileupload`).
 *
 * @since 0.1.0
 * @category models
 */
export type Location = "api" | "server"

/**
 * One API call as the pipeline sends it; `Idempotent` says whether it may be repeated after a transient failure.
 *
 * @since 0.1.0
 * @category models
 */
export interface AmsRequest<Idempotent extends boolean = boolean> {
  readonly api: Api
  readonly method: Method
  /** Path below `/api/{version}/` (e.g. `listgroups`, `user/loginUser`), or below the server for `location: "server"`. */
  readonly path: string
  readonly location: Location
  /** `"v1/listgroups"`: names the call in spans, logs and errors. */
  readonly endpoint: string
  /**
   * The body: a JSON value (in which `Redacted` values are revealed only when serialised), a `FormData` (sent as
   * multipart), or `undefined` for none.
   */
  readonly body: unknown
  /**
   * Builds the body from the session it is sent with, for bodies that carry a per-login value (the upload token):
   * after a re-login the body is built again.
   */
  readonly bodyForSession?: ((session: SessionToken) => unknown) | undefined
  /** Extra query parameters (v1 and v2 always get `informat=json&format=json`). */
  readonly urlParams: Readonly<Record<string, string>>
  readonly idempotent: Idempotent
}

/**
 * Builds a request; a leading `/` on the path is dropped and the endpoint name (`"v1/listgroups"`) is derived.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <const Idempotent extends boolean>(options: {
  readonly api: Api
  readonly method: Method
  readonly path: string
  readonly body?: unknown
  readonly bodyForSession?: ((session: SessionToken) => unknown) | undefined
  readonly urlParams?: Readonly<Record<string, string>> | undefined
  readonly location?: Location | undefined
  readonly idempotent: Idempotent
}): AmsRequest<Idempotent> => {
  const path = options.path.replace(/^\/+/, "")
  const location = options.location ?? "api"
  return {
    api: options.api,
    method: options.method,
    path,
    location,
    endpoint: location === "api" ? `${options.api}/${path}` : path,
    body: options.body,
    bodyForSession: options.bodyForSession,
    urlParams: options.urlParams ?? {},
    idempotent: options.idempotent
  }
}

/**
 * A POST that only reads (v1 searches and exports, v2 `person/get`…): retried on any transient failure.
 *
 * @since 0.1.0
 * @category constructors
 */
export const read = (api: Api, path: string, body: unknown): AmsRequest<true> =>
  make({ api, method: "POST", path, body, idempotent: true })

/**
 * A POST that changes data and must not be applied twice: never repeated once it may have reached the server.
 *
 * @since 0.1.0
 * @category constructors
 */
export const write = (api: Api, path: string, body: unknown): AmsRequest<false> =>
  make({ api, method: "POST", path, body, idempotent: false })

/**
 * A GET (v3): retried on any transient failure.
 *
 * @since 0.1.0
 * @category constructors
 */
export const get = (
  api: Api,
  path: string,
  urlParams?: Readonly<Record<string, string>>
): AmsRequest<true> => make({ api, method: "GET", path, urlParams, idempotent: true })

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * Whether text can go into a URL as given: well-formed UTF-16, without a lone surrogate, which has no UTF-8 form
 * (`encodeURIComponent` throws on one, and a URL parser turns it into U+FFFD). It is
 * `String.prototype.isWellFormed`, which the ES2022 library does not know.
 *
 * @since 0.1.0
 * @category validation
 */
export const isWellFormed = (text: string): boolean => !loneSurrogate.test(text)

/**
 * The reason given for text that is not {@link isWellFormed}.
 *
 * @since 0.1.0
 * @category validation
 */
export const notWellFormed =
  "holds a lone UTF-16 surrogate, which has no UTF-8 form (is the text cut in the middle of a character?)"

/**
 * Whether a URL path segment is `.` or `..`, also percent-encoded (URL parsers read `%2e` as a dot): a parser
 * resolves such a segment, so a request would reach another path than the one named.
 *
 * @since 0.1.0
 * @category validation
 */
export const isDotSegment = (segment: string): boolean => /^(?:\.|%2e){1,2}$/i.test(segment)
