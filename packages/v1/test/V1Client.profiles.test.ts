/**
 * The v1 profile and delete calls against the simulator over HTTP: upserts, refused imports, a profile import
 * that names fields the form does not have (undone, never a wiped profile), an empty one (refused before sending),
 * and the retry policy of each write.
 */
import { Fault, Simulator, TestTime } from "@ams-effect/simulator"
import { V1Client } from "@ams-effect/v1"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { layer, requestsTo } from "./fixtures.js"

const v1 = V1Client.V1Client

/** The simulator's own record of a user's "Athlete Profile", read without the client. */
const storedProfile = (userId: number) =>
  Effect.flatMap(Simulator.Simulator, (simulator) => simulator.profiles).pipe(
    Effect.map((profiles) => profiles.find((p) => p.formName === "Athlete Profile" && p.userId === userId))
  )

/** Field name → value of a stored record's rows. */
const valuesOf = (
  profile:
    | { readonly rows: ReadonlyArray<{ readonly pairs: ReadonlyArray<{ key: string; value: string }> }> }
    | undefined
) => Object.fromEntries((profile?.rows ?? []).flatMap((row) => row.pairs.map((pair) => [pair.key, pair.value])))

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
      const error = yield* Effect.flip(client.importProfile({
        formName: "Athlete Profle",
        userId: 20030,
        values: { Position: "Wing" }
      }))
      expect(error._tag).toBe("V1StateFailed")
      if (error._tag !== "V1StateFailed") return
      expect(error.state).toBe("UNEXPECTED_ERROR")
      expect(error.serverMessage).toContain("Athlete Profle")
      expect(error.message).toContain("user 20030")
    }).pipe(Effect.provide(layer())))

  it.scoped("a misspelt field is V1UnknownFields naming it, and the stored profile is left as it was", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const before = yield* storedProfile(20001)
      expect(Object.keys(valuesOf(before)).sort()).toEqual(["Dominant Side", "Position", "Squad Number"])
      const error = yield* Effect.flip(
        client.importProfile({ formName: "Athlete Profile", userId: 20001, values: { Positon: "Wing" } })
      )
      expect(error._tag).toBe("V1UnknownFields")
      if (error._tag !== "V1UnknownFields") return
      expect(error.report.droppedFields.map((dropped) => [dropped.formName, dropped.fields])).toEqual([
        ["Athlete Profile", ["Positon"]]
      ])
      expect(error.profile?.outcome).toBe("restored")
      expect(error.profile?.previous?.values).toEqual(valuesOf(before))
      expect(error.message).toContain(`"Positon"`)
      expect(error.message).toContain("user 20001")
      const after = yield* storedProfile(20001)
      expect(after?.id).toBe(before?.id)
      expect(after?.rows).toEqual(before?.rows)
      const [read] = yield* client.searchProfiles({ forms: "Athlete Profile", userIds: [20001] })
      expect(read?.values).toEqual(valuesOf(before))
    }).pipe(Effect.provide(layer())))

  it.scoped("a profile import with one unknown field changes none of the others either", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const before = yield* storedProfile(20002)
      const error = yield* Effect.flip(client.importProfile({
        formName: "Athlete Profile",
        userId: 20002,
        values: { Position: "Goalkeeper", "Squad number": 1 }
      }))
      expect(error._tag).toBe("V1UnknownFields")
      if (error._tag !== "V1UnknownFields") return
      expect(error.report.droppedFields[0]?.fields).toEqual(["Squad number"])
      expect((yield* storedProfile(20002))?.rows).toEqual(before?.rows)
    }).pipe(Effect.provide(layer())))

  it.scoped("an unknown field for a user without a record is V1UnknownFields; the record has the known fields", () =>
    Effect.gen(function*() {
      const client = yield* v1
      expect(yield* storedProfile(20030)).toBeUndefined()
      const error = yield* Effect.flip(client.importProfile({
        formName: "Athlete Profile",
        userId: 20030,
        values: { Position: "Forward", Positon: "Wing" }
      }))
      expect(error._tag).toBe("V1UnknownFields")
      if (error._tag !== "V1UnknownFields") return
      expect(error.profile?.outcome).toBe("created")
      expect(error.profile?.previous).toBeUndefined()
      expect(error.message).toContain(`"Positon"`)
      expect(valuesOf(yield* storedProfile(20030))).toEqual({ Position: "Forward" })
    }).pipe(Effect.provide(layer())))

  it.scoped("when the previous profile cannot be put back, the error carries it and says so", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const before = yield* storedProfile(20003)
      yield* Effect.flatMap(
        Simulator.Simulator,
        (simulator) => simulator.addFault(Fault.rule(Fault.HtmlOk(), { route: "v1/profileimport", skip: 1, times: 10 }))
      )
      const error = yield* Effect.flip(
        client.importProfile({ formName: "Athlete Profile", userId: 20003, values: { Positon: "Wing" } })
      )
      expect(error._tag).toBe("V1UnknownFields")
      if (error._tag !== "V1UnknownFields") return
      expect(error.profile?.outcome).toBe("notRestored")
      expect(error.profile?.restoreError).toContain("UnexpectedResponse")
      expect(error.profile?.previous?.values).toEqual(valuesOf(before))
      expect(error.message).toContain("profile.previous")
      expect(valuesOf(yield* storedProfile(20003))).toEqual({})
    }).pipe(Effect.provide(layer())))

  it.scoped("an empty values object is InvalidRequest naming values, and nothing is sent", () =>
    Effect.gen(function*() {
      const client = yield* v1
      const before = yield* storedProfile(20001)
      const error = yield* Effect.flip(
        client.importProfile({ formName: "Athlete Profile", userId: 20001, values: {} })
      )
      expect(error._tag).toBe("InvalidRequest")
      if (error._tag !== "InvalidRequest") return
      expect(error.field).toBe("values")
      expect(error.message).toContain("values")
      expect(yield* requestsTo("v1/profileimport")).toEqual([])
      expect((yield* storedProfile(20001))?.rows).toEqual(before?.rows)
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
