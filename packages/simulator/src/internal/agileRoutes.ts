/**
 * The AgileAssets REST API v1 under `/{instance}/rest/v1/`. `HttpRouter` matches paths with regard to case, and the
 * vendor's paths match without (spec §1), so the app hands every request it has no route for to `resolve`, which
 * recognises the prefix (any case), drops one trailing slash, and matches the segments against the endpoint
 * patterns itself. Each request then goes: authentication (401 text/plain), path (404 page) and method (405 page),
 * then for a body on POST/PUT/DELETE the media type (415 page) and the JSON (400 page) — all before the API code —
 * and finally the handler, whose JSON errors the server also writes to its `api.log`.
 *
 * @since 0.1.0
 * @internal
 */
import * as Effect from "effect/Effect"
import type * as RequestLog from "../RequestLog.js"
import type { AgileMethod, Endpoint } from "./agileEndpoints.js"
import { endpoints } from "./agileEndpoints.js"
import { isJsonError, prePage, unauthorized } from "./agileErrors.js"
import type { AgileStore } from "./agileTables.js"
import type { Reply, Route, RouteRequest } from "./http.js"
import { basicCredentials, parseJson } from "./http.js"

interface LoggedAuth {
  readonly auth: RequestLog.LoggedRequest["auth"]
  readonly account: string | undefined
}

/** How a request stands against the configured credential, for the check and for the log. @internal */
export const authenticate = (store: AgileStore, headers: Readonly<Record<string, string>>): LoggedAuth => {
  const header = headers["authorization"]
  const config = store.auth
  if (header === undefined) return { auth: "none", account: undefined }
  switch (config._tag) {
    case "None":
      return { auth: "none", account: undefined }
    case "Basic": {
      const basic = basicCredentials(headers)
      return typeof basic === "object" && basic.username === config.username && basic.password === config.password ?
        { auth: "basic", account: basic.username } :
        { auth: "invalid", account: undefined }
    }
    case "Bearer": {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
      return match?.[1] === config.token
        ? { auth: "bearer", account: undefined }
        : { auth: "invalid", account: undefined }
    }
  }
}

const allowed = (store: AgileStore, headers: Readonly<Record<string, string>>): boolean => {
  if (store.auth._tag === "None") return true
  const auth = authenticate(store, headers).auth
  return auth === "basic" || auth === "bearer"
}

interface Match {
  readonly endpoint: Endpoint
  readonly params: Readonly<Record<string, string>>
}

const decode = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

const match = (segments: ReadonlyArray<string>): Match | undefined => {
  for (const endpoint of endpoints) {
    const pattern = endpoint.path.split("/")
    if (pattern.length !== segments.length) continue
    const params: Record<string, string> = {}
    const ok = pattern.every((part, i) => {
      const segment = segments[i] ?? ""
      if (part.startsWith(":")) {
        const value = decode(segment)
        if (value === undefined || value === "") return false
        params[part.slice(1)] = value
        return true
      }
      return part.toLowerCase() === segment.toLowerCase()
    })
    if (ok) return { endpoint, params }
  }
  return undefined
}

const isJsonMediaType = (contentType: string | undefined): boolean =>
  contentType !== undefined && (contentType.split(";")[0] ?? "").trim().toLowerCase() === "application/json"

const answer = (store: AgileStore, found: Match | undefined, request: RouteRequest): Reply => {
  if (!allowed(store, request.headers)) return unauthorized(store.auth._tag === "Bearer" ? "Bearer" : "Basic")
  if (found === undefined) return prePage(404, `There is no resource at ${request.path}`)
  const methods = found.endpoint.methods
  const handler = methods[request.method as AgileMethod]
  if (handler === undefined) {
    const page = prePage(405, `${request.method} is not allowed here`)
    return { ...page, headers: { ...page.headers, allow: Object.keys(methods).join(", ") } }
  }
  let body: { readonly value: unknown } | undefined
  if (request.method !== "GET" && request.bodyText.trim().length > 0) {
    if (!isJsonMediaType(request.headers["content-type"])) {
      return prePage(415, "The request body must be sent as Content-Type: application/json")
    }
    body = parseJson(request.bodyText)
    if (body === undefined) return prePage(400, "The request body is not well-formed JSON")
  }
  const reply = handler({ store, method: request.method, params: found.params, query: request.query, body })
  if (isJsonError(reply)) {
    const parsed = parseJson(typeof reply.body === "string" ? reply.body : "")?.value
    store.apiLog.append({
      at: request.now,
      method: request.method,
      path: request.path,
      status: reply.status,
      message: typeof parsed === "object" && parsed !== null && "message" in parsed ? String(parsed.message) : ""
    })
  }
  return reply
}

/**
 * The agile route for a request path, when it lies under `/{instance}/rest/v1` (in any case); `undefined`
 * otherwise. A path under the prefix that no endpoint matches is the route `agile/unknown` (404 page).
 *
 * @internal
 */
export const resolve = (store: AgileStore, pathname: string): Route | undefined => {
  const prefix = `/${store.instance}/rest/v1`.toLowerCase()
  const lower = pathname.toLowerCase()
  if (lower !== prefix && lower !== `${prefix}/` && !lower.startsWith(`${prefix}/`)) return undefined
  const segments = pathname.slice(prefix.length + 1).split("/")
  if (segments.at(-1) === "") segments.pop()
  const found = match(segments)
  return {
    version: "agile",
    method: "*",
    path: found?.endpoint.path ?? "unknown",
    authenticate: (headers) => authenticate(store, headers),
    handle: (request) => Effect.sync(() => answer(store, found, request))
  }
}
