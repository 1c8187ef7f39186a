/**
 * API v2 users (§2.11): `person/get` answers `{"objects": [<person §4.2>…], "totalCount": n}` for the users the
 * account can see that match the query; `person/save` creates (`id` -1) or edits (a real id, replacing every
 * editable field) a person and answers it. A new person is owned by the caller, joins a group the caller coaches
 * (its current group when it coaches that one, else its first coach group) and so shows in v1 too. Failures are
 * RPC exceptions: `InvalidRequestException` (malformed body or filter), `ValidationException` (missing or
 * unreadable field), `DuplicateUsernameException`, `ObjectNotFoundException` (unknown or invisible id).
 *
 * @since 0.1.0
 * @internal
 */
import type * as DemoData from "../DemoData.js"
import type { Reply, Route } from "./http.js"
import { isRecord, rpcException, v2Json } from "./http.js"
import { parsePersonQuery } from "./personFilter.js"
import type { PersonInput } from "./personInput.js"
import { readPerson, readPersonId } from "./personInput.js"
import type { PersonExtra } from "./personStore.js"
import { storedPerson } from "./render.js"
import type { SimulatorState } from "./state.js"
import { v2Handler } from "./v2.js"

const personGet = (state: SimulatorState): Route => ({
  version: "v2",
  method: "POST",
  path: "person/get",
  handle: v2Handler(state, (body, { account }) => {
    const query = parsePersonQuery(body)
    if (typeof query === "string") return rpcException("InvalidRequestException", `Malformed person filter: ${query}`)
    const matching = state.visibleUsers(account).filter(query.filter)
    const page = matching.slice(query.offset, query.limit === undefined ? undefined : query.offset + query.limit)
    return v2Json({ objects: page.map((user) => storedPerson(state, user)), totalCount: matching.length })
  })
})

/** The group a new person joins so that its creator sees it. */
const homeGroup = (state: SimulatorState, account: DemoData.Account) => {
  const current = account.currentGroup
  if (current !== undefined && (account.isAdmin === true || account.coachGroups.includes(current))) {
    return state.group(current)
  }
  for (const name of account.coachGroups) {
    const group = state.group(name)
    if (group !== undefined) return group
  }
  return undefined
}

const userRecord = (userId: number, input: PersonInput, previous: DemoData.UserRecord | undefined) => {
  const user: DemoData.UserRecord = {
    userId,
    firstName: input.firstName,
    lastName: input.lastName,
    dob: input.dob,
    middleName: input.middleNames,
    emailAddress: input.emailAddress,
    knownAs: input.knownAs,
    organisationalId: previous?.organisationalId ?? -1,
    username: input.username,
    sex: input.sex,
    uuid: input.uuid
  }
  return {
    ...user,
    ...(input.phoneNumbers === undefined ? {} : { phoneNumbers: input.phoneNumbers }),
    ...(input.addresses === undefined ? {} : { addresses: input.addresses })
  }
}

const save = (state: SimulatorState, account: DemoData.Account, raw: unknown, now: number): Reply => {
  if (!isRecord(raw)) return rpcException("InvalidRequestException", "Malformed request: expected {\"person\": {…}}")
  const id = readPersonId(raw)
  if (typeof id === "object") return rpcException(id.type, id.detail)
  const previous = id === undefined ? undefined : state.users.get(id)
  if (id !== undefined && (previous === undefined || !state.visibleUserIds(account).has(id))) {
    return rpcException("ObjectNotFoundException", `No person with id ${id}`)
  }
  const input = readPerson(raw)
  if ("type" in input) return rpcException(input.type, input.detail)
  const holder = state.persons.byUsername(input.username)
  if (holder !== undefined && holder.userId !== id) {
    return rpcException("DuplicateUsernameException", `The username "${input.username}" is already in use`)
  }
  const userId = id ?? state.persons.nextUserId()
  const before = id === undefined ? undefined : state.persons.extra(id)
  const extra: PersonExtra = {
    active: input.active,
    avatarId: input.avatarId,
    ownerId: before?.ownerId ?? account.userId,
    language: input.language ?? "English",
    sidebarWidth: input.sidebarWidth,
    timezone: input.timezone,
    communicationPreferences: input.communicationPreferences,
    mtime: Math.max(now, (before?.mtime ?? 0) + 1)
  }
  const user = userRecord(userId, input, previous)
  state.persons.save(user, extra, input.password)
  if (id === undefined) homeGroup(state, account)?.members.push(userId)
  return v2Json(storedPerson(state, user))
}

const personSave = (state: SimulatorState): Route => ({
  version: "v2",
  method: "POST",
  path: "person/save",
  handle: v2Handler(state, (body, { account, request }) =>
    isRecord(body)
      ? save(state, account, body.person, request.now)
      : rpcException("InvalidRequestException", "Malformed request: expected {\"person\": {…}}"))
})

/** The v2 person routes. @internal */
export const routes = (state: SimulatorState): ReadonlyArray<Route> => [personGet(state), personSave(state)]
