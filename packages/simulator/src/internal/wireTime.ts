/**
 * Dates and times as v1 writes them: dates `dd/mm/yyyy`, times `h:mm AM/PM`. Parsing is lenient where clients
 * differ (one- or two-digit day, month and hour; am/pm in any case, `"12:00 am"`), and accepts the 12 AM quirk of
 * §2.8: `00:MM AM` is the same minute as `12:MM AM`. Formatting is canonical: `05/01/2025`, `9:30 AM`, `12:05 AM`.
 *
 * @since 0.1.0
 * @internal
 */

const dayMillis = 86_400_000

/** Minutes in a day. @internal */
export const minutesPerDay = 1440

const pad = (n: number): string => String(n).padStart(2, "0")

/** Days since 1970-01-01 of a `dd/mm/yyyy` date; `undefined` when it is not one (or not a real date). @internal */
export const parseDate = (text: string): number | undefined => {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim())
  if (match === null) return undefined
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const millis = Date.UTC(year, month - 1, day)
  const date = new Date(millis)
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined
  }
  return Math.round(millis / dayMillis)
}

/** The `dd/mm/yyyy` text of a day number. @internal */
export const formatDate = (dayNumber: number): string => {
  const date = new Date(dayNumber * dayMillis)
  return `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`
}

/**
 * Minutes after midnight of an `h:mm AM/PM` time (am/pm in any case, an optional space before it); `undefined`
 * when it is not one. Hour 0 is accepted with AM only, as the 12 AM quirk sends it.
 *
 * @internal
 */
export const parseTime = (text: string): number | undefined => {
  const match = /^(\d{1,2}):(\d{2}) ?([ap])m$/i.exec(text.trim())
  if (match === null) return undefined
  const hour = Number(match[1])
  const minute = Number(match[2])
  const pm = match[3]?.toLowerCase() === "p"
  if (minute > 59 || hour > 12 || (hour === 0 && pm)) return undefined
  return (hour % 12 + (pm ? 12 : 0)) * 60 + minute
}

/** The `h:mm AM/PM` text of minutes after midnight (wrapped into one day). @internal */
export const formatTime = (minutes: number): string => {
  const m = ((minutes % minutesPerDay) + minutesPerDay) % minutesPerDay
  const hour = Math.floor(m / 60)
  const hour12 = hour % 12 === 0 ? 12 : hour % 12
  return `${hour12}:${pad(m % 60)} ${hour < 12 ? "AM" : "PM"}`
}

/** A point in time in minutes since 1970-01-01 00:00 (the simulator keeps no time zones). @internal */
export const minuteOf = (dayNumber: number, minutes: number): number => dayNumber * minutesPerDay + minutes
