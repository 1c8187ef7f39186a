import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { Fault, Simulator } from "../src/index.js"
import type { WireEvent } from "./utils.js"
import { analystBasic, forbiddenPage, TestLayer, v1, v1Parsed, valueOf } from "./utils.js"

interface FormResult {
  readonly formName: string
  readonly eventImportResults: { readonly state: string; readonly message: string; readonly ids: Array<number> }
}
interface ImportAnswer {
  readonly result: { readonly state: string; readonly message?: string }
  readonly eventImportResultForForm: ReadonlyArray<FormResult>
}

const importEvents = (events: ReadonlyArray<unknown>) => v1Parsed<ImportAnswer>("eventsimport", { events })

const wellness = (
  userId: number,
  startDate: string,
  startTime: string,
  pairs: Record<string, string> = { Fatigue: "3" },
  extra: Record<string, unknown> = {}
) => ({
  formName: "Wellness",
  startDate,
  startTime,
  userId: { userId },
  enteredByUserId: 20100,
  rows: [{ row: 0, pairs: Object.entries(pairs).map(([key, value]) => ({ key, value })) }],
  ...extra
})

const trainingLoad = (userId: number, startDate: string) => ({
  formName: "Training Load",
  startDate,
  startTime: "4:00 PM",
  finishDate: startDate,
  finishTime: "5:00 PM",
  userId: { userId },
  rows: [{ row: 0, pairs: [{ key: "Duration", value: "60" }, { key: "RPE", value: "6" }] }]
})

const stored = (id: number | undefined) =>
  Effect.gen(function*() {
    const sim = yield* Simulator.Simulator
    return (yield* sim.events).find((e) => e.id === id)
  })

const eventCount = Effect.flatMap(Simulator.Simulator, (sim) => Effect.map(sim.events, (events) => events.length))

