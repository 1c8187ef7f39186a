/**
 * How a request authenticates: a session (`session-header` or `JSESSIONID` cookie) counts whenever one is present,
 * even beside valid Basic credentials; otherwise Basic credentials; otherwise none.
 *
 * @since 0.1.0
 * @internal
 */
import type * as RequestLog from "../RequestLog.js"
import type { Auth } from "./http.js"
import { basicCredentials, sessionToken } from "./http.js"
import type { SimulatorState } from "./state.js"

/** `touch` restarts the idle timer of a valid session (an authenticated request that is handled). @internal */
export const classify = (
  state: SimulatorState,
  headers: Readonly<Record<string, string>>,
  now: number,
  touch: boolean
): Auth => {
  const token = sessionToken(headers)
  if (token !== undefined) {
    const session = state.session(token, now, touch)
    return session === undefined ? { _tag: "Invalid" } : { _tag: "Session", account: session.account, token }
  }
  const basic = basicCredentials(headers)
  if (basic === undefined) return { _tag: "None" }
  if (basic === "malformed") return { _tag: "Invalid" }
  const account = state.authenticate(basic.username, basic.password)
  return account === undefined ? { _tag: "Invalid" } : { _tag: "Basic", account }
}

/** The log's view of an authentication. @internal */
export const forLog = (
  auth: Auth
): { readonly auth: RequestLog.LoggedRequest["auth"]; readonly account: string | undefined } => {
  switch (auth._tag) {
    case "None":
      return { auth: "none", account: undefined }
    case "Invalid":
      return { auth: "invalid", account: undefined }
    case "Basic":
      return { auth: "basic", account: auth.account.username }
    case "Session":
      return { auth: "session", account: auth.account.username }
  }
}
