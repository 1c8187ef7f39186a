/**
 * API v1 event exports: `eventsearch` and `filteredeventsearch` (§2.5) and `synchronise` (§2.6, §7.6).
 * Searches select by form, user and the start of the event within `[startDate startTime, finishDate finishTime]`
 * (inclusive, minute precision); synchronise selects by modification time and reports deletions.
 *
 * @since 0.1.0
 * @internal
 */
import type * as DemoData from "../DemoData.js"
import type { EventRecord } from "./eventStore.js"
import { canRead } from "./eventStore.js"
import type { Reply, Route } from "./http.js"
import { badRequest, forbidden, isRecord, serverError, v1JsonExport } from "./http.js"
import { v1Event } from "./render.js"
import type { SimulatorState } from "./state.js"
import { asInt, asList, intList, searchAnswer, stringList, unique, v1Handler } from "./v1.js"
import { minuteOf, minutesPerDay, parseDate, parseTime } from "./wireTime.js"

/** One `filterSet` entry: 1 `=`, 2 `!=`, 3 contains, 4 `<`, 5 `>`, 6 `<=`, 7 `>=`. */
interface Condition {
  readonly key: string
  readonly value: string
  readonly condition: number
}

interface FormFilter {
  readonly formName: string
  readonly conditions: ReadonlyArray<Condition>
}

const text = (value: unknown): string | undefined =>
  typeof value === "string"
    ? value
    : typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : undefined

const parseFilter = (value: unknown): ReadonlyArray<FormFilter> | undefined => {
  const filters: Array<FormFilter> = []
  for (const entry of asList(value)) {
    if (!isRecord(entry) || typeof entry.formName !== "string") return undefined
    const conditions: Array<Condition> = []
    for (const set of asList(entry.filterSet)) {
      if (!isRecord(set) || typeof set.key !== "string") return undefined
      const wanted = text(set.value)
      const condition = asInt(set.filterCondition)
      if (wanted === undefined || condition === undefined || condition < 1 || condition > 7) return undefined
      conditions.push({ key: set.key, value: wanted, condition })
    }
    filters.push({ formName: entry.formName, conditions })
  }
  return filters
}

const numeric = (value: string): number | undefined => {
  if (value.trim() === "") return undefined
  const n = Number(value)
  return Number.isFinite(n) ? n : undefined
}

const equal = (a: string, b: string): boolean => {
  if (a === b) return true
  const [x, y] = [numeric(a), numeric(b)]
  return x !== undefined && x === y
}

const compare = (condition: number, value: number, target: number): boolean => {
  switch (condition) {
    case 4:
      return value < target
    case 5:
      return value > target
    case 6:
      return value <= target
    default:
      return value >= target
  }
}

/**
 * Whether an event satisfies a condition. A key may have a value in several rows (table fields): `=`, contains and
 * the comparisons hold when some row's value does, `!=` when none equals. Comparisons only hold between numbers;
 * contains ignores case.
 */
const holds = (event: EventRecord, condition: Condition): boolean => {
  const values = event.rows.flatMap((row) => row.pairs.filter((p) => p.key === condition.key).map((p) => p.value))
  switch (condition.condition) {
    case 1:
      return values.some((v) => equal(v, condition.value))
    case 2:
      return !values.some((v) => equal(v, condition.value))
    case 3: {
      const needle = condition.value.toLowerCase()
      return values.some((v) => v.toLowerCase().includes(needle))
    }
    default: {
      const target = numeric(condition.value)
      if (target === undefined) return false
      return values.some((v) => {
        const n = numeric(v)
        return n !== undefined && compare(condition.condition, n, target)
      })
    }
  }
}

/** An optional string member: absent, null and `""` are "not given"; a non-string is malformed. */
const optionalText = (value: unknown): string | undefined | null =>
  value === undefined || value === null || value === "" ? undefined : typeof value === "string" ? value : null

/**
 * The `[from, to]` window in minutes since 1970: a missing start date is unbounded below, a missing finish date
 * above; missing times are the whole day (`12:00 AM` to `11:59 PM`). `undefined` when a value is malformed.
 */
const searchWindow = (body: Readonly<Record<string, unknown>>): { from: number; to: number } | undefined => {
  const [startDate, finishDate, startTime, finishTime] = [
    optionalText(body.startDate),
    optionalText(body.finishDate),
    optionalText(body.startTime),
    optionalText(body.finishTime)
  ]
  if (startDate === null || finishDate === null || startTime === null || finishTime === null) return undefined
  const startDay = startDate === undefined ? undefined : parseDate(startDate)
  const finishDay = finishDate === undefined ? undefined : parseDate(finishDate)
  const startMinute = startTime === undefined ? 0 : parseTime(startTime)
  const finishMinute = finishTime === undefined ? minutesPerDay - 1 : parseTime(finishTime)
  if (startMinute === undefined || finishMinute === undefined) return undefined
  if ((startDate !== undefined && startDay === undefined) || (finishDate !== undefined && finishDay === undefined)) {
    return undefined
  }
  return {
    from: startDay === undefined ? -Infinity : minuteOf(startDay, startMinute),
    to: finishDay === undefined ? Infinity : minuteOf(finishDay, finishMinute)
  }
}

