/**
 * The API v3 conventions (§3.3): plain REST with meaningful statuses, answers `application/json`, failures
 * `{"status": n, "href": "<path from /api/ on>", "errors": [{"errorCode", "message", "metaData": null}]}`. v3 uses
 * the v2 session (`session-header` or `JSESSIONID`); without a live one the answer is the 401 page (also the
 * expiry signal), and 403 is the text/html page as for v1.
 *
 * @since 0.1.0
 * @internal
 */
import * as Effect from "effect/Effect"
import type * as DemoData from "../DemoData.js"
import type { Reply, RouteRequest } from "./http.js"
import { unauthorized } from "./http.js"

/** @internal */
export const v3ContentType = "application/json"

/** A v3 JSON answer. @internal */
export const v3Json = (status: number, value: unknown): Reply => ({
  status,
  headers: { "content-type": v3ContentType },
  body: JSON.stringify(value)
})

/**
 * The `href` of an error: the request path from `/api/` on, without the site segment (as the seed shows
 * `/api/v3/group-athletes/9999`) and without the query.
 *
 * @internal
 */
export const href = (request: RouteRequest): string => {
  const index = request.path.indexOf("/api/")
  return index < 0 ? request.path : request.path.slice(index)
}

/** One entry of a v3 error body. @internal */
export interface V3ErrorEntry {
  readonly errorCode: string
  readonly message: string
}

/** A v3 error answer. @internal */
export const v3Error = (request: RouteRequest, status: number, errors: ReadonlyArray<V3ErrorEntry>): Reply =>
  v3Json(status, {
    status,
    href: href(request),
    errors: errors.map((e) => ({ errorCode: e.errorCode, message: e.message, metaData: null }))
  })

/** 404 `itemNotFound` with `message`. @internal */
export const itemNotFound = (request: RouteRequest, message: string): Reply =>
  v3Error(request, 404, [{ errorCode: "itemNotFound", message }])

/** Runs a v3 handler for the request's live session; anything else is the 401 page. @internal */
export const v3Handler =
  (handler: (account: DemoData.Account, request: RouteRequest) => Reply) =>
  (request: RouteRequest): Effect.Effect<Reply> =>
    Effect.sync(() => request.auth._tag === "Session" ? handler(request.auth.account, request) : unauthorized)
