/**
 * The fast event decoder of large answers against the `Event` schema's own decoder: whatever it accepts, the schema
 * decodes to an equal `Event`; every wire event the schema decodes, it accepts too (so the fast path is the one
 * taken); whatever else, it leaves to the schema. The same for whole search answers (`{"events": [...]}`).
 */
import { Event } from "@ams-effect/v1"
import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Either, FastCheck as fc, Schema } from "effect"
import { eventsFromWire, fromWire } from "../src/internal/wireEvent.js"

const schemaDecode = Schema.decodeUnknownEither(Event.Event, { onExcessProperty: "ignore" })

/** Wire events as JSON brings them (no `undefined`, no NaN), some with unknown members. */
const wireEvent = fc.tuple(
  Arbitrary.make(Schema.encodedSchema(Event.Event)),
  fc.dictionary(fc.constantFrom("extra", "formVersion", "rowsX", "rows "), fc.jsonValue({ maxDepth: 2 }))
).map(([wire, more]) => JSON.parse(JSON.stringify({ ...more, ...wire })) as unknown)

/** Wire events with one member replaced by any JSON value: mostly invalid, sometimes not. */
const mutated = fc.tuple(
  wireEvent,
  fc.constantFrom(
    "id",
    "formName",
    "userId",
    "enteredByUserId",
    "startDate",
    "finishDate",
    "startTime",
    "finishTime",
    "rows",
    "attachmentUrl"
  ),
  fc.jsonValue({ maxDepth: 3 })
).map(([wire, key, value]) => ({ ...(wire as object), [key]: value }))

const agrees = (json: unknown) => {
  const fast = fromWire(json)
  const slow = schemaDecode(json)
  if (fast !== undefined) {
    // Accepted: the schema decodes it to the same Event
    expect(Either.isRight(slow)).toBe(true)
    if (Either.isRight(slow)) {
      expect(fast).toBeInstanceOf(Event.Event)
      expect({ ...fast }).toStrictEqual({ ...slow.right })
      expect(fast.values).toStrictEqual(slow.right.values)
    }
  }
  return { fast, slow }
}

describe("fromWire (the fast path of large answers)", () => {
  it.prop("accepts every wire event the schema decodes, and builds the same Event", [wireEvent], ([json]) => {
    const { fast, slow } = agrees(json)
    expect(fast !== undefined).toBe(Either.isRight(slow))
  }, { fastCheck: { numRuns: 300 } })

  it.prop("accepts nothing the schema would not decode to the same Event", [
    fc.oneof(mutated, fc.jsonValue({ maxDepth: 4 }))
  ], ([json]) => {
    agrees(json)
  }, { fastCheck: { numRuns: 500 } })

  it("fills the defaults of rows and pairs, and leaves odd shapes to the schema", () => {
    const base = { id: 1, formName: "F", userId: 2, startDate: "01/01/2024", startTime: "9:00 AM" }
    expect(fromWire(base)?.rows).toStrictEqual([])
    expect(fromWire({ ...base, rows: [{ row: 0 }] })?.rows).toStrictEqual([{ row: 0, pairs: [] }])
    expect(fromWire({ ...base, rows: [{ row: "0" }] })).toBeUndefined()
    expect(fromWire({ ...base, finishDate: null })).toBeUndefined()
    expect(fromWire([base])).toBeUndefined()
    // Members beyond the schema's are dropped at every level, as the schema drops them
    const extra = {
      ...base,
      rows: [
        { row: 0, pairs: [{ key: "A", value: "1" }, { key: "B", value: "2", note: "x" }, { key: "C", value: "3" }] },
        { row: 1, pairs: [], x: 1 },
        { row: 2 }
      ]
    }
    expect(agrees(extra).fast?.rows).toStrictEqual([
      { row: 0, pairs: [{ key: "A", value: "1" }, { key: "B", value: "2" }, { key: "C", value: "3" }] },
      { row: 1, pairs: [] },
      { row: 2, pairs: [] }
    ])
    let deep: unknown = "bottom"
    for (let i = 0; i < 300; i++) deep = [deep]
    expect(fromWire({ ...base, attachmentUrl: deep })).toBeUndefined()
  })
})

/** A search answer as the client's schema reads it (the oracle of `eventsFromWire`). */
const SearchAnswer = Schema.Struct({
  events: Schema.optionalWith(Schema.NullOr(Schema.Array(Event.Event)), { default: () => [] })
})
const answerDecode = Schema.decodeUnknownEither(SearchAnswer, { onExcessProperty: "ignore" })

const answersAgree = (json: unknown) => {
  const fast = eventsFromWire(json)
  const slow = Either.map(answerDecode(json), (answer) => answer.events ?? [])
  if (fast !== undefined) {
    expect(Either.isRight(slow)).toBe(true)
    if (Either.isRight(slow)) {
      expect(fast.map((event) => ({ ...event }))).toStrictEqual(slow.right.map((event) => ({ ...event })))
    }
  }
  return { fast, slow }
}

describe("eventsFromWire (the fast path of search answers)", () => {
  const answer = fc.oneof(
    fc.array(wireEvent, { maxLength: 8 }).map((events) => ({ events })),
    fc.constantFrom({}, { events: null }, { events: [] }, { events: "none" }, [])
  )

  it.prop("accepts every answer of wire events the schema decodes, with the same events", [answer], ([json]) => {
    const { fast, slow } = answersAgree(json)
    expect(fast !== undefined).toBe(Either.isRight(slow))
  }, { fastCheck: { numRuns: 200 } })

  it.prop("accepts no answer the schema would not decode to the same events", [
    fc.tuple(fc.array(wireEvent, { maxLength: 4 }), mutated, fc.nat(4)).map(([events, odd, at]) => ({
      events: [...events.slice(0, at), odd, ...events.slice(at)]
    }))
  ], ([json]) => {
    answersAgree(json)
  }, { fastCheck: { numRuns: 300 } })
})
