import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import { ExportScanner } from "../src/internal/exportScanner.js"

/** Feeds `text` to a scanner in pieces cut at `cuts`, and returns what it found. */
const scan = (text: string, cuts: ReadonlyArray<number>) => {
  const scanner = new ExportScanner()
  const events: Array<unknown> = []
  let from = 0
  for (const cut of [...cuts].sort((a, b) => a - b).concat(text.length)) {
    events.push(...scanner.push(text.slice(from, cut)).map((t) => JSON.parse(t)))
    from = cut
  }
  scanner.end()
  return { events, members: scanner.members }
}

const value = fc.jsonValue({ maxDepth: 3 })

describe("ExportScanner", () => {
  it.prop(
    "finds every event and every other member, wherever the text is cut",
    [
      fc.array(fc.dictionary(fc.string(), value, { maxKeys: 4 }), { maxLength: 8 }),
      fc.integer(),
      fc.array(fc.integer()),
      fc.array(fc.nat(), { maxLength: 12 }),
      fc.boolean()
    ],
    ([events, time, deleted, cuts, membersFirst]) => {
      const exported = `"export": {"events": ${JSON.stringify(events, null, 1)}}`
      const others = `"lastSynchronisationTimeOnServer": ${time}, "idsOfDeletedEvents": ${JSON.stringify(deleted)}`
      const text = membersFirst ? `{${others}, ${exported}}` : `{${exported}, ${others}}`
      const result = scan(text, cuts.map((cut) => cut % (text.length + 1)))
      // As JSON brings them back (-0 comes back as 0)
      expect(result.events).toEqual(JSON.parse(JSON.stringify(events)))
      expect(result.members).toEqual({ lastSynchronisationTimeOnServer: time, idsOfDeletedEvents: deleted })
    },
    { fastCheck: { numRuns: 300 } }
  )

  it("keeps strings with brackets, quotes and escapes intact, and empty bodies are {}", () => {
    const text =
      `{"export":{"events":[{"k":"a]b}\\"c\\\\","rows":[{"row":0}]},{"é":"\\u005d"}]},"lastSynchronisationTimeOnServer":5}`
    expect(scan(text, [11, 23, 24, 30]).events).toEqual([{ k: "a]b}\"c\\", rows: [{ row: 0 }] }, { é: "]" }])
    // Runs of backslashes before a quote, cut at every position
    const tricky = `{"export":{"events":[{"k":"\\\\","l":"\\\"]","m":["\\\\\\\"}"]}]}}`
    for (let cut = 0; cut <= tricky.length; cut++) {
      expect(scan(tricky, [cut]).events).toEqual([{ k: "\\", l: "\"]", m: ["\\\"}"] }])
    }
    expect(scan("", []).events).toEqual([])
    expect(scan(" {} ", [2]).members).toEqual({})
  })

  it("reports a cut-off or unbalanced answer", () => {
    expect(() => scan(`{"export":{"events":[{"a":1}`, [])).toThrow(/ended early/)
    expect(() => scan(`{"export":{"events":[}`, [])).toThrow(/unbalanced/)
    expect(() => scan(`{"a":"unterminated`, [])).toThrow()
    // Anything but one JSON object
    expect(() => scan("abc", [])).toThrow(/not a JSON object/)
    expect(() => scan(`[{"export":{"events":[]}}]`, [])).toThrow(/not a JSON object/)
    expect(() => scan(`{"export":{"events":[]}} x`, [5])).toThrow(/after the end/)
    expect(() => scan(`{}{}`, [])).toThrow(/after the end/)
  })
})