/** Keeps the `limit` most recent events of each user, in the given (oldest-first) order. */
const mostRecentPerUser = (events: ReadonlyArray<EventRecord>, limit: number): ReadonlyArray<EventRecord> => {
  const kept = new Set<EventRecord>()
  const counts = new Map<number, number>()
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]
    if (event === undefined) continue
    const count = counts.get(event.userId) ?? 0
    if (count < limit) kept.add(event)
    counts.set(event.userId, count + 1)
  }
  return events.filter((event) => kept.has(event))
}

const search = (state: SimulatorState, account: DemoData.Account, body: unknown, filtered: boolean): Reply => {
  if (!isRecord(body)) return badRequest
  const formNames = stringList(body.formNames)
  const userIds = intList(body.userIds)
  const filters = filtered ? parseFilter(body.filter) : []
  const window = searchWindow(body)
  const perUser = body.resultsPerUser === undefined || body.resultsPerUser === null || body.resultsPerUser === ""
    ? 0
    : asInt(body.resultsPerUser)
  if (
    formNames === undefined || userIds === undefined || filters === undefined || window === undefined ||
    perUser === undefined
  ) {
    return badRequest
  }
  const forms = new Set([...formNames, ...filters.map((f) => f.formName)])
  for (const name of forms) {
    if (state.store.forms.has(name) && !canRead(account, name)) return forbidden
  }
  const visible = state.visibleUserIds(account)
  const users = new Set(userIds.filter((id) => visible.has(id)))
  const found = state.store.eventList()
    .filter((event) =>
      forms.has(event.formName) && users.has(event.userId) &&
      event.startMinute >= window.from && event.startMinute <= window.to &&
      filters.every((f) => f.formName !== event.formName || f.conditions.every((c) => holds(event, c)))
    )
    .sort((a, b) => a.startMinute - b.startMinute || a.id - b.id)
  const answer = perUser > 0 ? mostRecentPerUser(found, perUser) : found
  return searchAnswer(state, "events", answer.map(v1Event))
}

const eventsearch = (state: SimulatorState): Route => ({
  version: "v1",
  method: "POST",
  path: "eventsearch",
  handle: v1Handler((account, body) => search(state, account, body, false))
})

const filteredeventsearch = (state: SimulatorState): Route => ({
  version: "v1",
  method: "POST",
  path: "filteredeventsearch",
  handle: v1Handler((account, body) => search(state, account, body, true))
})

/**
 * `synchronise`: the events of one form and the given users modified after `lastSynchronisationTimeOnServer`
 * (0 or absent: all of them), the ids of their events deleted after it, and the new cursor. No form name is a 500
 * (a missing required field, §3.1), as are more than `maxSyncUsers` users or `maxSyncRecords` matching records.
 */
const synchronise = (state: SimulatorState): Route => ({
  version: "v1",
  method: "POST",
  path: "synchronise",
  handle: v1Handler((account, body, request) => {
    if (!isRecord(body)) return badRequest
    const formNames = stringList(body.formName)
    const userIds = intList(body.userIds)
    const rawSince = body.lastSynchronisationTimeOnServer
    const since = rawSince === undefined || rawSince === null || rawSince === "" ? 0 : asInt(rawSince)
    if (formNames === undefined || userIds === undefined || since === undefined) return badRequest
    const formName = formNames[0]
    if (formName === undefined || formNames.length > 1) return serverError
    const wanted = unique(userIds)
    if (wanted.length > state.maxSyncUsers) return serverError
    if (state.store.forms.has(formName) && !canRead(account, formName)) return forbidden
    const visible = state.visibleUserIds(account)
    const users = new Set(wanted.filter((id) => visible.has(id)))
    const changed = state.store.eventList()
      .filter((e) => e.formName === formName && users.has(e.userId) && (since === 0 || e.modifiedAt > since))
      .sort((a, b) => a.modifiedAt - b.modifiedAt || a.id - b.id)
    if (changed.length > state.maxSyncRecords) return serverError
    const deleted = state.store.deletions
      .filter((d) => d.formName === formName && users.has(d.userId) && (since === 0 || d.deletedAt > since))
      .map((d) => d.id)
    return v1JsonExport(changed, v1Event, {
      lastSynchronisationTimeOnServer: state.store.cursor(request.now),
      idsOfDeletedEvents: deleted
    })
  })
})

/** The v1 event export routes. @internal */
export const routes = (state: SimulatorState): ReadonlyArray<Route> => [
  eventsearch(state),
  filteredeventsearch(state),
  synchronise(state)
]
