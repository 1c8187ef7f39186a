/**
 * AgileAssets' internal date forms: dates `yyyyMMdd` (`DATE_WORK: "20130314"`) and timestamps `yyyyMMddHHmmss`
 * (`DATE_UPDATE: "20110531173140"`), local server time without a zone. Rows keep them as the strings they are;
 * these helpers convert both ways.
 *
 * @since 0.1.0
 */
import * as Option from "effect/Option"

const pad = (n: number, width = 2) => String(n).padStart(width, "0")

const build = (parts: ReadonlyArray<number>): Option.Option<Date> => {
  const [year = 0, month = 1, day = 1, hours = 0, minutes = 0, seconds = 0] = parts
  const date = new Date(year, month - 1, day, hours, minutes, seconds)
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day &&
      date.getHours() === hours && date.getMinutes() === minutes && date.getSeconds() === seconds
    ? Option.some(date)
    : Option.none()
}

/**
 * The local `Date` of a `yyyyMMdd` value, if it is one.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseDate = (value: unknown): Option.Option<Date> => {
  const match = typeof value === "string" ? /^(\d{4})(\d{2})(\d{2})$/.exec(value) : null
  return match === null ? Option.none() : build(match.slice(1).map(Number))
}

/**
 * The local `Date` of a `yyyyMMddHHmmss` value, if it is one.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseTimestamp = (value: unknown): Option.Option<Date> => {
  const match = typeof value === "string" ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value) : null
  return match === null ? Option.none() : build(match.slice(1).map(Number))
}

/**
 * `yyyyMMdd` of a `Date`'s local calendar date.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatDate = (date: Date): string =>
  `${pad(date.getFullYear(), 4)}${pad(date.getMonth() + 1)}${pad(date.getDate())}`

/**
 * `yyyyMMddHHmmss` of a `Date`'s local time.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatTimestamp = (date: Date): string =>
  `${formatDate(date)}${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`
