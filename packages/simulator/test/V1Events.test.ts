import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { DemoData, Simulator } from "../src/index.js"
import { stringifyV1 } from "../src/internal/http.js"
import type { WireEvent } from "./utils.js"
import { analystBasic, forbiddenPage, TestLayer, v1, v1Parsed, valueOf } from "./utils.js"

interface Events {
  readonly events: ReadonlyArray<WireEvent>
}
interface SyncAnswer {
  readonly export: Events
  readonly lastSynchronisationTimeOnServer: number
  readonly idsOfDeletedEvents: ReadonlyArray<number>
}

const search = (body: unknown) => v1Parsed<Events>("eventsearch", body)
const filtered = (body: unknown) => v1Parsed<Events>("filteredeventsearch", body)
const sync = (body: unknown) => v1Parsed<SyncAnswer>("synchronise", body)

/** The demo data plus a "Scores" form the coach can write, with four events of user 20001. */
const withScores = (): DemoData.SeedData => {
  const data = DemoData.make()
  const score = (day: number, value: string, note: string): DemoData.EventSeed => ({
    formName: "Scores",
    userId: 20001,
    startDate: `0${day}/03/2025`,
    startTime: "9:00 AM",
    rows: [{ row: 0, pairs: [{ key: "Score", value }, { key: "Note", value: note }] }]
  })
  return {
    ...data,
    forms: [...data.forms ?? [], {
      name: "Scores",
      type: "event",
      id: 1099,
      fields: [{ name: "Score", kind: "number" }, { name: "Note" }]
    }],
    accounts: data.accounts.map((a) =>
      a.username === DemoData.coach.username ? { ...a, formAccess: { ...a.formAccess, Scores: "write" } } : a
    ),
    events: [
      ...data.events ?? [],
      score(1, "3", "alpha"),
      score(2, "5", "Beta"),
      score(3, "10", "gamma"),
      score(4, "abc", "delta")
    ]
  }
}

const scores = (condition: number, value: string, key = "Score") =>
  filtered({
    formNames: ["Scores"],
    userIds: [20001],
    startDate: "01/03/2025",
    finishDate: "31/03/2025",
    filter: [{ formName: "Scores", filterSet: [{ key, value, filterCondition: condition }] }]
  }).pipe(Effect.map((answer) => answer.events.map((e) => valueOf(e, key))))

const newWellness = (userId: number, startDate: string, startTime: string, existingEventId?: number) => ({
  formName: "Wellness",
  userId: { userId },
  startDate,
  startTime,
  ...(existingEventId === undefined ? {} : { existingEventId }),
  rows: [{ row: 0, pairs: [{ key: "Fatigue", value: "2" }] }]
})

