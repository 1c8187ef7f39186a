/**
 * The fast event decoder of large answers against the `Event` schema's own decoder: for any wire event (with or
 * without unknown members) both give the same `Event`, and for anything else both fail.
 */
import { Event } from "@ams-effect/v1"
import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Either, FastCheck as fc, Schema } from "effect"
import { decodeEvent } from "../src/internal/wireEvent.js"

const schemaDecode = Schema.decodeUnknownEither(Event.Event, { onExcessProperty: "ignore" })
const wireEvent = Arbitrary.make(Schema.encodedSchema(Event.Event))
const extra = fc.dictionary(fc.constantFrom("extra", "formVersion", "rowsX", "rows "), fc.jsonValue({ maxDepth: 2 }))

describe("decodeEvent (the fast path of large answers)", () => {
  it.prop(
    "decodes every wire event as the schema does, unknown members dropped",
    [wireEvent, extra],
    ([wire, more]) => {
      const input = { ...more, ...wire }
      const fast = decodeEvent(input)
      const slow = schemaDecode(input)
      expect(Either.isRight(fast) && Either.isRight(slow)).toBe(true)
      if (Either.isRight(fast) && Either.isRight(slow)) {
        expect(fast.right).toBeInstanceOf(Event.Event)
        expect({ ...fast.right }).toStrictEqual({ ...slow.right })
        expect(fast.right.values).toStrictEqual(slow.right.values)
      }
    },
    { fastCheck: { numRuns: 300 } }
  )

  it.prop("fails where the schema fails", [fc.jsonValue({ maxDepth: 3 })], ([json]) => {
    expect(Either.isRight(decodeEvent(json))).toBe(Either.isRight(schemaDecode(json)))
  }, { fastCheck: { numRuns: 300 } })

  it("fills the defaults of rows and pairs", () => {
    const event = decodeEvent({ id: 1, formName: "F", userId: 2, startDate: "01/01/2024", startTime: "9:00 AM" })
    expect(Either.getOrThrow(event).rows).toStrictEqual([])
    const withRow = decodeEvent({
      id: 1,
      formName: "F",
      userId: 2,
      startDate: "01/01/2024",
      startTime: "9:00 AM",
      rows: [{ row: 0 }]
    })
    expect(Either.getOrThrow(withRow).rows).toStrictEqual([{ row: 0, pairs: [] }])
  })
})
