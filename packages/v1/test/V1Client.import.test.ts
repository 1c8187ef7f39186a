import { Fault, Simulator } from "@ams-effect/simulator"
import type { Event, V1Error } from "@ams-effect/v1"
import { V1Client } from "@ams-effect/v1"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { layer, requestsTo } from "./fixtures.js"

const v1 = V1Client.V1Client
const athletes = Array.from({ length: 24 }, (_, i) => 20001 + i)
/** A Staff user: the coach cannot see them, so a batch naming them fails on the server. */
const hiddenUser = 20102

/** Event `i` of a large import: a distinct day and minute of 2031 per record. */
const record = (i: number, userId = athletes[i % athletes.length]!): Event.EventInput => ({
  formName: "Wellness",
  userId,
  start: new Date(2031, 0, 1 + Math.floor(i / 60), 8, i % 60),
  values: { Fatigue: (i % 5) + 1, Comments: `record ${i}` }
})

const storedIds = Effect.flatMap(
  Simulator.Simulator,
  (simulator) => Effect.map(simulator.events, (events) => new Set(events.map((event) => event.id)))
)

describe("V1Client.importEvents", () => {
  it.scoped("1,000 events in chunks where chunk 3 fails: every record has an id or is in the error by index", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const inputs = Array.from({ length: 1_000 }, (_, i) => (i === 250 ? record(i, hiddenUser) : record(i)))
      const error = yield* Effect.flip(client.importEvents(inputs, { chunkSize: 100, concurrency: 4 }))
      expect(error._tag).toBe("V1ImportFailed")
      if (error._tag !== "V1ImportFailed") return
      const { report } = error
      expect(report.total).toBe(1_000)
      expect(report.chunks).toBe(10)
      expect(report.imported).toHaveLength(900)
      expect(report.failed).toHaveLength(1)
      expect(report.failed[0]?.indexes).toEqual(Array.from({ length: 100 }, (_, i) => 200 + i))
      expect(report.failed[0]?.state).toBe("UNEXPECTED_ERROR")
      expect(report.failed[0]?.serverMessage).toContain("index 50")
      expect(report.unconfirmed).toEqual([])
      // Every input index is accounted for exactly once.
      const accounted = [...report.imported.map((r) => r.index), ...report.missingIndexes].sort((a, b) => a - b)
      expect(accounted).toEqual(Array.from({ length: 1_000 }, (_, i) => i))
      // The ids are real: the server holds exactly these 900 new events, in input order within each chunk.
      const stored = yield* storedIds
      expect(report.imported.every((r) => stored.has(r.eventId))).toBe(true)
      expect(new Set(report.imported.map((r) => r.eventId)).size).toBe(900)
      expect(report.eventIds[200]).toBeUndefined()
      expect(report.eventIds[0]).toBe(report.imported[0]?.eventId)
      expect(error.message).toContain("100 record(s)")
      expect((yield* requestsTo("v1/eventsimport")).length).toBe(10)
    }).pipe(Effect.provide(layer())))

  it.scoped("every record imported: the report maps each input index to its new event id", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const inputs = Array.from({ length: 7 }, (_, i) => record(i))
      const report = yield* client.importEvents(inputs, { chunkSize: 3 })
      expect(report.chunks).toBe(3)
      expect(report.eventIds.every((id) => id !== undefined)).toBe(true)
      const found = yield* client.searchEvents({
        forms: "Wellness",
        userIds: athletes,
        from: "01/01/2031",
        to: "01/01/2031",
        startTime: "8:00 AM",
        finishTime: "8:06 AM"
      })
      const byId = new Map(found.map((event) => [event.id, event]))
      inputs.forEach((input, i) => {
        const event = byId.get(report.eventIds[i]!)
        expect(event?.userId).toBe(input.userId)
        expect(event?.values["Comments"]).toBe(`record ${i}`)
      })
    }).pipe(Effect.provide(layer())))

  it.scoped("upsert sends updates and inserts in separate chunks and keeps input order in the report", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const first = yield* client.importEvents([record(0), record(1)])
      const mixed = [
        record(2),
        { ...record(0), values: { Fatigue: 5 }, existingEventId: first.eventIds[0]! },
        record(3)
      ]
      const report = yield* client.importEvents(mixed, { chunkSize: 10 })
      expect(report.eventIds[1]).toBe(first.eventIds[0])
      expect(report.eventIds[0]).not.toBe(report.eventIds[2])
      const bodies = (yield* requestsTo("v1/eventsimport")).slice(1).map((request) =>
        (request.body as { events: ReadonlyArray<{ existingEventId?: number }> }).events.map((e) => e.existingEventId)
      )
      expect(bodies).toEqual([[first.eventIds[0]], [undefined, undefined]])
    }).pipe(Effect.provide(layer())))

  it.scoped("a misspelled field is V1UnknownFields: the events exist, without that field", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const error = yield* Effect.flip(
        client.importEvents([{ ...record(0), values: { Fatigeu: 3, Mood: 4 } }, record(1)])
      )
      expect(error._tag).toBe("V1UnknownFields")
      if (error._tag !== "V1UnknownFields") return
      const [dropped] = error.report.droppedFields
      expect(dropped?.formName).toBe("Wellness")
      expect(dropped?.fields).toEqual(["Fatigeu"])
      expect(error.report.imported).toHaveLength(2)
      expect(error.message).toContain("\"Fatigeu\"")
      const stored = (yield* Effect.flatMap(Simulator.Simulator, (s) => s.events)).find((event) =>
        event.id === error.report.eventIds[0]
      )
      expect(stored?.rows[0]?.pairs).toEqual([{ key: "Mood", value: "4" }])
    }).pipe(Effect.provide(layer())))

  it.scoped("success claimed with fewer ids is V1ImportIncomplete: the chunk's records are unconfirmed", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const simulator = yield* Simulator.Simulator
      yield* simulator.addFault(Fault.rule(Fault.DropImportedId(), { route: "v1/eventsimport", skip: 1, times: 1 }))
      const error = yield* Effect.flip(
        client.importEvents(Array.from({ length: 6 }, (_, i) => record(i)), { chunkSize: 3 })
      )
      expect(error._tag).toBe("V1ImportIncomplete")
      if (error._tag !== "V1ImportIncomplete") return
      expect(error.report.imported.map((r) => r.index)).toEqual([0, 1, 2])
      expect(error.report.unconfirmed).toHaveLength(1)
      expect(error.report.unconfirmed[0]?.indexes).toEqual([3, 4, 5])
      expect(error.report.unconfirmed[0]?.state).toBe("IdsMissing")
      expect(error.report.unconfirmed[0]?.eventIds).toHaveLength(2)
    }).pipe(Effect.provide(layer())))

  it.scoped("an unknown form fails its chunk with the server's message", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const error = yield* Effect.flip(client.importEvents([{ ...record(0), formName: "wellness" }]))
      expect(error._tag).toBe("V1ImportFailed")
      if (error._tag !== "V1ImportFailed") return
      expect(error.report.failed[0]?.formName).toBe("wellness")
      expect(error.report.failed[0]?.serverMessage).toContain("wellness")
      expect(yield* Effect.flatMap(Simulator.Simulator, (s) => s.events)).not.toContainEqual(
        expect.objectContaining({ formName: "wellness" })
      )
    }).pipe(Effect.provide(layer())))

  it.scoped("a connection lost after the server applied a chunk: that chunk is unconfirmed, the others imported", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const simulator = yield* Simulator.Simulator
      yield* client.listGroups // log in first
      yield* simulator.addFault(Fault.rule(Fault.ResetAfterHandler(), { route: "v1/eventsimport", skip: 1, times: 1 }))
      const error = yield* Effect.flip(
        client.importEvents(Array.from({ length: 4 }, (_, i) => record(i)), { chunkSize: 2 })
      )
      expect(error._tag).toBe("V1ImportFailed")
      if (error._tag !== "V1ImportFailed") return
      expect(error.report.imported.map((r) => r.index)).toEqual([0, 1])
      expect(error.report.unconfirmed[0]?.indexes).toEqual([2, 3])
      expect(error.report.unconfirmed[0]?.state).toBe("OutcomeUnknown")
      // Not repeated: the server holds the chunk once.
      expect((yield* requestsTo("v1/eventsimport")).length).toBe(2)
      const stored = yield* Effect.flatMap(Simulator.Simulator, (s) => s.events)
      expect(stored.filter((event) => event.startDate === "01/01/2031")).toHaveLength(4)
    }).pipe(Effect.provide(layer())))

  it.scoped("a single chunk lost after sending is OutcomeUnknown itself", () =>
    Effect.gen(function*() {
      const client = yield* v1
      yield* client.listGroups
      yield* Effect.flatMap(Simulator.Simulator, (s) =>
        s.addFault(Fault.rule(Fault.ResetAfterHandler(), { route: "v1/eventsimport", times: 1 })))
      const error = yield* Effect.flip(client.importEvents([record(0)]))
      expect(error._tag).toBe("OutcomeUnknown")
    }).pipe(Effect.provide(layer())))

  it.scoped("a form the account may only read is AccessDenied", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const error = yield* Effect.flip(client.importEvents([{ ...record(0), formName: "Injury Report", values: {} }]))
      expect(error._tag).toBe("AccessDenied")
    }).pipe(Effect.provide(layer())))

  it.scoped("events and options that are not what the types allow are InvalidRequest naming them; nothing is sent", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const cases: ReadonlyArray<[V1Client.ImportOptions, string]> = [
        // From a caller without the types: an unknown mode must not run as an upsert
        [{ mode: "replace" as V1Client.ImportOptions["mode"] }, "mode"],
        [{ chunkSize: 0 }, "chunkSize"],
        [{ concurrency: 1.5 }, "concurrency"]
      ]
      for (const [options, field] of cases) {
        const error = yield* Effect.flip(client.importEvents([record(0)], options))
        expect(error._tag, field).toBe("InvalidRequest")
        if (error._tag === "InvalidRequest") expect(error.field).toBe(field)
      }
      // Events that are not a list (it threw when called), or an event that is not one (it died)
      const untyped: ReadonlyArray<[unknown, string]> = [[undefined, "events"], [[record(0), null], "events[1]"]]
      for (const [events, field] of untyped) {
        const error = yield* Effect.flip(client.importEvents(events as ReadonlyArray<Event.EventInput>))
        expect(error._tag, field).toBe("InvalidRequest")
        if (error._tag === "InvalidRequest") expect(error.field).toBe(field)
      }
      expect(yield* requestsTo("v1/eventsimport")).toHaveLength(0)
    }).pipe(Effect.provide(layer())))

  it.scoped("table rows: row 0 holds the fields and the first table row, later rows the rest", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const report = yield* client.importEvents([{
        formName: "Jump Testing",
        userId: 20001,
        start: new Date(2031, 5, 1, 9, 0),
        table: [
          { "Jump Type": "CMJ", Height: 41.5 },
          { "Jump Type": "SJ", Height: 38 },
          { "Jump Type": "DJ", Height: 35, "Contact Time": 0.21 }
        ]
      }])
      const [event] = yield* client.searchEvents({
        forms: "Jump Testing",
        userIds: [20001],
        from: "01/06/2031",
        to: "01/06/2031"
      })
      expect(event?.id).toBe(report.eventIds[0])
      expect(event?.table).toEqual([
        { "Jump Type": "CMJ", Height: "41.5" },
        { "Jump Type": "SJ", Height: "38" },
        { "Jump Type": "DJ", Height: "35", "Contact Time": "0.21" }
      ])
    }).pipe(Effect.provide(layer())))

  it.effect("the error union is exact: handling every tag leaves nothing (a type-level test)", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const handled = client.importEvents([]).pipe(
        Effect.catchTags({
          AccessDenied: () => Effect.void,
          AuthenticationFailed: () => Effect.void,
          InvalidRequest: () => Effect.void,
          OutcomeUnknown: () => Effect.void,
          ResponseDecodeError: () => Effect.void,
          ServerError: () => Effect.void,
          Timeout: () => Effect.void,
          TransportError: () => Effect.void,
          UnexpectedResponse: () => Effect.void,
          V1ImportFailed: (error: V1Error.V1ImportFailed) => Effect.succeed(error.report),
          V1ImportIncomplete: () => Effect.void,
          V1UnknownFields: () => Effect.void
        })
      )
      const exhaustive: Effect.Effect<unknown, never> = handled
      // @ts-expect-error V1UnknownFields is not handled, so the error channel is not empty
      const missing: Effect.Effect<unknown, never> = client.importEvents([]).pipe(
        Effect.catchTags({
          AccessDenied: () => Effect.void,
          AuthenticationFailed: () => Effect.void,
          InvalidRequest: () => Effect.void,
          OutcomeUnknown: () => Effect.void,
          ResponseDecodeError: () => Effect.void,
          ServerError: () => Effect.void,
          Timeout: () => Effect.void,
          TransportError: () => Effect.void,
          UnexpectedResponse: () => Effect.void,
          V1ImportFailed: () => Effect.void,
          V1ImportIncomplete: () => Effect.void
        })
      )
      const report = yield* exhaustive
      expect(report).toMatchObject({ total: 0, imported: [] })
      expect(missing).toBeDefined()
    }).pipe(Effect.provide(layer())))
})
