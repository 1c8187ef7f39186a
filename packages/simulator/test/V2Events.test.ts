import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { DemoData, Simulator } from "../src/index.js"
import { login, parse, rpcText, TestLayer, unauthorizedPage, v1Parsed, v2 } from "./utils.js"

interface SyncAnswer {
  readonly export: { readonly events: ReadonlyArray<{ readonly id: number }> }
  readonly lastSynchronisationTimeOnServer: number
  readonly idsOfDeletedEvents: ReadonlyArray<number>
}

const eventIdsOf = (formName: string, userId: number) =>
  Effect.gen(function*() {
    const sim = yield* Simulator.Simulator
    const events = yield* sim.events
    return events.filter((e) => e.formName === formName && e.userId === userId).map((e) => e.id)
  })

describe("v2 event/deleteAll", () => {
  it.effect("deletes every listed event (ids as strings) and answers 200 with an empty body; synchronise sees it", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* TestClock.adjust("1 minute")
      const cursor = (yield* v1Parsed<SyncAnswer>("synchronise", { formName: "Wellness", userIds: [20001] }))
        .lastSynchronisationTimeOnServer
      const [first, second, third] = yield* eventIdsOf("Wellness", 20001)
      const token = yield* login()
      yield* TestClock.adjust("1 minute")
      const answer = yield* v2("event/deleteAll", { eventIds: [String(first), String(second)] }, token)
      expect(answer.status).toBe(200)
      expect(answer.text).toBe("")
      expect(answer.headers["content-type"]).toBe("application/json;charset=utf-8")
      expect(answer.headers["content-length"]).toBe("0")
      expect(answer.headers["session-header"]).toBe(token)
      expect(yield* sim.deletedEventIds).toEqual([first, second])
      expect(yield* eventIdsOf("Wellness", 20001)).not.toContain(first)
      const next = yield* v1Parsed<SyncAnswer>("synchronise", {
        formName: "Wellness",
        userIds: [20001],
        lastSynchronisationTimeOnServer: cursor
      })
      expect(next.idsOfDeletedEvents).toEqual([first, second])
      expect(next.export.events).toEqual([])
      // numbers are accepted too; a deleted id is then unknown
      expect((yield* v2("event/deleteAll", { eventIds: [third] }, token)).text).toBe("")
      expect((yield* v2("event/deleteAll", { eventIds: [third] }, token)).text).toBe(
        rpcText("ObjectNotFoundException", `Event ${third} does not exist`)
      )
      // and v1 deleteevent agrees it is gone
      expect(yield* v1Parsed("deleteevent", { eventId: first })).toEqual({
        state: "FAILURE",
        message: `Event ${first} does not exist`
      })
    }).pipe(Effect.provide(TestLayer())))

  it.effect("is all-or-nothing: an unknown id, an invisible user or a read-only form fails it with an RPC exception", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const token = yield* login()
      const [wellness] = yield* eventIdsOf("Wellness", 20001)
      const [injury] = yield* eventIdsOf("Injury Report", 20004)
      const before = (yield* sim.events).length
      const unknown = yield* v2("event/deleteAll", { eventIds: [String(wellness), "12345"] }, token)
      expect(unknown.status).toBe(200)
      expect(unknown.text).toBe(rpcText("ObjectNotFoundException", "Event 12345 does not exist"))
      const readOnly = yield* v2("event/deleteAll", { eventIds: [String(wellness), String(injury)] }, token)
      expect(readOnly.text).toBe(rpcText(
        "PermissionDeniedException",
        `No permission to delete event ${injury}: the account may not write the form "Injury Report"`
      ))
      // the analyst sees only the Academy, and only reads Wellness
      const analyst = yield* login(DemoData.analyst)
      expect(parse(yield* v2("event/deleteAll", { eventIds: [String(wellness)] }, analyst))).toMatchObject({
        type: "ObjectNotFoundException"
      })
      const [academy] = yield* eventIdsOf("Wellness", 20025)
      expect(parse(yield* v2("event/deleteAll", { eventIds: [String(academy)] }, analyst))).toMatchObject({
        type: "PermissionDeniedException"
      })
      for (const body of [{}, { eventIds: "1" }, { eventIds: ["x"] }, [1]]) {
        expect(parse(yield* v2("event/deleteAll", body, token))).toMatchObject({ type: "InvalidRequestException" })
      }
      expect((yield* sim.events).length).toBe(before)
      expect(yield* sim.deletedEventIds).toEqual([])
    }).pipe(Effect.provide(TestLayer())))

  it.effect("answers an expired session per v2SessionExpiry and deletes nothing", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const token = yield* login()
      const [wellness] = yield* eventIdsOf("Wellness", 20001)
      yield* sim.expireAllSessions
      const answer = yield* v2("event/deleteAll", { eventIds: [String(wellness)] }, token)
      expect(answer.status).toBe(401)
      expect(answer.text).toBe(unauthorizedPage)
      expect(yield* sim.deletedEventIds).toEqual([])
    }).pipe(Effect.provide(TestLayer({ v2SessionExpiry: "http401" }))))
})
