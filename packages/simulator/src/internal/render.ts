/**
 * The wire shapes of the simulator's records: the v1 user (§4.1, field order as recorded) with its optional
 * `groupsAndRoles`, the v1 event and profile of the exports (§4.3, §4.4), and the v2 person (§4.2) used by the
 * login answer.
 *
 * @since 0.1.0
 * @internal
 */
import type * as DemoData from "../DemoData.js"
import type { EventRecord, ProfileRecord } from "./eventStore.js"
import type { PersonExtra } from "./personStore.js"
import { seededExtra } from "./personStore.js"
import type { SimulatorState } from "./state.js"

/** A user as v1 answers it; optional lists are omitted when absent. @internal */
export const v1User = (user: DemoData.UserRecord): Record<string, unknown> => ({
  userId: user.userId,
  firstName: user.firstName,
  lastName: user.lastName,
  dob: user.dob,
  middleName: user.middleName,
  emailAddress: user.emailAddress,
  knownAs: user.knownAs,
  organisationalId: user.organisationalId,
  username: user.username,
  phoneNumbers: user.phoneNumbers?.map((p) => ({ ...p })),
  addresses: user.addresses?.map((a) => ({ ...a })),
  sex: user.sex,
  uuid: user.uuid
})

/** `groupsAndRoles` of a user: the groups it coaches (through its account), belongs to, and its roles. @internal */
export const groupsAndRoles = (state: SimulatorState, user: DemoData.UserRecord): Record<string, unknown> => {
  const account = Array.from(state.accounts.values()).find((a) => a.userId === user.userId)
  const coachGroups = state.groups.filter((g) => account?.coachGroups.includes(g.name) === true)
  const athleteGroups = state.groups.filter((g) => g.members.includes(user.userId))
  const roles: Array<string> = []
  if (athleteGroups.length > 0) roles.push("Athlete")
  if (coachGroups.length > 0) roles.push("Coach")
  if (account?.isAdmin === true) roles.push("Administrator")
  return {
    coachGroups: coachGroups.map((g) => ({ id: g.id, name: g.name })),
    athleteGroups: athleteGroups.map((g) => ({ id: g.id, name: g.name })),
    role: roles
  }
}

const v1Rows = (rows: ReadonlyArray<DemoData.EventRow>): ReadonlyArray<Record<string, unknown>> =>
  rows.map((row) => ({ row: row.row, pairs: row.pairs.map((pair) => ({ key: pair.key, value: pair.value })) }))

/** An event as the v1 exports answer it (§4.3): `userId` a bare int, every value a string. @internal */
export const v1Event = (event: EventRecord): Record<string, unknown> => ({
  id: event.id,
  formName: event.formName,
  startDate: event.startDate,
  finishDate: event.finishDate,
  startTime: event.startTime,
  finishTime: event.finishTime,
  userId: event.userId,
  enteredByUserId: event.enteredByUserId,
  rows: v1Rows(event.rows)
})

/** A profile record as `profilesearch` answers it (§2.7): an event without dates. @internal */
export const v1Profile = (profile: ProfileRecord): Record<string, unknown> => ({
  id: profile.id,
  formName: profile.formName,
  userId: profile.userId,
  enteredByUserId: profile.enteredByUserId,
  rows: v1Rows(profile.rows)
})

const sexCode = { MALE: "0", FEMALE: "1", UNSPECIFIED: "2" } as const
const phoneType = { HOME: 0, MOBILE: 1, EMERGENCY: 2, OTHER: 4 } as const
const addressType = { PRIMARY: 0, ALTERNATIVE: 1 } as const

/**
 * A user as a v2 person (§4.2), keys in the recorded order. `skypeName` is the per-login token on a login,
 * otherwise null; `extra` the attributes `person/save` keeps (a seeded user's defaults when omitted). A password
 * is never part of it.
 *
 * @internal
 */
export const person = (
  user: DemoData.UserRecord,
  options: { readonly admin: boolean; readonly skypeName: string | null; readonly extra?: PersonExtra }
): Record<string, unknown> => {
  const extra = options.extra ?? seededExtra
  return {
    active: extra.active,
    admin: options.admin,
    pending: false,
    communicationPreferences: extra.communicationPreferences,
    sex: sexCode[user.sex],
    avatarId: extra.avatarId,
    id: user.userId,
    organisationId: 1,
    ownerId: extra.ownerId,
    plan: 0,
    state: 0,
    emailAddress: user.emailAddress,
    firstName: user.firstName,
    knownAs: user.knownAs,
    language: extra.language,
    lastName: user.lastName,
    middleNames: user.middleName,
    sidebarWidth: extra.sidebarWidth,
    skypeName: options.skypeName,
    timezone: extra.timezone,
    username: user.username,
    uuid: user.uuid === "" ? null : user.uuid,
    addresses: user.addresses?.map((a) => ({ ...a, type: addressType[a.type] })) ?? null,
    favoriteDashboards: null,
    favoriteEvents: null,
    frontPageButtons: null,
    phoneNumbers: user.phoneNumbers?.map((p) => ({ ...p, type: phoneType[p.type] })) ?? null,
    accountExpiration: "01/01/1970",
    dateOfBirth: user.dob === "" ? null : user.dob,
    __mtime__: extra.mtime
  }
}

/** A user as `person/get` and `person/save` answer it: `skypeName` null, `admin` from its account. @internal */
export const storedPerson = (state: SimulatorState, user: DemoData.UserRecord): Record<string, unknown> => {
  const account = Array.from(state.accounts.values()).find((a) => a.userId === user.userId)
  return person(user, {
    admin: account?.isAdmin === true,
    skypeName: null,
    extra: state.persons.extra(user.userId)
  })
}
