/**
 * The request pipeline every route goes through: read and log the request, pick a fault, authenticate, run the
 * version's handler, and write its reply (echoing `session-header`). Routes are mounted on an `HttpRouter` at
 * `/{site}/api/{version}/{path}` (the root servlets at `/x/{path}`). What no route matches goes to the catch-all,
 * which hands paths under `/{instance}/rest/v1` to the AgileAssets routes (they match without regard to case);
 * anything else is the 404 page.
 *
 * @since 0.1.0
 * @internal
 */
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import type * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as RequestLog from "../RequestLog.js"
import * as AgileRoutes from "./agileRoutes.js"
import * as Auth from "./auth.js"
import * as Faults from "./faults.js"
import type { Auth as RequestAuth, Reply, Route } from "./http.js"
import { html, maintenancePage, notFound, sessionToken, statusPage, toResponse, truncate } from "./http.js"
import type { LogEntry, SimulatorState } from "./state.js"
import * as V1Routes from "./v1Routes.js"
import * as V2Routes from "./v2Routes.js"
import * as V3Routes from "./v3Routes.js"

type Handler = Effect.Effect<
  HttpServerResponse.HttpServerResponse,
  never,
  HttpServerRequest.HttpServerRequest | HttpRouter.RouteContext
>

/**
 * Destroys the connection without answering. The response is then marked as ended (nothing can reach the
 * destroyed socket), so the platform neither writes an answer nor interrupts the handler as a client abort: the
 * handler finishes normally and the reply it returns is discarded.
 */
const resetConnection = (request: HttpServerRequest.HttpServerRequest): Effect.Effect<Reply> =>
  Effect.sync(() => {
    NodeHttpServerRequest.toIncomingMessage(request).socket.destroy()
    NodeHttpServerRequest.toServerResponse(request).end()
    return html(500)
  })

const rateLimited = (retryAfterSeconds: number): Reply => {
  const page = html(429)
  return { ...page, headers: { ...page.headers, "retry-after": String(retryAfterSeconds) } }
}

const lowerCaseHeaders = (headers: Readonly<Record<string, string | undefined>>): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = value
  }
  return out
}

/** How the request authenticated, for the log: the route's own credentials, else the Smartabase accounts. */
const logAuth = (
  state: SimulatorState,
  route: Route | undefined,
  headers: Readonly<Record<string, string>>,
  now: number
) => route?.authenticate?.(headers) ?? Auth.forLog(Auth.classify(state, headers, now, false))

const handle = (state: SimulatorState, matched: Route | undefined): Handler =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const params = yield* HttpRouter.params
    const at = yield* Clock.currentTimeMillis
    const url = new URL(request.url, "http://127.0.0.1")
    const route = matched ?? AgileRoutes.resolve(state.agile, url.pathname)
    const headers = lowerCaseHeaders(request.headers)
    const bodyBytes = yield* Effect.orElseSucceed(
      Effect.map(request.arrayBuffer, (buffer) => new Uint8Array(buffer)),
      () => new Uint8Array(0)
    )
    const bodyText = Buffer.from(bodyBytes).toString("utf8")
    const routeKey = route === undefined ? "unknown" : `${route.version}/${route.path}`
    const first = logAuth(state, route, headers, at)
    const entry: LogEntry = state.beginRequest({
      at,
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      route: routeKey,
      headers: RequestLog.redactHeaders(headers),
      auth: first.auth,
      ...(first.account === undefined ? {} : { account: first.account }),
      body: route?.logBody === undefined ? RequestLog.redactBody(bodyText) : route.logBody(headers, bodyBytes),
      status: "pending"
    })
    state.inFlight += 1
    const echo = headers["session-header"]
    const send = (reply: Reply) => {
      entry.status = reply.status
      if (reply.account !== undefined) entry.account = reply.account
      return toResponse(reply, echo)
    }

    const pipeline = Effect.gen(function*() {
      const fault = Faults.decide(state, routeKey)
      if (fault !== undefined) entry.fault = fault._tag
      switch (fault?._tag) {
        case "Latency": {
          yield* Effect.sleep(Duration.millis(fault.millis))
          break
        }
        case "ExpireSession": {
          const token = sessionToken(headers)
          if (token !== undefined) state.expireSession(token)
          break
        }
        case "Status":
          return send(html(fault.status, fault.body ?? statusPage(fault.status)))
        case "RateLimited":
          return send(rateLimited(fault.retryAfterSeconds))
        case "HtmlOk":
          return send(html(200, maintenancePage))
        case "ResetBeforeHandler": {
          entry.status = "reset"
          return toResponse(yield* resetConnection(request), undefined)
        }
        case "Hang": {
          entry.status = "hang"
          return yield* Effect.never
        }
      }
      const now = yield* Clock.currentTimeMillis
      const own = route?.authenticate?.(headers)
      const auth: RequestAuth = own === undefined ? Auth.classify(state, headers, now, true) : { _tag: "None" }
      const logged = own ?? Auth.forLog(auth)
      entry.auth = logged.auth
      if (logged.account === undefined) delete entry.account
      else entry.account = logged.account
      if (route === undefined) return send(notFound)
      const reply = yield* route.handle({
        method: request.method,
        path: url.pathname,
        params,
        query: entry.query,
        headers,
        bodyText,
        bodyBytes,
        now,
        auth,
        ...(fault === undefined ? {} : { fault })
      })
      if (fault?._tag === "ResetAfterHandler") {
        if (reply.account !== undefined) entry.account = reply.account
        entry.status = "reset"
        return toResponse(yield* resetConnection(request), undefined)
      }
      return send(fault?._tag === "TruncatedJson" ? truncate(reply) : reply)
    })

    return yield* pipeline.pipe(
      Effect.onInterrupt(() =>
        Effect.sync(() => {
          if (entry.status === "pending") entry.status = 499
        })
      ),
      Effect.ensuring(Effect.sync(() => {
        state.inFlight -= 1
      }))
    )
  })

/** The simulator as an `HttpRouter`. @internal */
export const make = (state: SimulatorState): HttpRouter.HttpRouter => {
  const routes = [...V1Routes.routes(state), ...V2Routes.routes(state), ...V3Routes.routes(state)]
  let router: HttpRouter.HttpRouter = HttpRouter.empty
  for (const route of routes) {
    const site = route.anySite === true ? ":site" : state.site
    const path: HttpRouter.PathInput = route.version === "x"
      ? `/x/${route.path}`
      : `/${site}/api/${route.version}/${route.path}`
    router = HttpRouter.route(route.method)(path, handle(state, route))(router)
  }
  return HttpRouter.all(router, "*", handle(state, undefined))
}
