/**
 * Checks import inputs and turns them into the v1 wire shapes: `userId` wrapped as `{"userId": n}`, dates and
 * times in wire form (the midnight hour as `00:MM AM`), every value a string, table rows after row 0.
 */
import * as AmsError from "@ams-effect/core/AmsError"
import * as Either from "effect/Either"
import type { DateTimeInput, EventInput, FieldValue, ProfileInput } from "../Event.js"
import * as EventTime from "../EventTime.js"

/** A row as sent. */
export interface WireRow {
  readonly row: number
  readonly pairs: ReadonlyArray<{ readonly key: string; readonly value: string }>
}

/** An event as `eventsimport` takes it. */
export interface WireEvent {
  readonly formName: string
  readonly startDate: string
  readonly startTime: string
  readonly finishDate: string
  readonly finishTime: string
  readonly userId: { readonly userId: number }
  readonly enteredByUserId: number
  readonly existingEventId?: number
  readonly rows: ReadonlyArray<WireRow>
}

/** A profile as `profileimport` takes it. */
export interface WireProfile {
  readonly formName: string
  readonly userId: { readonly userId: number }
  readonly enteredByUserId: number
  readonly rows: ReadonlyArray<WireRow>
}

type Check<A> = Either.Either<A, AmsError.InvalidRequest>

const invalid = (endpoint: string, field: string, reason: string) =>
  Either.left(new AmsError.InvalidRequest({ endpoint, field, reason }))

/** A positive integer id, or `InvalidRequest`. */
export const checkId = (value: number, endpoint: string, field: string): Check<number> =>
  Number.isSafeInteger(value) && value > 0
    ? Either.right(value)
    : invalid(endpoint, field, `${value} is not a positive integer id`)

/** A non-blank name (form, group, field), or `InvalidRequest`. */
export const checkName = (value: string, endpoint: string, field: string): Check<string> =>
  typeof value === "string" && value.trim() !== "" ? Either.right(value) : invalid(endpoint, field, "must not be empty")

const fieldText = (value: FieldValue, endpoint: string, field: string): Check<string> => {
  if (value === null || value === undefined) return Either.right("")
  if (typeof value === "number") {
    return Number.isFinite(value) ? Either.right(String(value)) : invalid(endpoint, field, `${value} is not a number`)
  }
  if (typeof value === "boolean") return Either.right(String(value))
  return typeof value === "string"
    ? Either.right(value)
    : invalid(endpoint, field, "must be a string, number or boolean")
}

const pairsOf = (
  values: Readonly<Record<string, FieldValue>>,
  endpoint: string,
  field: string
): Check<ReadonlyArray<{ readonly key: string; readonly value: string }>> =>
  Either.all(
    Object.entries(values).map(([key, value]) =>
      key.trim() === ""
        ? invalid(endpoint, `${field}`, "has a field with an empty name")
        : Either.map(fieldText(value, endpoint, `${field}.${key}`), (text) => ({ key, value: text }))
    )
  )

/** Row 0 = the ordinary fields and the first table row; row i = table row i. */
export const encodeRows = (
  values: Readonly<Record<string, FieldValue>>,
  table: ReadonlyArray<Readonly<Record<string, FieldValue>>>,
  endpoint: string,
  field: string
): Check<ReadonlyArray<WireRow>> =>
  Either.gen(function*() {
    const first = yield* pairsOf(
      { ...values, ...table[0] },
      endpoint,
      table.length > 0 ? `${field}.table[0]` : `${field}.values`
    )
    const rest = yield* Either.all(table.slice(1).map((row, i) => pairsOf(row, endpoint, `${field}.table[${i + 1}]`)))
    return [{ row: 0, pairs: first }, ...rest.map((pairs, i) => ({ row: i + 1, pairs }))]
  })

const wireDateTime = (input: DateTimeInput, endpoint: string, field: string): Check<{ date: string; time: string }> =>
  input instanceof Date
    ? Either.all({ date: EventTime.wireDate(input, endpoint, field), time: EventTime.wireTime(input, endpoint, field) })
    : Either.all({
      date: EventTime.wireDate(input.date, endpoint, `${field}.date`),
      time: EventTime.wireTime(input.time, endpoint, `${field}.time`)
    })

/** An event to import, checked and in wire form; `field` names it in errors (`events[3]`). */
export const encodeEvent = (input: EventInput, enteredBy: number, endpoint: string, field: string): Check<WireEvent> =>
  Either.gen(function*() {
    const formName = yield* checkName(input.formName, endpoint, `${field}.formName`)
    const userId = yield* checkId(input.userId, endpoint, `${field}.userId`)
    const start = yield* wireDateTime(input.start, endpoint, `${field}.start`)
    const finish = input.finish === undefined
      ? EventTime.plusOneHour(start.date, start.time)
      : yield* wireDateTime(input.finish, endpoint, `${field}.finish`)
    const startAt = EventTime.toDate(start.date, start.time)
    const finishAt = EventTime.toDate(finish.date, finish.time)
    if (startAt._tag === "Some" && finishAt._tag === "Some" && finishAt.value < startAt.value) {
      return yield* invalid(endpoint, `${field}.finish`, "is before the start")
    }
    const rows = yield* encodeRows(input.values ?? {}, input.table ?? [], endpoint, field)
    const enteredByUserId = input.enteredByUserId === undefined
      ? enteredBy
      : yield* checkId(input.enteredByUserId, endpoint, `${field}.enteredByUserId`)
    const wire: WireEvent = {
      formName,
      startDate: start.date,
      startTime: EventTime.importTime(start.time),
      finishDate: finish.date,
      finishTime: EventTime.importTime(finish.time),
      userId: { userId },
      enteredByUserId,
      rows
    }
    if (input.existingEventId === undefined) return wire
    const existingEventId = yield* checkId(input.existingEventId, endpoint, `${field}.existingEventId`)
    return { ...wire, existingEventId }
  })

/** A profile to import, checked and in wire form. */
export const encodeProfile = (input: ProfileInput, enteredBy: number, endpoint: string): Check<WireProfile> =>
  Either.gen(function*() {
    const formName = yield* checkName(input.formName, endpoint, "formName")
    const userId = yield* checkId(input.userId, endpoint, "userId")
    const values: unknown = input.values
    if (typeof values !== "object" || values === null || Array.isArray(values)) {
      return yield* invalid(endpoint, "values", "must be an object of field name → value")
    }
    // The server replaces the user's whole record, so no fields would clear the profile: not what anyone means.
    if (Object.keys(values).length === 0) {
      return yield* invalid(
        endpoint,
        "values",
        "is empty: a profile import replaces the whole record, so it would " +
          "clear the user's profile; give at least one field"
      )
    }
    const rows = yield* encodeRows(input.values, [], endpoint, "profile")
    const enteredByUserId = input.enteredByUserId === undefined
      ? enteredBy
      : yield* checkId(input.enteredByUserId, endpoint, "enteredByUserId")
    return { formName, userId: { userId }, enteredByUserId, rows }
  })
