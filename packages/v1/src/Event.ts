/**
 * Events and profiles as v1 exports them, and the input for importing them.
 *
 * On the wire an event's data is `rows: [{row, pairs: [{key, value}]}]` with every value a string; row 0 holds
 * the form's ordinary fields, later rows the further rows of a table field. `Event.values` and `Event.table`
 * give the same data as records. Exports carry `userId` bare; imports wrap it (`{"userId": n}`).
 *
 * @since 0.1.0
 */
import type * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as EventTime from "./EventTime.js"

/**
 * One field of an event row: the field name and its value, always a string on the wire. A plain struct rather
 * than a class: an export can hold hundreds of thousands of them.
 *
 * @since 0.1.0
 * @category models
 */
export const Pair = Schema.Struct({ key: Schema.String, value: Schema.String })

/**
 * @since 0.1.0
 * @category models
 */
export type Pair = typeof Pair.Type

/**
 * One row of an event: row 0 holds the form's ordinary fields, later rows the further rows of a table field.
 *
 * @since 0.1.0
 * @category models
 */
export const Row = Schema.Struct({
  row: Schema.Number,
  pairs: Schema.optionalWith(Schema.Array(Pair), { default: () => [] })
})

/**
 * @since 0.1.0
 * @category models
 */
export type Row = typeof Row.Type

const recordOf = (row: Row | undefined): Readonly<Record<string, string>> =>
  Object.fromEntries((row?.pairs ?? []).map((pair) => [pair.key, pair.value]))

/**
 * An event of an event form, as exported by `eventsearch`, `filteredeventsearch` and `synchronise`.
 *
 * @since 0.1.0
 * @category models
 */
export class Event extends Schema.Class<Event>("@ams-effect/v1/Event")({
  id: Schema.Number,
  formName: Schema.String,
  userId: Schema.Number,
  enteredByUserId: Schema.optional(Schema.Number),
  startDate: Schema.String,
  finishDate: Schema.optional(Schema.String),
  startTime: Schema.String,
  finishTime: Schema.optional(Schema.String),
  rows: Schema.optionalWith(Schema.Array(Row), { default: () => [] }),
  attachmentUrl: Schema.optional(Schema.Unknown)
}) {
  /**
   * The fields of row 0 as a record: the form's ordinary fields (and the first row of a table).
   *
   * @since 0.1.0
   */
  get values(): Readonly<Record<string, string>> {
    return recordOf(this.rows.find((row) => row.row === 0) ?? this.rows[0])
  }

  /**
   * Every row as a record, in row order: the rows of a table form.
   *
   * @since 0.1.0
   */
  get table(): ReadonlyArray<Readonly<Record<string, string>>> {
    return [...this.rows].sort((a, b) => a.row - b.row).map(recordOf)
  }

  /**
   * The start as a local `Date`, if the wire date and time are valid.
   *
   * @since 0.1.0
   */
  get start(): Option.Option<Date> {
    return EventTime.toDate(this.startDate, this.startTime)
  }
}

/**
 * A record of a profile form (one per user, no dates), as exported by `profilesearch`.
 *
 * @since 0.1.0
 * @category models
 */
export class Profile extends Schema.Class<Profile>("@ams-effect/v1/Profile")({
  id: Schema.optional(Schema.Number),
  formName: Schema.String,
  userId: Schema.Number,
  enteredByUserId: Schema.optional(Schema.Number),
  rows: Schema.optionalWith(Schema.Array(Row), { default: () => [] })
}) {
  /**
   * The profile's fields as a record.
   *
   * @since 0.1.0
   */
  get values(): Readonly<Record<string, string>> {
    return recordOf(this.rows.find((row) => row.row === 0) ?? this.rows[0])
  }
}

/**
 * A field value to import. Numbers and booleans are sent as their text, `null` and `undefined` as `""`.
 *
 * @since 0.1.0
 * @category models
 */
export type FieldValue = string | number | boolean | null | undefined

/**
 * A date and time for an import: a JS `Date`, or the wire date and time.
 *
 * @since 0.1.0
 * @category models
 */
export type DateTimeInput = Date | { readonly date: string; readonly time: string }

/**
 * An event to import.
 *
 * - `start` is required; `finish` defaults to one hour after it.
 * - `values` are the form's ordinary fields; `table` the rows of a table field (row `i` holds `table[i]`, row 0
 *   also holds `values`).
 * - `existingEventId` makes it an update, which **replaces the whole event**: send every field again.
 * - `enteredByUserId` defaults to the logged-in account's user.
 *
 * @since 0.1.0
 * @category models
 */
export interface EventInput {
  readonly formName: string
  readonly userId: number
  readonly start: DateTimeInput
  readonly finish?: DateTimeInput | undefined
  readonly values?: Readonly<Record<string, FieldValue>> | undefined
  readonly table?: ReadonlyArray<Readonly<Record<string, FieldValue>>> | undefined
  readonly existingEventId?: number | undefined
  readonly enteredByUserId?: number | undefined
}

/**
 * A profile record to import (always an upsert: one record per user and form).
 *
 * @since 0.1.0
 * @category models
 */
export interface ProfileInput {
  readonly formName: string
  readonly userId: number
  readonly values: Readonly<Record<string, FieldValue>>
  readonly enteredByUserId?: number | undefined
}
