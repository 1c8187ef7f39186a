import { DemoData, Fault, Simulator } from "@ams-effect/simulator"
import { type EventSearch, Filter, type User, V1Client } from "@ams-effect/v1"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { layer, requestsTo } from "./fixtures.js"

const v1 = V1Client.V1Client
const athlete = 20001
const other = 20002

/** A wellness event on a day of 2030, far from the demo history. */
const wellness = (day: number, values: Record<string, string | number>, userId = athlete) => ({
  formName: "Wellness",
  userId,
  start: { date: `${String(day).padStart(2, "0")}/03/2030`, time: "7:30 AM" },
  values
})

describe("V1Client events", () => {
  it.scoped("insert → search → update → synchronise sees it → delete → synchronise reports it", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const before = yield* client.synchronise({ formName: "Wellness", userIds: [athlete] })

      const inserted = yield* client.importEvents([wellness(1, { Fatigue: 3, Comments: "fine" })])
      const id = inserted.eventIds[0]!
      expect(inserted.imported).toHaveLength(1)

      const found = yield* client.searchEvents({
        forms: "Wellness",
        userIds: [athlete],
        from: "01/03/2030",
        to: "01/03/2030"
      })
      expect(found.map((event) => event.id)).toEqual([id])
      expect(found[0]?.values).toEqual({ Fatigue: "3", Comments: "fine" })
      expect(found[0]?.startTime).toBe("7:30 AM")
      expect(found[0]?.finishTime).toBe("8:30 AM")
      expect(found[0]?.userId).toBe(athlete)

      yield* client.importEvents([{ ...wellness(1, { Fatigue: 5 }), existingEventId: id }], { mode: "update" })
      const changed = yield* client.synchronise({
        formName: "Wellness",
        userIds: [athlete],
        since: before.lastSynchronisationTimeOnServer
      })
      expect(changed.events.map((event) => [event.id, event.values])).toEqual([[id, { Fatigue: "5" }]])

      yield* client.deleteEvent(id)
      const after = yield* client.synchronise({
        formName: "Wellness",
        userIds: [athlete],
        since: changed.lastSynchronisationTimeOnServer
      })
      expect(after.idsOfDeletedEvents).toEqual([id])
      expect(after.events).toEqual([])
      expect(
        yield* client.searchEvents({ forms: "Wellness", userIds: [athlete], from: "01/03/2030", to: "01/03/2030" })
      ).toEqual([])
    }).pipe(Effect.provide(layer())))

  it.scoped("searches by date range (inclusive), time of day and results per user", () =>
    Effect.gen(function*() {
      const client = yield* v1
      yield* client.importEvents([
        wellness(10, { Fatigue: 1 }),
        wellness(11, { Fatigue: 2 }),
        wellness(12, { Fatigue: 3 }),
        { ...wellness(11, { Fatigue: 4 }), start: { date: "11/03/2030", time: "6:00 PM" } },
        wellness(11, { Fatigue: 9 }, other)
      ])
      const range = (from: string, to: string) =>
        client.searchEvents({ forms: ["Wellness"], userIds: [athlete, other], from, to }).pipe(
          Effect.map((events) => events.map((event) => event.values["Fatigue"]).sort())
        )
      expect(yield* range("10/03/2030", "11/03/2030")).toEqual(["1", "2", "4", "9"])
      expect(yield* range("12/03/2030", "12/03/2030")).toEqual(["3"])
      const evening = yield* client.searchEvents({
        forms: "Wellness",
        userIds: [athlete],
        from: new Date(2030, 2, 11),
        to: new Date(2030, 2, 11),
        startTime: "5:00 pm",
        finishTime: "11:59 PM"
      })
      expect(evening.map((event) => event.values["Fatigue"])).toEqual(["4"])
      // One minute, both ends included: a search may start and finish at the same time
      const atSix = yield* client.searchEvents({
        forms: "Wellness",
        userIds: [athlete],
        from: "11/03/2030",
        to: "11/03/2030",
        startTime: "6:00 PM",
        finishTime: "6:00 PM"
      })
      expect(atSix.map((event) => event.values["Fatigue"])).toEqual(["4"])
      const latest = yield* client.searchEvents({
        forms: "Wellness",
        userIds: [athlete],
        from: "10/03/2030",
        to: "12/03/2030",
        resultsPerUser: 1
      })
      expect(latest.map((event) => event.values["Fatigue"])).toEqual(["3"])
    }).pipe(Effect.provide(layer())))

  it.scoped("filtered search sends the condition numbers and ANDs the conditions", () =>
    Effect.gen(function*() {
      const client = yield* v1
      yield* client.importEvents(
        [1, 2, 3, 4, 5].map((fatigue) => wellness(fatigue, { Fatigue: fatigue, Mood: 6 - fatigue }))
      )
      const search = (...conditions: ReadonlyArray<Filter.Condition>) =>
        client.filteredSearchEvents({
          forms: "Wellness",
          userIds: [athlete],
          from: "01/03/2030",
          to: "31/03/2030",
          filters: [Filter.form("Wellness", ...conditions)]
        }).pipe(Effect.map((events) => events.map((event) => Number(event.values["Fatigue"])).sort()))
      expect(yield* search(Filter.equals("Fatigue", 3))).toEqual([3])
      expect(yield* search(Filter.notEquals("Fatigue", 3))).toEqual([1, 2, 4, 5])
      expect(yield* search(Filter.lessThan("Fatigue", 3))).toEqual([1, 2])
      expect(yield* search(Filter.greaterThan("Fatigue", 3))).toEqual([4, 5])
      expect(yield* search(Filter.atMost("Fatigue", 3))).toEqual([1, 2, 3])
      expect(yield* search(Filter.atLeast("Fatigue", 3), Filter.atLeast("Mood", 2))).toEqual([3, 4])
      expect(yield* search(Filter.contains("Fatigue", "5"))).toEqual([5])
      const [request] = (yield* requestsTo("v1/filteredeventsearch")).slice(-1)
      expect(request?.body).toMatchObject({
        filter: [{
          formName: "Wellness",
          filterSet: [
            { key: "Fatigue", value: "5", filterCondition: 3 }
          ]
        }]
      })
    }).pipe(Effect.provide(layer())))

  it.scoped("an event at 12:00 AM is sent as 00:00 AM and comes back as 12:00 AM (the R client's quirk)", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const report = yield* client.importEvents([{
        formName: "Wellness",
        userId: athlete,
        start: new Date(2030, 3, 1, 0, 0),
        values: { Fatigue: 2 }
      }])
      const [request] = yield* requestsTo("v1/eventsimport")
      expect(request?.body).toMatchObject({ events: [{ startDate: "01/04/2030", startTime: "00:00 AM" }] })
      const found = yield* client.searchEvents({
        forms: "Wellness",
        userIds: [athlete],
        from: "01/04/2030",
        to: "01/04/2030",
        startTime: "12:00 AM",
        finishTime: "12:59 AM"
      })
      expect(found.map((event) => [event.id, event.startTime])).toEqual([[report.eventIds[0], "12:00 AM"]])
    }).pipe(Effect.provide(layer())))

  for (const style of ["array", "object", "empty"] as const) {
    it.scoped(`nothing found is an empty list when the server answers in the "${style}" style`, () =>
      Effect.gen(function*() {
        const client = yield* v1
        const events = yield* client.searchEvents({
          forms: "Wellness",
          userIds: [athlete],
          from: "01/01/2031",
          to: "02/01/2031"
        })
        expect(events).toEqual([])
        expect(yield* client.searchProfiles({ forms: "Athlete Profile", userIds: [20104] })).toEqual([])
      }).pipe(Effect.provide(layer({ simulator: { emptyResultStyle: style } }))))
  }

  it.scoped("bad dates, times and ids are InvalidRequest naming the field; nothing is sent", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const base = { forms: "Wellness", userIds: [athlete], from: "01/03/2030", to: "02/03/2030" }
      const cases: ReadonlyArray<[Parameters<typeof client.searchEvents>[0], string]> = [
        [{ ...base, from: "2030-03-01" }, "from"],
        [{ ...base, from: "31/02/2030" }, "from"],
        [{ ...base, to: new Date(Number.NaN) }, "to"],
        [{ ...base, from: "01/03/1066" }, "from"],
        [{ ...base, to: "01/02/2030" }, "to"],
        [{ ...base, startTime: "25:00 AM" }, "startTime"],
        [{ ...base, finishTime: "7:30" }, "finishTime"],
        [{ ...base, to: base.from, startTime: "2:00 PM", finishTime: "9:00 AM" }, "finishTime"],
        [{ ...base, userIds: [] }, "userIds"],
        [{ ...base, userIds: [athlete, -4] }, "userIds[1]"],
        [{ ...base, forms: "" }, "forms"],
        [{ ...base, resultsPerUser: 0 }, "resultsPerUser"]
      ]
      for (const [search, field] of cases) {
        const error = yield* Effect.flip(client.searchEvents(search))
        expect(error._tag, field).toBe("InvalidRequest")
        if (error._tag === "InvalidRequest") expect(error.field).toBe(field)
      }
      const importCases: ReadonlyArray<[Parameters<typeof client.importEvents>[0][number], string]> = [
        [{ ...wellness(1, {}), start: { date: "1/13/2030", time: "7:00 AM" } }, "events[0].start.date"],
        [{ ...wellness(1, {}), start: { date: "01/03/2030", time: "7 AM" } }, "events[0].start.time"],
        [{ ...wellness(1, {}), finish: new Date(2030, 1, 1) }, "events[0].finish"],
        [{ ...wellness(1, {}), formName: " " }, "events[0].formName"],
        [{ ...wellness(1, {}), userId: 0 }, "events[0].userId"],
        [{ ...wellness(1, { Fatigue: Number.NaN }) }, "events[0].values.Fatigue"],
        [{ ...wellness(1, {}), existingEventId: -1 }, "events[0].existingEventId"]
      ]
      for (const [event, field] of importCases) {
        const error = yield* Effect.flip(client.importEvents([event]))
        expect(error._tag, field).toBe("InvalidRequest")
        if (error._tag === "InvalidRequest") expect(error.field).toBe(field)
      }
      const insertOnly = yield* Effect.flip(
        client.importEvents([{ ...wellness(1, {}), existingEventId: 5 }], { mode: "insert" })
      )
      expect(insertOnly._tag).toBe("InvalidRequest")
      const simulator = yield* Simulator.Simulator
      const sent = (yield* simulator.requests).filter((request) => request.route !== "v2/user/loginUser")
      expect(sent).toEqual([])
    }).pipe(Effect.provide(layer())))

  it.scoped("an unknown filter condition (from untyped input) is InvalidRequest naming it, and nothing is sent", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const bogus = { _tag: "Approximately", field: "Fatigue", value: 3 } as unknown as Filter.Condition
      const error = yield* Effect.flip(client.filteredSearchEvents({
        forms: "Wellness",
        userIds: [athlete],
        from: "01/03/2030",
        to: "02/03/2030",
        filters: [Filter.form("Wellness", Filter.equals("Mood", 3), bogus)]
      }))
      expect(error._tag).toBe("InvalidRequest")
      if (error._tag === "InvalidRequest") expect(error.field).toBe("filters[0].conditions[1]._tag")
      expect(yield* requestsTo("v1/filteredeventsearch")).toHaveLength(0)
    }).pipe(Effect.provide(layer())))

  it.scoped("search arguments of the wrong type (from untyped input) are InvalidRequest, never a defect", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const base = { forms: "Wellness", userIds: [athlete], from: "01/03/2030", to: "02/03/2030" }
      const condition = (value: unknown, tag = "Equals") =>
        Filter.form("Wellness", { _tag: tag, field: "Mood", value } as unknown as Filter.Condition)
      const cases: ReadonlyArray<[Effect.Effect<unknown, { readonly _tag: string; readonly field?: string }>, string]> =
        [
          [client.searchEvents({ ...base, from: 20300301 } as unknown as EventSearch.EventSearch), "from"],
          [client.searchEvents({ ...base, startTime: 7 } as unknown as EventSearch.EventSearch), "startTime"],
          [client.searchEvents({ ...base, forms: 5 } as unknown as EventSearch.EventSearch), "forms"],
          [client.searchEvents({ ...base, userIds: undefined } as unknown as EventSearch.EventSearch), "userIds"],
          [client.searchUsers([null] as unknown as ReadonlyArray<User.UserQuery>), "queries[0]"],
          [client.searchUsers(undefined as unknown as ReadonlyArray<User.UserQuery>), "queries"],
          [
            client.filteredSearchEvents({ ...base, filters: undefined } as unknown as EventSearch.FilteredEventSearch),
            "filters"
          ],
          [client.filteredSearchEvents({ ...base, filters: [condition({ a: 1 })] }), "filters[0].conditions[0].value"],
          [
            client.filteredSearchEvents({ ...base, filters: [condition(3, "toString")] }),
            "filters[0].conditions[0]._tag"
          ],
          [client.searchEvents(undefined as unknown as EventSearch.EventSearch), "search"],
          [client.searchProfiles(null as unknown as EventSearch.ProfileSearch), "search"],
          [client.synchronise(undefined as unknown as V1Client.SynchroniseOptions), "options"]
        ]
      for (const [effect, field] of cases) {
        const error = yield* Effect.flip(effect)
        expect(error._tag, field).toBe("InvalidRequest")
        expect(error.field).toBe(field)
      }
      const simulator = yield* Simulator.Simulator
      expect((yield* simulator.requests).filter((request) => request.route !== "v2/user/loginUser")).toEqual([])
    }).pipe(Effect.provide(layer())))

  it.scoped("a form the account may not read is AccessDenied", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const error = yield* Effect.flip(
        client.searchEvents({ forms: "Training Load", userIds: [20025], from: "01/01/2020", to: "01/01/2030" })
      )
      expect(error._tag).toBe("AccessDenied")
    }).pipe(Effect.provide(layer({ account: DemoData.analyst }))))
  it.scoped("a search answer's events are built as they come, and a wrong one is named by its path", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const simulator = yield* Simulator.Simulator
      const event = {
        id: 7001,
        formName: "Wellness",
        userId: athlete,
        startDate: "01/03/2030",
        startTime: "7:30 AM",
        rows: [{ row: 0, pairs: [{ key: "Fatigue", value: "3" }] }]
      }
      const answer = (events: ReadonlyArray<unknown>) =>
        simulator.addFault(
          Fault.rule(Fault.Status({ status: 200, body: JSON.stringify({ events }) }), {
            route: "v1/eventsearch",
            times: 1
          })
        )
      const search = client.searchEvents({
        forms: "Wellness",
        userIds: [athlete],
        from: "01/03/2030",
        to: "01/03/2030"
      })
      // Events of the wire shape, optional members present or not, members beyond it dropped (the fast path)
      yield* answer([event, { ...event, id: 7002, finishDate: "01/03/2030", finishTime: "8:30 AM", note: "extra" }])
      const found = yield* search
      expect(found.map((each) => [each.id, each.finishTime, each.values])).toEqual([
        [7001, undefined, { Fatigue: "3" }],
        [7002, "8:30 AM", { Fatigue: "3" }]
      ])
      expect(found[1]).not.toHaveProperty("note")
      // One member of the wrong type: the schema decodes the answer and names where
      yield* answer([event, { ...event, id: 7003, userId: "20001" }])
      const error = yield* Effect.flip(search)
      expect(error._tag).toBe("ResponseDecodeError")
      if (error._tag === "ResponseDecodeError") expect(error.path).toBe("events[1].userId")
    }).pipe(Effect.provide(layer())))
})
