import { Fault, Simulator, TestTime } from "@ams-effect/simulator"
import { V1Client } from "@ams-effect/v1"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { layer, requestsTo } from "./fixtures.js"

const v1 = V1Client.V1Client

describe("V1Client profiles and deletes", () => {
  it.scoped("importProfile inserts, then replaces, the user's record; searchProfiles reads it", () =>
    Effect.gen(function*() {
      const client = yield* v1
      yield* client.importProfile({
        formName: "Athlete Profile",
        userId: 20030,
        values: { Position: "Wing", "Squad Number": 11 }
      })
      const [first] = yield* client.searchProfiles({ forms: "Athlete Profile", userIds: [20030] })
      expect(first?.values).toEqual({ Position: "Wing", "Squad Number": "11" })
      yield* client.importProfile({ formName: "Athlete Profile", userId: 20030, values: { Position: "Centre" } })
      const profiles = yield* client.searchProfiles({ forms: ["Athlete Profile"], userIds: [20030] })
      expect(profiles.map((profile) => profile.values)).toEqual([{ Position: "Centre" }])
      const [request] = yield* requestsTo("v1/profileimport")
      expect(request?.body).toMatchObject({
        formName: "Athlete Profile",
        userId: { userId: 20030 },
        enteredByUserId: 20100
      })
    }).pipe(Effect.provide(layer())))

  it.scoped("a refused profile import is V1StateFailed with the server's state and message", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const error = yield* Effect.flip(client.importProfile({ formName: "Athlete Profle", userId: 20030, values: {} }))
      expect(error._tag).toBe("V1StateFailed")
      if (error._tag !== "V1StateFailed") return
      expect(error.state).toBe("UNEXPECTED_ERROR")
      expect(error.serverMessage).toContain("Athlete Profle")
      expect(error.message).toContain("user 20030")
    }).pipe(Effect.provide(layer())))

  it.scoped("a profile import is an upsert, so a lost connection is retried", () =>
    Effect.gen(function*() {
      const client = yield* v1
      yield* client.listGroups
      yield* Effect.flatMap(Simulator.Simulator, (simulator) =>
        simulator.addFault(Fault.rule(Fault.ResetAfterHandler(), { route: "v1/profileimport", times: 1 })))
      yield* TestTime.runWithClock(
        client.importProfile({ formName: "Athlete Profile", userId: 20029, values: { Position: "Lock" } })
      )
      expect((yield* requestsTo("v1/profileimport")).map((request) =>
        request.status
      )).toEqual(["reset", 200])
    }).pipe(Effect.provide(layer())))

  it.scoped("deleting an unknown event is V1StateFailed (FAILURE)", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const error = yield* Effect.flip(client.deleteEvent(99))
      expect(error._tag).toBe("V1StateFailed")
      if (error._tag === "V1StateFailed") {
        expect(error.state).toBe("FAILURE")
        expect(error.subject).toBe("event 99")
      }
    }).pipe(Effect.provide(layer())))

  it.scoped("a delete whose connection is lost after sending is OutcomeUnknown, not repeated", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const report = yield* client.importEvents([{
        formName: "Wellness",
        userId: 20001,
        start: new Date(2031, 0, 1, 8, 0),
        values: { Fatigue: 1 }
      }])
      yield* Effect.flatMap(
        Simulator.Simulator,
        (simulator) => simulator.addFault(Fault.rule(Fault.ResetAfterHandler(), { route: "v1/deleteevent", times: 1 }))
      )
      const error = yield* Effect.flip(client.deleteEvent(report.eventIds[0]!))
      expect(error._tag).toBe("OutcomeUnknown")
      expect(yield* requestsTo("v1/deleteevent")).toHaveLength(1)
      expect(yield* Effect.flatMap(Simulator.Simulator, (simulator) => simulator.deletedEventIds)).toEqual([
        report.eventIds[0]
      ])
    }).pipe(Effect.provide(layer())))
})
