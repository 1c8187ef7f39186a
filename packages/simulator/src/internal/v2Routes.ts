/**
 * API v2 (RPC-exception convention): failures are HTTP 200 bodies with `__is_rpc_exception__`; answers carry
 * `application/json;charset=utf-8` and `Content-Disposition: attachment`. This module holds the login (§1.4) and
 * gathers the routes of the other areas: persons, event deletes, files.
 *
 * @since 0.1.0
 * @internal
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { defaultPermissions } from "../DemoData.js"
import type { Route } from "./http.js"
import { isRecord, parseJson, rpcException, unauthorized, v2Json } from "./http.js"
import { person } from "./render.js"
import type { SimulatorState } from "./state.js"
import * as V2Events from "./v2Events.js"
import * as V2Files from "./v2Files.js"
import * as V2Persons from "./v2Persons.js"

export {
  /** @internal */
  sessionExpired,
  /** @internal */
  withSession
} from "./v2.js"

/** The application id the login reports. @internal */
export const applicationId = 1044

interface LoginRequest {
  readonly username: string
  readonly password: string
  readonly appName: string
}

const parseLogin = (text: string): LoginRequest | undefined => {
  const body = parseJson(text)?.value
  if (!isRecord(body) || !isRecord(body.loginProperties)) return undefined
  const { password, username } = body
  const appName = body.loginProperties.appName
  if (typeof username !== "string" || typeof password !== "string" || typeof appName !== "string") return undefined
  return { username, password, appName }
}

const loginUser = (state: SimulatorState): Route => ({
  version: "v2",
  method: "POST",
  path: "user/loginUser",
  anySite: true,
  handle: (request) =>
    Effect.gen(function*() {
      const login = parseLogin(request.bodyText)
      if (login === undefined) {
        return rpcException(
          "InvalidRequestException",
          "Malformed login request: expected username, password and loginProperties.appName"
        )
      }
      if (login.appName !== state.site) {
        return rpcException("InvalidApplicationException", `No application known as ${login.appName}`)
      }
      const account = state.authenticate(login.username, login.password)
      const user = account === undefined ? undefined : state.users.get(account.userId)
      if (account === undefined || user === undefined) return unauthorized
      const now = yield* Clock.currentTimeMillis
      const session = state.createSession(account, now)
      session.uploadToken = state.newSkypeName()
      state.logins += 1
      const body = {
        isAthlete: state.groups.some((g) => g.members.includes(user.userId)),
        isCoach: account.coachGroups.length > 0,
        isAdmin: account.isAdmin === true,
        user: person(user, { admin: account.isAdmin === true, skypeName: session.uploadToken }),
        applicationId,
        loginActions: [],
        restrictionPolicyIds: [],
        permissions: account.permissions ?? defaultPermissions
      }
      return {
        ...v2Json(body, {
          "set-cookie": `JSESSIONID=${session.token}; Path=/; Secure; HttpOnly`,
          "session-header": session.token
        }),
        account: account.username
      }
    })
})

/** The v2 routes. @internal */
export const routes = (state: SimulatorState): ReadonlyArray<Route> => [
  loginUser(state),
  ...V2Persons.routes(state),
  ...V2Events.routes(state),
  ...V2Files.routes(state)
]