describe("API v1 event exports", () => {
  describe("eventsearch", () => {
    it.effect("date range is inclusive; the §4.3 shape, no Content-Type", () =>
      Effect.gen(function*() {
        const answer = yield* v1("eventsearch", {
          formNames: ["Wellness"],
          userIds: [20001],
          startDate: "20/04/2025",
          finishDate: "22/04/2025",
          startTime: "12:00 AM",
          finishTime: "11:59 PM"
        })
        expect(answer.status).toBe(200)
        expect(answer.headers["content-type"]).toBeUndefined()
        expect(answer.text).toMatch(/^\{"events": \[\{"id": \d+,"formName": "Wellness","startDate": "20\/04\/2025",/)
        const events = (JSON.parse(answer.text) as Events).events
        expect(events.map((e) => e.startDate)).toEqual(["20/04/2025", "21/04/2025", "22/04/2025"])
        const first = events[0]
        expect(Object.keys(first ?? {})).toEqual([
          "id",
          "formName",
          "startDate",
          "finishDate",
          "startTime",
          "finishTime",
          "userId",
          "enteredByUserId",
          "rows"
        ])
        expect(first).toMatchObject({
          formName: "Wellness",
          startTime: "7:00 AM",
          finishDate: "20/04/2025",
          finishTime: "8:00 AM",
          userId: 20001,
          enteredByUserId: 20001
        })
        expect(first?.id).toBeGreaterThanOrEqual(34368000)
        for (const pair of first?.rows[0]?.pairs ?? []) expect(typeof pair.value).toBe("string")
        expect(first?.rows[0]?.pairs.map((p) => p.key).slice(0, 5)).toEqual([
          "Sleep Quality",
          "Fatigue",
          "Soreness",
          "Stress",
          "Mood"
        ])
      }).pipe(Effect.provide(TestLayer())))

    it.effect("start and finish times bound the window to the minute", () =>
      Effect.gen(function*() {
        const body = {
          formNames: ["Wellness"],
          userIds: [20001, 20002, 20003, 20004],
          startDate: "20/04/2025",
          finishDate: "20/04/2025"
        }
        const narrow = yield* search({ ...body, startTime: "7:10 AM", finishTime: "7:20 AM" })
        expect(narrow.events.map((e) => [e.userId, e.startTime])).toEqual([[20002, "7:15 AM"]])
        const inclusive = yield* search({ ...body, startTime: "7:15 AM", finishTime: "7:30 AM" })
        expect(inclusive.events.map((e) => e.startTime)).toEqual(["7:15 AM", "7:30 AM"])
        // across days, the window runs from the start date-time to the finish date-time
        const span = yield* search({
          ...body,
          userIds: [20001],
          finishDate: "21/04/2025",
          startTime: "8:00 AM",
          finishTime: "8:00 AM"
        })
        expect(span.events.map((e) => e.startDate)).toEqual(["21/04/2025"])
      }).pipe(Effect.provide(TestLayer())))

    it.effect("resultsPerUser keeps each user's most recent events", () =>
      Effect.gen(function*() {
        const answer = yield* search({
          formNames: ["Wellness"],
          userIds: [20001, 20013],
          startDate: "01/01/2025",
          finishDate: "31/12/2025",
          startTime: "12:00 AM",
          finishTime: "11:59 PM",
          resultsPerUser: 2
        })
        expect(answer.events.map((e) => [e.userId, e.startDate])).toEqual([
          [20001, "15/05/2025"],
          [20013, "15/05/2025"],
          [20001, "16/05/2025"],
          [20013, "16/05/2025"]
        ])
        const all = yield* search({
          formNames: ["Wellness"],
          userIds: [20001],
          startDate: "01/01/2025",
          finishDate: "31/12/2025"
        })
        expect(all.events).toHaveLength(28)
      }).pipe(Effect.provide(TestLayer())))

    it.effect("accepts scalars for formNames and userIds (R's auto_unbox)", () =>
      Effect.gen(function*() {
        const range = {
          startDate: "25/04/2025",
          finishDate: "25/04/2025",
          startTime: "12:00 AM",
          finishTime: "11:59 PM"
        }
        const scalar = yield* search({ formNames: "Jump Testing", userIds: 20001, ...range })
        const arrays = yield* search({ formNames: ["Jump Testing"], userIds: [20001], ...range })
        expect(scalar).toEqual(arrays)
        expect(scalar.events).toHaveLength(1)
        expect(scalar.events[0]?.rows.map((r) => [r.row, r.pairs.find((p) => p.key === "Jump Type")?.value])).toEqual([
          [0, "CMJ"],
          [1, "SJ"],
          [2, "DJ"]
        ])
        const numericStrings = yield* search({ formNames: "Jump Testing", userIds: ["20001"], ...range })
        expect(numericStrings).toEqual(arrays)
      }).pipe(Effect.provide(TestLayer())))

    it.effect("am/pm in any case, \"12:00 am\" is midnight", () =>
      Effect.gen(function*() {
        const base = { formNames: "Training Load", userIds: [20001], startDate: "19/04/2025", finishDate: "19/04/2025" }
        const lower = yield* search({ ...base, startTime: "12:00 am", finishTime: "11:59 pm" })
        expect(lower.events.map((e) => [e.startTime, e.finishTime])).toEqual([["4:00 PM", "5:30 PM"]])
        const mixed = yield* search({ ...base, startTime: "03:59 Pm", finishTime: "4:00 pM" })
        expect(mixed.events).toHaveLength(1)
        const morning = yield* search({ ...base, startTime: "12:00 am", finishTime: "11:59 am" })
        expect(morning.events).toEqual([])
        const malformed = yield* v1("eventsearch", { ...base, startTime: "25:00 am", finishTime: "11:59 pm" })
        expect(malformed.status).toBe(400)
      }).pipe(Effect.provide(TestLayer())))

    it.effect("403 page for a form the account cannot read; invisible users find nothing", () =>
      Effect.gen(function*() {
        const denied = yield* v1("eventsearch", { formNames: ["Training Load"], userIds: [20025] }, analystBasic)
        expect(denied.status).toBe(403)
        expect(denied.headers["content-type"]).toMatch(/^text\/html/)
        expect(denied.text).toBe(forbiddenPage)
        const allowed = yield* v1Parsed<Events>(
          "eventsearch",
          { formNames: ["Wellness"], userIds: [20025, 20001], startDate: "19/04/2025", finishDate: "19/04/2025" },
          analystBasic
        )
        expect(allowed.events.map((e) => e.userId)).toEqual([20025])
        const unknownForm = yield* search({ formNames: ["Welness"], userIds: [20001] })
        expect(unknownForm).toEqual({ events: [] })
      }).pipe(Effect.provide(TestLayer())))
  })

  describe("filteredeventsearch", () => {
    it.effect("condition 1 = and 2 !=", () =>
      Effect.gen(function*() {
        expect(yield* scores(1, "5")).toEqual(["5"])
        expect(yield* scores(2, "5")).toEqual(["3", "10", "abc"])
      }).pipe(Effect.provide(TestLayer({ data: withScores() }))))

    it.effect("condition 3 contains (ignoring case)", () =>
      Effect.gen(function*() {
        expect(yield* scores(3, "ET", "Note")).toEqual(["Beta"])
        expect(yield* scores(3, "a", "Note")).toEqual(["alpha", "Beta", "gamma", "delta"])
      }).pipe(Effect.provide(TestLayer({ data: withScores() }))))

    it.effect("conditions 4 < and 5 > compare numbers only", () =>
      Effect.gen(function*() {
        expect(yield* scores(4, "5")).toEqual(["3"])
        expect(yield* scores(5, "5")).toEqual(["10"])
        expect(yield* scores(5, "abc")).toEqual([])
      }).pipe(Effect.provide(TestLayer({ data: withScores() }))))

    it.effect("conditions 6 <= and 7 >=", () =>
      Effect.gen(function*() {
        expect(yield* scores(6, "5")).toEqual(["3", "5"])
        expect(yield* scores(7, "5")).toEqual(["5", "10"])
      }).pipe(Effect.provide(TestLayer({ data: withScores() }))))

    it.effect("filterSet entries are ANDed; formNames may be omitted (PY); bad conditions are a 400", () =>
      Effect.gen(function*() {
        const answer = yield* filtered({
          userIds: [20001],
          startDate: "01/03/2025",
          finishDate: "31/03/2025",
          filter: [{
            formName: "Scores",
            filterSet: [
              { key: "Score", value: "3", filterCondition: 7 },
              { key: "Note", value: "gamma", filterCondition: 2 }
            ]
          }]
        })
        expect(answer.events.map((e) => valueOf(e, "Note"))).toEqual(["alpha", "Beta"])
        const bad = yield* v1("filteredeventsearch", {
          userIds: [20001],
          filter: [{ formName: "Scores", filterSet: [{ key: "Score", value: "1", filterCondition: 9 }] }]
        })
        expect(bad.status).toBe(400)
      }).pipe(Effect.provide(TestLayer({ data: withScores() }))))
  })

  describe("empty results (§7.1)", () => {
    const nothing = { formNames: ["Wellness"], userIds: [20001], startDate: "01/01/2020", finishDate: "02/01/2020" }

    it.effect("\"array\" (default): {\"events\": []} and {\"profiles\": []}", () =>
      Effect.gen(function*() {
        expect((yield* v1("eventsearch", nothing)).text).toBe("{\"events\": []}")
        expect((yield* v1("filteredeventsearch", nothing)).text).toBe("{\"events\": []}")
        const profiles = yield* v1("profilesearch", { formNames: ["Athlete Profile"], userIds: [20030] })
        expect(profiles.text).toBe("{\"profiles\": []}")
      }).pipe(Effect.provide(TestLayer())))

    it.effect("\"object\": {}", () =>
      Effect.gen(function*() {
        expect((yield* v1("eventsearch", nothing)).text).toBe("{}")
        expect((yield* v1("profilesearch", { formNames: "Athlete Profile", userIds: 20030 })).text).toBe("{}")
        expect((yield* search({ ...nothing, startDate: "19/04/2025", finishDate: "16/05/2025" })).events).toHaveLength(
          28
        )
      }).pipe(Effect.provide(TestLayer({ emptyResultStyle: "object" }))))

    it.effect("\"empty\": 200 with an empty body", () =>
      Effect.gen(function*() {
        const answer = yield* v1("eventsearch", nothing)
        expect(answer.status).toBe(200)
        expect(answer.text).toBe("")
        expect(answer.headers["content-type"]).toBeUndefined()
        // synchronise keeps its full shape whatever the style
        const synced = yield* v1("synchronise", { formName: "Injury Report", userIds: [20030] })
        expect(synced.text).toBe(
          "{\"export\": {\"events\": []},\"lastSynchronisationTimeOnServer\": 1,\"idsOfDeletedEvents\": []}"
        )
      }).pipe(Effect.provide(TestLayer({ emptyResultStyle: "empty" }))))
  })

  describe("synchronise", () => {
    it.effect("is incremental: inserts, updates and deletions after the cursor; the cursor is the Clock", () =>
      Effect.gen(function*() {
        const sim = yield* Simulator.Simulator
        yield* TestClock.adjust("1 minute")
        const first = yield* sync({ formName: "Wellness", userIds: [20001] })
        expect(first.export.events).toHaveLength(28)
        expect(first.lastSynchronisationTimeOnServer).toBe(60_000)
        expect(first.idsOfDeletedEvents).toEqual([])
        const [oldest, second] = first.export.events
        yield* TestClock.adjust("1 minute")
        const imported = yield* v1Parsed<
          { eventImportResultForForm: Array<{ eventImportResults: { ids: Array<number> } }> }
        >(
          "eventsimport",
          {
            events: [
              newWellness(20001, "17/05/2025", "7:00 AM"),
              newWellness(20001, "15/05/2025", "7:00 AM", second?.id)
            ]
          }
        )
        const [newId, updatedId] = imported.eventImportResultForForm[0]?.eventImportResults.ids ?? []
        expect(updatedId).toBe(second?.id)
        expect(yield* v1Parsed("deleteevent", { eventId: oldest?.id })).toEqual({
          state: "SUCCESS",
          message: `Deleted ${oldest?.id}`
        })
        const next = yield* sync({ formName: "Wellness", userIds: [20001], lastSynchronisationTimeOnServer: 60_000 })
        expect(next.export.events.map((e) => e.id).sort()).toEqual([second?.id, newId].sort())
        expect(next.idsOfDeletedEvents).toEqual([oldest?.id])
        expect(next.lastSynchronisationTimeOnServer).toBe(120_000)
        expect((yield* sim.events).find((e) => e.id === newId)?.modifiedAt).toBe(120_000)
        yield* TestClock.adjust("1 minute")
        const none = yield* v1("synchronise", {
          formName: "Wellness",
          userIds: [20001],
          lastSynchronisationTimeOnServer: 120_000
        })
        expect(none.text).toBe(
          "{\"export\": {\"events\": []},\"lastSynchronisationTimeOnServer\": 180000,\"idsOfDeletedEvents\": []}"
        )
        // other users' and other forms' changes are not reported
        const other = yield* sync({ formName: "Wellness", userIds: [20002], lastSynchronisationTimeOnServer: 60_000 })
        expect(other.export.events).toEqual([])
        expect(other.idsOfDeletedEvents).toEqual([])
      }).pipe(Effect.provide(TestLayer())))

    it.effect("a change in the same millisecond as a sync answer is still seen by the next sync", () =>
      Effect.gen(function*() {
        const first = yield* sync({ formName: "Wellness", userIds: 20001, lastSynchronisationTimeOnServer: 0 })
        expect(first.lastSynchronisationTimeOnServer).toBe(1)
        yield* v1Parsed("eventsimport", { events: [newWellness(20001, "17/05/2025", "7:00 AM")] })
        const second = yield* sync({
          formName: "Wellness",
          userIds: [20001],
          lastSynchronisationTimeOnServer: first.lastSynchronisationTimeOnServer
        })
        expect(second.export.events.map((e) => e.startDate)).toEqual(["17/05/2025"])
        const third = yield* sync({
          formName: "Wellness",
          userIds: [20001],
          lastSynchronisationTimeOnServer: second.lastSynchronisationTimeOnServer
        })
        expect(third.export.events).toEqual([])
      }).pipe(Effect.provide(TestLayer())))

    it.effect("a large export is sent as it is rendered, in the v1 JSON style throughout", () =>
      Effect.gen(function*() {
        const answer = yield* v1("synchronise", { formName: "Wellness", userIds: [20001] })
        expect(answer.status).toBe(200)
        expect(answer.headers["content-type"]).toBeUndefined()
        expect(answer.headers["transfer-encoding"]).toBe("chunked")
        const parsed = JSON.parse(answer.text) as SyncAnswer
        expect(parsed.export.events).toHaveLength(1_234)
        expect(parsed.export.events.map((e) => valueOf(e, "Comments"))).toEqual(
          Array.from({ length: 1_234 }, (_, i) => `entry ${i}, "quoted"`)
        )
        expect(parsed.idsOfDeletedEvents).toEqual([])
        // Byte for byte what v1 writes for the whole object: `": "` after keys, nothing else between tokens
        expect(answer.text).toBe(stringifyV1(parsed))
      }).pipe(Effect.provide(TestLayer({
        data: {
          ...DemoData.make(),
          events: Array.from({ length: 1_234 }, (_, i): DemoData.EventSeed => ({
            formName: "Wellness",
            userId: 20001,
            startDate: "01/02/2025",
            startTime: `${1 + (i % 12)}:${String(i % 60).padStart(2, "0")} AM`,
            rows: [{ row: 0, pairs: [{ key: "Comments", value: `entry ${i}, "quoted"` }] }],
            modifiedAt: i
          }))
        }
      }))))

    it.effect("500 for more than maxSyncUsers user ids", () =>
      Effect.gen(function*() {
        const ids = Array.from({ length: 101 }, (_, i) => 20001 + i)
        const tooMany = yield* v1("synchronise", { formName: "Wellness", userIds: ids })
        expect(tooMany.status).toBe(500)
        expect(tooMany.text).toContain("Internal Server Error")
        const hundred = yield* v1("synchronise", { formName: "Wellness", userIds: ids.slice(0, 100) })
        expect(hundred.status).toBe(200)
      }).pipe(Effect.provide(TestLayer())))

    it.effect("500 for more than maxSyncRecords matching records", () =>
      Effect.gen(function*() {
        const big = yield* v1("synchronise", { formName: "Wellness", userIds: [20001] })
        expect(big.status).toBe(500)
        expect(big.text).toContain("Internal Server Error")
        const small = yield* sync({ formName: "Training Load", userIds: [20001] })
        expect(small.export.events).toHaveLength(12)
      }).pipe(Effect.provide(TestLayer({ maxSyncRecords: 20 }))))

    it.effect("403 without read access; no form name is a 500", () =>
      Effect.gen(function*() {
        const denied = yield* v1("synchronise", { formName: "Injury Report", userIds: [20025] }, analystBasic)
        expect(denied.status).toBe(403)
        expect(denied.text).toBe(forbiddenPage)
        const injuries = yield* sync({ formName: "Injury Report", userIds: [20004, 20018] })
        expect(injuries.export.events.map((e) => valueOf(e, "Body Part"))).toEqual(["Hamstring", "Ankle"])
        expect(valueOf(injuries.export.events[0] ?? { rows: [] }, "Notes")).toContain("<br>")
        expect((yield* v1("synchronise", { userIds: [20001] })).status).toBe(500)
      }).pipe(Effect.provide(TestLayer())))
  })
})