describe("API v1 eventsimport and deleteevent", () => {
  it.effect("inserts: HTTP 200, one entry per form, ids in submission order; same user same day not merged", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const before = yield* sim.events
      const answer = yield* v1("eventsimport", {
        events: [
          wellness(20001, "20/05/2025", "7:00 AM"),
          trainingLoad(20001, "20/05/2025"),
          wellness(20001, "20/05/2025", "7:00 AM", { Fatigue: "4" })
        ]
      })
      expect(answer.status).toBe(200)
      expect(answer.headers["content-type"]).toBeUndefined()
      const parsed = JSON.parse(answer.text) as ImportAnswer
      const [first, second] = parsed.eventImportResultForForm
      expect(parsed).toEqual({
        result: { state: "SUCCESSFULLY_IMPORTED" },
        eventImportResultForForm: [
          {
            formName: "Wellness",
            eventImportResults: {
              state: "SUCCESSFULLY_IMPORTED",
              message: "2 out of 2 records successfully imported.",
              ids: first?.eventImportResults.ids
            }
          },
          {
            formName: "Training Load",
            eventImportResults: {
              state: "SUCCESSFULLY_IMPORTED",
              message: "1 out of 1 records successfully imported.",
              ids: second?.eventImportResults.ids
            }
          }
        ]
      })
      const [a, c] = first?.eventImportResults.ids ?? []
      const [b] = second?.eventImportResults.ids ?? []
      const next = Math.max(...before.map((e) => e.id), ...(yield* sim.profiles).map((p) => p.id)) + 1
      expect([a, b, c]).toEqual([next, next + 1, next + 2])
      expect(yield* eventCount).toBe(before.length + 3)
      expect(valueOf((yield* stored(a)) ?? { rows: [] }, "Fatigue")).toBe("3")
      expect(valueOf((yield* stored(c)) ?? { rows: [] }, "Fatigue")).toBe("4")
      expect(yield* stored(a)).toMatchObject({
        userId: 20001,
        enteredByUserId: 20100,
        startDate: "20/05/2025",
        finishDate: "20/05/2025",
        startTime: "7:00 AM",
        finishTime: "8:00 AM"
      })
      // enteredByUserId defaults to the caller's user
      expect((yield* stored(b))?.enteredByUserId).toBe(20100)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("an update replaces the whole event and bumps its modified time; \"\" is an insert", () =>
    Effect.gen(function*() {
      const inserted = yield* importEvents([wellness(20002, "20/05/2025", "7:00 AM", { Fatigue: "3", Mood: "4" })])
      const id = inserted.eventImportResultForForm[0]?.eventImportResults.ids[0]
      expect((yield* stored(id))?.modifiedAt).toBe(0)
      yield* TestClock.adjust("10 minutes")
      const updated = yield* importEvents([
        wellness(20002, "21/05/2025", "9:30 am", { Stress: "2" }, { existingEventId: String(id) })
      ])
      expect(updated.eventImportResultForForm[0]?.eventImportResults.ids).toEqual([id])
      const event = yield* stored(id)
      expect(event).toMatchObject({ startDate: "21/05/2025", startTime: "9:30 AM", modifiedAt: 600_000 })
      expect(event?.rows).toEqual([{ row: 0, pairs: [{ key: "Stress", value: "2" }] }])
      const blank = yield* importEvents([wellness(20002, "22/05/2025", "7:00 AM", {}, { existingEventId: "" })])
      expect(blank.eventImportResultForForm[0]?.eventImportResults.ids[0]).not.toBe(id)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("a bad record fails the whole batch: nothing stored, the message names it", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const before = yield* sim.events
      const cases: ReadonlyArray<readonly [unknown, string]> = [
        [wellness(20001, "31/02/2025", "7:00 AM"), "startDate \"31/02/2025\" is not a dd/mm/yyyy date"],
        [wellness(20001, "20/05/2025", "13:00 PM"), "startTime \"13:00 PM\" is not an h:mm AM/PM time"],
        [wellness(20101, "20/05/2025", "7:00 AM"), "user 20101 does not exist or is not visible to this account"],
        [wellness(20001, "20/05/2025", "7:00 AM", {}, { existingEventId: 99 }), "existingEventId 99 does not exist"],
        [{ ...wellness(20001, "20/05/2025", "7:00 AM"), userId: { userId: "abc" } }, "is not {\"userId\": <id>}"],
        [{ ...trainingLoad(20001, "20/05/2025"), rows: [] }, "required field \"Duration\" has no value"]
      ]
      for (const [bad, why] of cases) {
        const answer = yield* importEvents([
          wellness(20001, "20/05/2025", "7:00 AM"),
          bad,
          wellness(20003, "20/05/2025", "7:00 AM")
        ])
        expect(answer.result.state).toBe("UNEXPECTED_ERROR")
        expect(answer.result.message).toContain("Event at index 1: ")
        expect(answer.result.message).toContain(why)
        expect(answer.result.message).toContain("No events were imported.")
        for (const entry of answer.eventImportResultForForm) {
          expect(entry.eventImportResults.state).toBe("UNEXPECTED_ERROR")
          expect(entry.eventImportResults.ids).toEqual([])
        }
      }
      const seededTrainingLoad = before.find((e) => e.formName === "Training Load")
      const otherForm = yield* importEvents([
        wellness(20001, "20/05/2025", "7:00 AM", {}, { existingEventId: seededTrainingLoad?.id })
      ])
      expect(otherForm.result.message).toBe(
        `Event at index 0: existingEventId ${seededTrainingLoad?.id} is an event of the form "Training Load", ` +
          `not "Wellness". No events were imported.`
      )
      expect(yield* sim.events).toEqual(before)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("an unknown form name: its entry is UNEXPECTED_ERROR naming it, and nothing is stored", () =>
    Effect.gen(function*() {
      const before = yield* eventCount
      const answer = yield* importEvents([
        wellness(20001, "20/05/2025", "7:00 AM"),
        { ...wellness(20001, "20/05/2025", "8:00 AM"), formName: "Welness" }
      ])
      expect(answer).toEqual({
        result: {
          state: "UNEXPECTED_ERROR",
          message: "Event at index 1: the event form \"Welness\" does not exist. No events were imported."
        },
        eventImportResultForForm: [
          {
            formName: "Wellness",
            eventImportResults: {
              state: "UNEXPECTED_ERROR",
              message: "0 out of 1 records successfully imported. Event at index 1: the event form \"Welness\" does " +
                "not exist. No events were imported.",
              ids: []
            }
          },
          {
            formName: "Welness",
            eventImportResults: {
              state: "UNEXPECTED_ERROR",
              message: "0 out of 1 records successfully imported. The event form \"Welness\" does not exist.",
              ids: []
            }
          }
        ]
      })
      expect(yield* eventCount).toBe(before)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("unknown field keys: imported without them, the message lists them (§7.2 text)", () =>
    Effect.gen(function*() {
      const answer = yield* importEvents([
        wellness(20001, "20/05/2025", "7:00 AM", { Fatigue: "3", "Sleep Hours": "8", Mood: "4" }),
        wellness(20002, "20/05/2025", "7:00 AM", { fatigue: "2", "Sleep Hours": "7" })
      ])
      const result = answer.eventImportResultForForm[0]?.eventImportResults
      expect(result?.state).toBe("SUCCESSFULLY_IMPORTED")
      expect(result?.message).toBe(
        "2 out of 2 records successfully imported. The following names [Sleep Hours, fatigue] were sent in the " +
          "message but do not exist in the form"
      )
      const event = yield* stored(result?.ids[0])
      expect(event?.rows).toEqual([{ row: 0, pairs: [{ key: "Fatigue", value: "3" }, { key: "Mood", value: "4" }] }])
    }).pipe(Effect.provide(TestLayer())))

  it.effect("Fault.DropImportedId: success claimed, the last event silently not stored, its id missing", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const before = yield* eventCount
      const answer = yield* importEvents([
        wellness(20001, "20/05/2025", "7:00 AM"),
        wellness(20002, "20/05/2025", "7:00 AM"),
        wellness(20003, "20/05/2025", "7:00 AM")
      ])
      expect(answer.result.state).toBe("SUCCESSFULLY_IMPORTED")
      expect(answer.eventImportResultForForm[0]?.eventImportResults.message).toBe(
        "3 out of 3 records successfully imported."
      )
      const ids = answer.eventImportResultForForm[0]?.eventImportResults.ids ?? []
      expect(ids).toHaveLength(2)
      expect(yield* eventCount).toBe(before + 2)
      const users = (yield* sim.events).filter((e) => ids.includes(e.id)).map((e) => e.userId)
      expect(users).toEqual([20001, 20002])
      expect((yield* sim.counters).faults).toEqual({ DropImportedId: 1 })
      // the rule was used up: the next batch is whole
      const next = yield* importEvents([wellness(20003, "20/05/2025", "7:00 AM")])
      expect(next.eventImportResultForForm[0]?.eventImportResults.ids).toHaveLength(1)
    }).pipe(
      Effect.provide(TestLayer({ faults: [{ route: "v1/eventsimport", fault: Fault.DropImportedId(), times: 1 }] }))
    ))

  it.effect("12 AM quirk: 00:MM AM is accepted and exported as 12:MM AM; finish defaults to start + 1 hour", () =>
    Effect.gen(function*() {
      const answer = yield* importEvents([
        wellness(20001, "01/01/2025", "00:30 AM"),
        wellness(20001, "01/01/2025", "12:45 am"),
        wellness(20001, "01/01/2025", "11:30 PM")
      ])
      const ids = answer.eventImportResultForForm[0]?.eventImportResults.ids ?? []
      const found = yield* v1Parsed<{ events: ReadonlyArray<WireEvent> }>("eventsearch", {
        formNames: "Wellness",
        userIds: 20001,
        startDate: "01/01/2025",
        finishDate: "01/01/2025",
        startTime: "12:00 am",
        finishTime: "12:59 am"
      })
      expect(found.events.map((e) => [e.id, e.startTime, e.finishTime])).toEqual([
        [ids[0], "12:30 AM", "1:30 AM"],
        [ids[1], "12:45 AM", "1:45 AM"]
      ])
      expect(yield* stored(ids[2])).toMatchObject({
        startDate: "01/01/2025",
        startTime: "11:30 PM",
        finishDate: "02/01/2025",
        finishTime: "12:30 AM"
      })
    }).pipe(Effect.provide(TestLayer())))

  it.effect("403 page without the write right on a form", () =>
    Effect.gen(function*() {
      const before = yield* eventCount
      const injury = {
        formName: "Injury Report",
        startDate: "20/05/2025",
        startTime: "9:00 AM",
        userId: { userId: 20001 },
        rows: [{ row: 0, pairs: [{ key: "Body Part", value: "Knee" }] }]
      }
      const readOnly = yield* v1("eventsimport", { events: [wellness(20001, "20/05/2025", "7:00 AM"), injury] })
      expect(readOnly.status).toBe(403)
      expect(readOnly.text).toBe(forbiddenPage)
      const analyst = yield* v1("eventsimport", { events: [wellness(20025, "20/05/2025", "7:00 AM")] }, analystBasic)
      expect(analyst.status).toBe(403)
      expect(yield* eventCount).toBe(before)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("deleteevent: SUCCESS \"Deleted <id>\", FAILURE for an unknown id, 403 without the write right", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const events = yield* sim.events
      const wellnessId = events.find((e) => e.formName === "Wellness")?.id ?? 0
      const answer = yield* v1("deleteevent", { eventId: wellnessId })
      expect(answer.status).toBe(200)
      expect(answer.headers["content-type"]).toBeUndefined()
      expect(answer.text).toBe(`{"state": "SUCCESS","message": "Deleted ${wellnessId}"}`)
      expect(yield* stored(wellnessId)).toBeUndefined()
      expect(yield* sim.deletedEventIds).toEqual([wellnessId])
      expect(yield* v1Parsed("deleteevent", { eventId: wellnessId })).toEqual({
        state: "FAILURE",
        message: `Event ${wellnessId} does not exist`
      })
      expect(yield* v1Parsed("deleteevent", { eventId: "nope" })).toMatchObject({ state: "FAILURE" })
      const injuryId = events.find((e) => e.formName === "Injury Report")?.id
      expect((yield* v1("deleteevent", { eventId: injuryId })).status).toBe(403)
      expect((yield* v1("deleteevent", { eventId: String(events.at(-1)?.id) }, analystBasic)).status).toBe(403)
      expect(yield* sim.deletedEventIds).toEqual([wellnessId])
    }).pipe(Effect.provide(TestLayer())))
})
