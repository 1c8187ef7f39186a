/**
 * Event decoding for very large answers (a synchronise of a whole history): the wire shape is checked by a guard
 * compiled from the `Event` schema's own encoded side, and a conforming event is built directly — three times
 * faster than the schema's decoder, whose work is mostly the defaults of `rows` and `pairs`. Whatever the guard
 * refuses goes through the schema's decoder, which then names the mismatch. A property test holds the two to the
 * same result for every wire event.
 */
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as Types from "effect/Types"
import { Event } from "../Event.js"

const isWireEvent = Schema.is(Schema.encodedSchema(Event))
const decodeWithSchema = Schema.decodeUnknownEither(Event, { onExcessProperty: "ignore" })

/** A conforming wire event as an `Event`: known members only, `rows` and `pairs` defaulting to empty. */
const build = (wire: typeof Event.Encoded): Event => {
  const fields: Types.Mutable<ConstructorParameters<typeof Event>[0]> = {
    id: wire.id,
    formName: wire.formName,
    userId: wire.userId,
    startDate: wire.startDate,
    startTime: wire.startTime,
    rows: (wire.rows ?? []).map((row) => ({
      row: row.row,
      pairs: (row.pairs ?? []).map((pair) => ({ key: pair.key, value: pair.value }))
    }))
  }
  if ("enteredByUserId" in wire) fields.enteredByUserId = wire.enteredByUserId
  if ("finishDate" in wire) fields.finishDate = wire.finishDate
  if ("finishTime" in wire) fields.finishTime = wire.finishTime
  if ("attachmentUrl" in wire) fields.attachmentUrl = wire.attachmentUrl
  return new Event(fields, { disableValidation: true })
}

/** Decodes one parsed event of an answer. */
export const decodeEvent = (json: unknown): Either.Either<Event, ParseResult.ParseError> =>
  isWireEvent(json) ? Either.right(build(json)) : decodeWithSchema(json)
