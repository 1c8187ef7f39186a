/**
 * Resolving imports whose outcome is unknown. After `OutcomeUnknown`, or records listed as `unconfirmed` in an
 * `ImportReport` (the connection broke after sending, the server claimed success with fewer ids), nobody knows
 * whether the events exist. Sending them again could duplicate them; dropping them could lose them.
 * `findImported` looks them up on the server (an event search over their forms, users and dates) and says, for
 * each, whether it is there — with its id — so that only the missing ones are sent again.
 *
 * An input matches an exported event with the same form, user, start date and time whose fields hold every value
 * the input gave (and the same table rows, if it had a table). Give records something unique (a comment, a source
 * id field) when identical records may legitimately exist.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { Event, EventInput } from "./Event.js"
import * as EventTime from "./EventTime.js"
import { encodeEvent, type WireEvent } from "./internal/encode.js"
import type { ReadError } from "./V1Client.js"
import { V1Client } from "./V1Client.js"
import type { ImportReport } from "./V1Error.js"

/**
 * What the server holds of each looked-up input: found (with its event id), missing, or ambiguous.
 *
 * @since 0.1.0
 * @category models
 */
export interface Reconciled {
  /** Inputs found on the server, with their event id. */
  readonly found: ReadonlyArray<{ readonly index: number; readonly eventId: number }>
  /** Inputs not on the server: safe to send again. */
  readonly missing: ReadonlyArray<number>
  /** Inputs that match more than one event: duplicates to look at. */
  readonly ambiguous: ReadonlyArray<{ readonly index: number; readonly eventIds: ReadonlyArray<number> }>
}

const sameTime = (a: string, b: string) => {
  const x = EventTime.parseTime(a)
  const y = EventTime.parseTime(b)
  return x._tag === "Some" && y._tag === "Some" && x.value.hours === y.value.hours &&
    x.value.minutes === y.value.minutes
}

const rowsMatch = (wire: WireEvent, event: Event) => {
  const exported = event.table
  return wire.rows.every((row, i) =>
    row.pairs.every((pair) => pair.value === "" || exported[i]?.[pair.key] === pair.value)
  )
}

const matches = (wire: WireEvent, event: Event) =>
  event.formName === wire.formName && event.userId === wire.userId.userId && event.startDate === wire.startDate &&
  sameTime(event.startTime, wire.startTime) && rowsMatch(wire, event)

/**
 * Looks up on the server which of `events` (by default all of them; or the given indexes) exist.
 *
 * @since 0.1.0
 * @category reconciling
 */
export const findImported = (
  events: ReadonlyArray<EventInput>,
  indexes: ReadonlyArray<number> = events.map((_, i) => i)
): Effect.Effect<Reconciled, ReadError, V1Client> =>
  Effect.gen(function*() {
    const v1 = yield* V1Client
    const endpoint = "v1/eventsearch"
    const wire = yield* Effect.forEach(indexes, (index) =>
      Either.map(encodeEvent(events[index]!, 1, endpoint, `events[${index}]`), (event) => ({ index, event })))
    const byForm = new Map<string, Array<{ readonly index: number; readonly event: WireEvent }>>()
    for (const record of wire) {
      byForm.set(record.event.formName, [...(byForm.get(record.event.formName) ?? []), record])
    }
    const found: Array<{ index: number; eventId: number }> = []
    const missing: Array<number> = []
    const ambiguous: Array<{ index: number; eventIds: ReadonlyArray<number> }> = []
    for (const [formName, records] of byForm) {
      const dates = records.map((record) =>
        EventTime.toDate(record.event.startDate)
      ).flatMap((d) => d._tag === "Some" ? [d.value] : [])
      const exported = yield* v1.searchEvents({
        forms: formName,
        userIds: [
          ...new Set(records.map((record) =>
            record.event.userId.userId
          ))
        ],
        from: new Date(Math.min(...dates.map((d) => d.getTime()))),
        to: new Date(Math.max(...dates.map((d) => d.getTime())))
      })
      for (const record of records) {
        const hits = exported.filter((event) => matches(record.event, event)).map((event) => event.id)
        if (hits.length === 0) missing.push(record.index)
        else if (hits.length === 1) found.push({ index: record.index, eventId: hits[0]! })
        else ambiguous.push({ index: record.index, eventIds: hits })
      }
    }
    return {
      found: found.sort((a, b) => a.index - b.index),
      missing: missing.sort((a, b) => a - b),
      ambiguous
    }
  }).pipe(Effect.withSpan("Reconcile.findImported", { attributes: { "ams.events": indexes.length } }))

/**
 * The unconfirmed records of an import report, looked up on the server.
 *
 * @since 0.1.0
 * @category reconciling
 */
export const unconfirmed = (
  events: ReadonlyArray<EventInput>,
  report: ImportReport
): Effect.Effect<Reconciled, ReadError, V1Client> =>
  findImported(events, report.unconfirmed.flatMap((failure) => failure.indexes))
