/**
 * Checks search inputs and builds the v1 search bodies (`eventsearch`, `filteredeventsearch`, `profilesearch`).
 */
import * as AmsError from "@ams-effect/core/AmsError"
import * as Effect from "effect/Effect"
import type { EventSearch, FilteredEventSearch, ProfileSearch } from "../EventSearch.js"
import * as EventTime from "../EventTime.js"
import * as Filter from "../Filter.js"
import { checkId, checkName } from "./encode.js"

/** Fails with `InvalidRequest`. */
export const invalid = (endpoint: string, field: string, reason: string) =>
  Effect.fail(new AmsError.InvalidRequest({ endpoint, field, reason }))

/** At least one user, every id a positive integer. */
export const checkUserIds = (userIds: ReadonlyArray<number>, endpoint: string) =>
  !Array.isArray(userIds as unknown)
    ? invalid(endpoint, "userIds", "must be a list of user ids")
    : userIds.length === 0
    ? invalid(endpoint, "userIds", "must name at least one user (the server returns nothing without them)")
    : Effect.forEach(userIds, (id, i) => checkId(id, endpoint, `userIds[${i}]`))

const checkForms = (forms: string | ReadonlyArray<string>, endpoint: string) => {
  const list = typeof forms === "string" ? [forms] : forms
  if (!Array.isArray(list as unknown)) return invalid(endpoint, "forms", "must be a form name or a list of them")
  return list.length === 0
    ? invalid(endpoint, "forms", "must name at least one form")
    : Effect.forEach(list, (form, i) => checkName(form, endpoint, typeof forms === "string" ? "forms" : `forms[${i}]`))
}

/** Fails unless `value` is an object: what a caller without the types passes may be nothing at all. */
export const checkObject = (value: object, endpoint: string, field: string) =>
  typeof value === "object" && value !== null ? Effect.void : invalid(endpoint, field, "must be an object")

/** The body of `eventsearch`. */
export const encode = (search: EventSearch, endpoint: string) =>
  Effect.gen(function*() {
    yield* checkObject(search, endpoint, "search")
    const formNames = yield* checkForms(search.forms, endpoint)
    const userIds = yield* checkUserIds(search.userIds, endpoint)
    const startDate = yield* EventTime.wireDate(search.from, endpoint, "from")
    const finishDate = yield* EventTime.wireDate(search.to, endpoint, "to")
    const startTime = yield* EventTime.wireTime(search.startTime ?? "12:00 AM", endpoint, "startTime")
    const finishTime = yield* EventTime.wireTime(search.finishTime ?? "11:59 PM", endpoint, "finishTime")
    const from = EventTime.toDate(startDate)
    const to = EventTime.toDate(finishDate)
    if (from._tag === "Some" && to._tag === "Some" && to.value < from.value) {
      return yield* invalid(endpoint, "to", `${finishDate} is before from (${startDate})`)
    }
    // On one day, the times too: whether AMS reads them as one window or per day, a finish before the start is empty
    const start = EventTime.toDate(startDate, startTime)
    const finish = EventTime.toDate(finishDate, finishTime)
    if (start._tag === "Some" && finish._tag === "Some" && finish.value < start.value) {
      return yield* invalid(
        endpoint,
        "finishTime",
        `${finishTime} is before startTime (${startTime}) on the same day (${startDate}): the search would find nothing`
      )
    }
    const body = { formNames, userIds, startDate, finishDate, startTime, finishTime }
    if (search.resultsPerUser === undefined) return body
    const resultsPerUser = yield* checkId(search.resultsPerUser, endpoint, "resultsPerUser")
    return { ...body, resultsPerUser }
  })

const encodeCondition = (condition: Filter.Condition, endpoint: string, field: string) =>
  Effect.gen(function*() {
    const key = yield* checkName(condition.field, endpoint, `${field}.field`)
    // Own keys only: "toString" must not find Object.prototype's
    const code = Object.hasOwn(Filter.conditionCode, condition._tag) ? Filter.conditionCode[condition._tag] : undefined
    if (code === undefined) {
      return yield* invalid(endpoint, `${field}._tag`, `${JSON.stringify(condition._tag)} is not a filter condition`)
    }
    if (typeof condition.value === "number" && !Number.isFinite(condition.value)) {
      return yield* invalid(endpoint, `${field}.value`, `${condition.value} is not a number`)
    }
    // A caller without the types may pass an object or nothing, which String() would send as "[object Object]"
    if (typeof condition.value !== "string" && typeof condition.value !== "number") {
      return yield* invalid(endpoint, `${field}.value`, "must be text or a number")
    }
    return { key, value: String(condition.value), filterCondition: code }
  })

/** The body of `filteredeventsearch`: the search, plus its filters; their forms are searched too. */
export const encodeFiltered = (search: FilteredEventSearch, endpoint: string) =>
  Effect.gen(function*() {
    const body = yield* encode(search, endpoint)
    if (!Array.isArray(search.filters as unknown) || search.filters.length === 0) {
      return yield* invalid(endpoint, "filters", "must hold at least one form filter")
    }
    const filter = yield* Effect.forEach(search.filters, (formFilter, i) =>
      Effect.gen(function*() {
        const formName = yield* checkName(formFilter.formName, endpoint, `filters[${i}].formName`)
        if (!Array.isArray(formFilter.conditions as unknown) || formFilter.conditions.length === 0) {
          return yield* invalid(endpoint, `filters[${i}].conditions`, "must hold at least one condition")
        }
        const filterSet = yield* Effect.forEach(
          formFilter.conditions,
          (condition, j) => encodeCondition(condition, endpoint, `filters[${i}].conditions[${j}]`)
        )
        return { formName, filterSet }
      }))
    const formNames = [...new Set([...body.formNames, ...filter.map((f) => f.formName)])]
    return { ...body, formNames, filter }
  })

/** The body of `profilesearch`. */
export const encodeProfiles = (search: ProfileSearch, endpoint: string) =>
  Effect.zipRight(
    checkObject(search, endpoint, "search"),
    Effect.suspend(() =>
      Effect.all({ formNames: checkForms(search.forms, endpoint), userIds: checkUserIds(search.userIds, endpoint) })
    )
  )
