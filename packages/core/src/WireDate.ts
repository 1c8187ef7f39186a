/**
 * Calendar dates as every Smartabase API version writes them: `dd/mm/yyyy`. Inputs take a JS `Date` (its local
 * calendar date, as the R and Python clients use the machine's time) or the wire form, which is checked; a bad
 * value is an `InvalidRequest` naming the field, before anything is sent.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { InvalidRequest } from "./AmsError.js"

/**
 * A date: a JS `Date` (its local calendar date) or `dd/mm/yyyy`.
 *
 * @since 0.1.0
 * @category models
 */
export type DateInput = Date | string

/**
 * A calendar date.
 *
 * @since 0.1.0
 * @category models
 */
export interface CalendarDate {
  readonly day: number
  readonly month: number
  readonly year: number
}

/** Years outside this range are almost certainly a mistake (a two-digit year, a swapped field). */
const minYear = 1900
const maxYear = 2100

const pad = (n: number) => String(n).padStart(2, "0")
const datePattern = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/

/**
 * `dd/mm/yyyy` of a `Date`'s local calendar date.
 *
 * @since 0.1.0
 * @category formatting
 */
export const format = (date: Date): string => `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()}`

/**
 * `yyyy-mm-dd` of a calendar date (what v2 `person/save` is sent).
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatIso = (date: CalendarDate): string => `${date.year}-${pad(date.month)}-${pad(date.day)}`

/**
 * The calendar date of `dd/mm/yyyy`, if it is one.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parse = (text: string): Option.Option<CalendarDate> => {
  // A caller without the types may pass a number or null: it is not a date either
  if (typeof text !== "string") return Option.none()
  const match = datePattern.exec(text.trim())
  if (match === null) return Option.none()
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const probe = new Date(year, month - 1, day)
  return probe.getFullYear() === year && probe.getMonth() === month - 1 && probe.getDate() === day
    ? Option.some({ day, month, year })
    : Option.none()
}

/**
 * The local midnight `Date` of a wire date, if it is one.
 *
 * @since 0.1.0
 * @category parsing
 */
export const toDate = (text: string): Option.Option<Date> =>
  Option.map(parse(text), ({ day, month, year }) => new Date(year, month - 1, day))

const invalid = (endpoint: string, field: string, reason: string) =>
  Either.left(new InvalidRequest({ endpoint, field, reason }))

/**
 * A date input as a checked calendar date.
 *
 * @since 0.1.0
 * @category encoding
 */
export const check = (
  input: DateInput,
  endpoint: string,
  field: string
): Either.Either<CalendarDate, InvalidRequest> => {
  let date: CalendarDate
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return invalid(endpoint, field, "is an invalid Date")
    date = { day: input.getDate(), month: input.getMonth() + 1, year: input.getFullYear() }
  } else {
    const parsed = parse(input)
    if (Option.isNone(parsed)) {
      return invalid(endpoint, field, `${JSON.stringify(input)} is not a date in the form dd/mm/yyyy`)
    }
    date = parsed.value
  }
  return date.year < minYear || date.year > maxYear
    ? invalid(endpoint, field, `year ${date.year} is out of range (${minYear}–${maxYear})`)
    : Either.right(date)
}

/**
 * The wire form (`dd/mm/yyyy`) of a date input, checked.
 *
 * @since 0.1.0
 * @category encoding
 */
export const wire = (input: DateInput, endpoint: string, field: string): Either.Either<string, InvalidRequest> =>
  Either.map(check(input, endpoint, field), ({ day, month, year }) => `${pad(day)}/${pad(month)}/${year}`)
