/**
 * API v1 users and groups (§2.1–2.3): `usersearch`, `groupmembers`, `currentgroup`, `listgroups`.
 *
 * @since 0.1.0
 * @internal
 */
import type * as DemoData from "../DemoData.js"
import type { Route } from "./http.js"
import { badRequest, forbidden, isRecord, v1Json } from "./http.js"
import { groupsAndRoles, v1User } from "./render.js"
import type { SimulatorState } from "./state.js"
import { v1Handler } from "./v1.js"

const lower = (u: unknown): string | undefined => typeof u === "string" ? u.trim().toLowerCase() : undefined

const matches = (id: unknown, user: DemoData.UserRecord): boolean => {
  if (!isRecord(id)) return false
  if ("userId" in id) {
    const wanted = typeof id.userId === "string" ? Number(id.userId) : id.userId
    return wanted === user.userId
  }
  if ("username" in id) return lower(id.username) === user.username.toLowerCase()
  if ("emailAddress" in id) return lower(id.emailAddress) === user.emailAddress.toLowerCase()
  if ("firstName" in id && "lastName" in id) {
    return lower(id.firstName) === user.firstName.toLowerCase() && lower(id.lastName) === user.lastName.toLowerCase()
  }
  return false
}

/** One `{search, results}` element; `groupsAndRoles` only when exactly one user is found. */
const searchResult = (state: SimulatorState, search: unknown, users: ReadonlyArray<DemoData.UserRecord>) => ({
  search,
  results: users.length === 1
    ? users.map((u) => ({ ...v1User(u), groupsAndRoles: groupsAndRoles(state, u) }))
    : users.map(v1User)
})

const identifications = (body: unknown): ReadonlyArray<unknown> => {
  const identification = isRecord(body) ? body.identification : undefined
  if (identification === undefined || identification === null) return []
  if (Array.isArray(identification)) return identification
  if (isRecord(identification) && Object.keys(identification).length === 0) return []
  return [identification]
}

const usersearch = (state: SimulatorState): Route => ({
  version: "v1",
  method: "POST",
  path: "usersearch",
  handle: v1Handler((account, body) => {
    const visible = state.visibleUsers(account)
    const ids = identifications(body)
    if (ids.length === 0) return v1Json({ results: [searchResult(state, {}, visible)] })
    return v1Json({
      results: ids.map((id) => searchResult(state, id, visible.filter((user) => matches(id, user))))
    })
  })
})

const membersOf = (state: SimulatorState, name: string): ReadonlyArray<DemoData.UserRecord> =>
  (state.group(name)?.members ?? []).flatMap((id) => {
    const user = state.users.get(id)
    return user === undefined ? [] : [user]
  })

const coaches = (account: DemoData.Account, name: string): boolean =>
  account.isAdmin === true || account.coachGroups.includes(name)

const groupmembers = (state: SimulatorState): Route => ({
  version: "v1",
  method: "POST",
  path: "groupmembers",
  handle: v1Handler((account, body) => {
    const name = isRecord(body) ? body.name : undefined
    const names = typeof name === "string"
      ? [name]
      : Array.isArray(name) && name.every((n) => typeof n === "string")
      ? name as ReadonlyArray<string>
      : undefined
    if (names === undefined) return badRequest
    if (names.some((n) => state.group(n) !== undefined && !coaches(account, n))) return forbidden
    return v1Json({ results: names.map((n) => searchResult(state, { name: n }, membersOf(state, n))) })
  })
})

const currentgroup = (state: SimulatorState): Route => ({
  version: "v1",
  method: "POST",
  path: "currentgroup",
  handle: v1Handler((account, body) => {
    const search = isRecord(body) ? body : { name: "" }
    const users = account.currentGroup === undefined ? [] : membersOf(state, account.currentGroup)
    return v1Json({ results: [searchResult(state, search, users)] })
  })
})

const listgroups = (state: SimulatorState): Route => ({
  version: "v1",
  method: "POST",
  path: "listgroups",
  handle: v1Handler((account) => {
    const names = account.isAdmin === true
      ? state.groups.map((g) => g.name)
      : account.coachGroups.filter((name) => state.group(name) !== undefined)
    return v1Json({ name: names })
  })
})

/** The v1 user and group routes. @internal */
export const routes = (state: SimulatorState): ReadonlyArray<Route> => [
  usersearch(state),
  groupmembers(state),
  currentgroup(state),
  listgroups(state)
]
