/**
 * Event decoding for very large answers (a synchronise of a whole history, a search over a season). A parsed event
 * that has exactly the wire shape is checked by plain `typeof` tests and built directly, with no intermediate
 * objects: several times faster than the `Event` schema's decoder and far less garbage, which is what keeps memory
 * flat while hundreds of thousands of events stream through. Anything else — a missing or mistyped member, an attachment nested too deep
 * to trust — is left to the schema (`undefined` here), which then decodes it or names the mismatch.
 *
 * The check only ever errs on the side of the schema: property tests hold that whatever it accepts, the schema
 * decodes to an equal `Event`, and that it accepts every wire event the schema decodes.
 */
import * as AmsResponse from "@ams-effect/core/AmsResponse"
import type * as Types from "effect/Types"
import { Event, type Pair, type Row } from "../Event.js"

type Fields = Types.Mutable<ConstructorParameters<typeof Event>[0]>

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** Whether an object has exactly `count` own members (counted without allocating). */
const hasMembers = (value: object, count: number): boolean => {
  let members = 0
  for (const key in value) if (Object.hasOwn(value, key)) members++
  return members === count
}

/**
 * An optional array, element by element: the parsed array itself while every element comes back as it was (no copy,
 * no garbage), a copy from the first one that does not; `undefined` if it is not an array or an element is wrong.
 */
const reusingArray = <A>(value: unknown, element: (item: unknown) => A | undefined): Array<A> | undefined => {
  if (value === undefined) return []
  if (!Array.isArray(value)) return undefined
  let out: Array<A> = value
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i]
    const checked = element(item)
    if (checked === undefined) return undefined
    if (checked !== item) {
      if (out === value) out = value.slice(0, i)
      out.push(checked)
    } else if (out !== value) out.push(checked)
  }
  return out
}

/** A pair of a row: the parsed object itself when it is exactly `{key, value}`. */
const pair = (value: unknown): Pair | undefined => {
  if (!isObject(value) || typeof value.key !== "string" || typeof value.value !== "string") return undefined
  return hasMembers(value, 2) ? value as Pair : { key: value.key, value: value.value }
}

/** A row of an event: the parsed object itself when it is exactly `{row, pairs}` with pairs kept as parsed. */
const row = (value: unknown): Row | undefined => {
  if (!isObject(value) || typeof value.row !== "number") return undefined
  const pairs = reusingArray(value.pairs, pair)
  if (pairs === undefined) return undefined
  return pairs === value.pairs && hasMembers(value, 2) ? value as Row : { row: value.row, pairs }
}

/** Whether an optional member is absent or of the type. */
const absentOr = (json: Record<string, unknown>, key: string, type: "number" | "string"): boolean =>
  !(key in json) || typeof json[key] === type

/** The `Event` of a parsed wire event of exactly the expected shape; `undefined` for the schema to decide. */
export const fromWire = (json: unknown): Event | undefined => {
  if (!isObject(json)) return undefined
  const { formName, id, startDate, startTime, userId } = json
  if (
    typeof id !== "number" || typeof formName !== "string" || typeof userId !== "number" ||
    typeof startDate !== "string" || typeof startTime !== "string"
  ) return undefined
  const eventRows = reusingArray(json.rows, row)
  if (eventRows === undefined) return undefined
  if (
    !absentOr(json, "enteredByUserId", "number") || !absentOr(json, "finishDate", "string") ||
    !absentOr(json, "finishTime", "string")
  ) return undefined
  const fields: Fields = { id, formName, userId, startDate, startTime, rows: eventRows }
  if ("enteredByUserId" in json) fields.enteredByUserId = json.enteredByUserId as number
  if ("finishDate" in json) fields.finishDate = json.finishDate as string
  if ("finishTime" in json) fields.finishTime = json.finishTime as string
  if ("attachmentUrl" in json) {
    if (AmsResponse.nestsTooDeep(json.attachmentUrl)) return undefined
    fields.attachmentUrl = json.attachmentUrl
  }
  return new Event(fields, { disableValidation: true })
}

/**
 * The events of a parsed search answer (`{"events": [...]}`, none when absent or `null`), each of exactly the wire
 * shape; `undefined` for the schema to decide as soon as one is not.
 */
export const eventsFromWire = (json: unknown): Array<Event> | undefined =>
  !isObject(json) ? undefined : json.events === null ? [] : reusingArray(json.events, fromWire)
