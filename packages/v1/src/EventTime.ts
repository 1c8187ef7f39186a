/**
 * Dates and times as v1 sends and expects them: dates `dd/mm/yyyy`, times `h:mm AM` / `h:mm PM`.
 *
 * Inputs accept a JS `Date` (its local calendar date and clock time, the way the R and Python clients use the
 * machine's time) or the wire form itself, which is checked. A bad value is an `InvalidRequest` naming the field,
 * before anything is sent.
 *
 * @since 0.1.0
 */
import * as AmsError from "@ams-effect/core/AmsError"
import * as WireDate from "@ams-effect/core/WireDate"
import * as Either from "effect/Either"
import * as Option from "effect/Option"

/**
 * A date: a JS `Date` (its local calendar date) or `dd/mm/yyyy`.
 *
 * @since 0.1.0
 * @category models
 */
export type DateInput = WireDate.DateInput

/**
 * A time of day: a JS `Date` (its local clock time) or `h:mm AM` / `h:mm PM` (am/pm in any case).
 *
 * @since 0.1.0
 * @category models
 */
export type TimeInput = Date | string

const pad = (n: number) => String(n).padStart(2, "0")

/**
 * `dd/mm/yyyy` of a `Date`'s local calendar date.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatDate: (date: Date) => string = WireDate.format

/**
 * `h:mm AM` of a `Date`'s local clock time.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatTime = (date: Date): string => {
  const hours = date.getHours()
  return `${hours % 12 === 0 ? 12 : hours % 12}:${pad(date.getMinutes())} ${hours < 12 ? "AM" : "PM"}`
}

const timePattern = /^(\d{1,2}):(\d{2})\s?([AaPp][Mm])$/

/**
 * The calendar date of `dd/mm/yyyy`, if it is one.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseDate: (text: string) => Option.Option<WireDate.CalendarDate> = WireDate.parse

/**
 * Hours (0–23) and minutes of `h:mm AM/PM`, if it is a time. `0:MM AM` and `00:MM AM` (what the R client sends
 * for the midnight hour) are accepted as midnight.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseTime = (text: string): Option.Option<{ readonly hours: number; readonly minutes: number }> => {
  // A caller without the types may pass a number or null: it is not a time either
  if (typeof text !== "string") return Option.none()
  const match = timePattern.exec(text.trim())
  if (match === null) return Option.none()
  const [hour, minutes, pm] = [Number(match[1]), Number(match[2]), match[3]!.toUpperCase() === "PM"]
  if (hour > 12 || minutes > 59 || (hour === 0 && pm)) return Option.none()
  return Option.some({ hours: (hour % 12) + (pm ? 12 : 0), minutes })
}

/**
 * The local `Date` of a wire date and time (midnight when `time` is omitted), if both are valid.
 *
 * @since 0.1.0
 * @category parsing
 */
export const toDate = (date: string, time?: string): Option.Option<Date> =>
  Option.flatMap(
    parseDate(date),
    ({ day, month, year }) =>
      Option.map(time === undefined ? Option.some({ hours: 0, minutes: 0 }) : parseTime(time), ({ hours, minutes }) =>
        new Date(year, month - 1, day, hours, minutes))
  )

const invalid = (endpoint: string, field: string, reason: string) =>
  new AmsError.InvalidRequest({ endpoint, field, reason })

const isValidDate = (date: Date) => !Number.isNaN(date.getTime())

/**
 * The wire form of a date input, checked.
 *
 * @since 0.1.0
 * @category encoding
 */
export const wireDate: (
  input: DateInput,
  endpoint: string,
  field: string
) => Either.Either<string, AmsError.InvalidRequest> = WireDate.wire

/**
 * The wire form of a time input (`h:mm AM`), checked.
 *
 * @since 0.1.0
 * @category encoding
 */
export const wireTime = (
  input: TimeInput,
  endpoint: string,
  field: string
): Either.Either<string, AmsError.InvalidRequest> => {
  if (input instanceof Date) {
    return isValidDate(input)
      ? Either.right(formatTime(input))
      : Either.left(invalid(endpoint, field, "is an invalid Date"))
  }
  return Option.match(parseTime(input), {
    onNone: () =>
      Either.left(invalid(endpoint, field, `${JSON.stringify(input)} is not a time in the form h:mm AM or h:mm PM`)),
    onSome: ({ hours, minutes }) => Either.right(formatTime(new Date(2000, 0, 1, hours, minutes)))
  })
}

/**
 * The time as an import must send it. Servers store an imported `12:MM AM` wrongly; the official R client sends
 * the midnight hour as `00:MM AM`, which the server stores (and exports) as `12:MM AM`. So does this library.
 *
 * @since 0.1.0
 * @category encoding
 */
export const importTime = (wire: string): string => wire.replace(/^12:(\d{2}) AM$/, "00:$1 AM")

/**
 * One hour after a wire date and time, as wire date and time (the default finish of an imported event).
 *
 * @since 0.1.0
 * @category encoding
 */
export const plusOneHour = (date: string, time: string): { readonly date: string; readonly time: string } =>
  Option.match(toDate(date, time), {
    onNone: () => ({ date, time }),
    onSome: (start) => {
      const finish = new Date(start.getTime() + 3_600_000)
      return { date: formatDate(finish), time: formatTime(finish) }
    }
  })
