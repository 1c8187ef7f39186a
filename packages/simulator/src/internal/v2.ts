/**
 * The API v2 conventions every v2 route after the login shares: a live session is required (`session-header` or
 * the `JSESSIONID` cookie; Basic sent beside it is ignored), no session at all is the 401 page, an unknown or
 * expired one is answered per `v2SessionExpiry`; failures are HTTP 200 RPC exceptions, and a body that is not
 * JSON is an `InvalidRequestException`.
 *
 * @since 0.1.0
 * @internal
 */
import * as Effect from "effect/Effect"
import type * as DemoData from "../DemoData.js"
import type { Reply, RouteRequest } from "./http.js"
import { parseJson, rpcException, sessionToken, unauthorized } from "./http.js"
import type { SimulatorState } from "./state.js"

/** The answer to a request whose session expired, in the style the simulator was configured with. @internal */
export const sessionExpired = (state: SimulatorState): Reply =>
  state.v2SessionExpiry === "rpc" ? rpcException("SessionExpiredException", "Session expired") : unauthorized

/**
 * Runs a v2 handler for the request's live session. No session at all → 401; an unknown or expired one →
 * {@link sessionExpired}.
 *
 * @internal
 */
export const withSession = (
  state: SimulatorState,
  request: RouteRequest,
  handler: (account: DemoData.Account, token: string) => Effect.Effect<Reply>
): Effect.Effect<Reply> => {
  if (request.auth._tag === "Session") return handler(request.auth.account, request.auth.token)
  return Effect.succeed(sessionToken(request.headers) === undefined ? unauthorized : sessionExpired(state))
}

/** What a v2 handler gets besides its parsed body. @internal */
export interface V2Context {
  readonly account: DemoData.Account
  /** The session token the request carried. */
  readonly token: string
  readonly request: RouteRequest
}

/**
 * A v2 route handler for a live session and a JSON body (an empty body reads as `null`); a body that is not JSON
 * is the RPC exception `InvalidRequestException`.
 *
 * @internal
 */
export const v2Handler = (
  state: SimulatorState,
  handler: (body: unknown, context: V2Context) => Reply
) =>
(request: RouteRequest): Effect.Effect<Reply> =>
  withSession(state, request, (account, token) =>
    Effect.sync(() => {
      const parsed = parseJson(request.bodyText)
      if (parsed === undefined) return rpcException("InvalidRequestException", "The request body is not valid JSON")
      return handler(parsed.value, { account, token, request })
    }))
