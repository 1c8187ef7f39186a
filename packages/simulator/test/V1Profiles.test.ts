import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { Simulator } from "../src/index.js"
import { analystBasic, forbiddenPage, TestLayer, v1, v1Parsed, valueOf } from "./utils.js"

interface Profile {
  readonly id: number
  readonly formName: string
  readonly userId: number
  readonly enteredByUserId: number
  readonly rows: ReadonlyArray<{ readonly row: number; readonly pairs: ReadonlyArray<{ key: string; value: string }> }>
}

const searchProfiles = (userIds: unknown) =>
  v1Parsed<{ profiles: ReadonlyArray<Profile> }>("profilesearch", { formNames: ["Athlete Profile"], userIds })

const profile = (userId: number, pairs: Record<string, string>, formName = "Athlete Profile") => ({
  formName,
  enteredByUserId: 20100,
  userId: { userId },
  rows: [{ row: 0, pairs: Object.entries(pairs).map(([key, value]) => ({ key, value })) }]
})

describe("API v1 profiles", () => {
  it.effect("profilesearch answers {\"profiles\": [...]} without dates; scalars accepted", () =>
    Effect.gen(function*() {
      const answer = yield* v1("profilesearch", { formNames: "Athlete Profile", userIds: [20001, 20028, 20029, 20030] })
      expect(answer.status).toBe(200)
      expect(answer.headers["content-type"]).toBeUndefined()
      expect(answer.text).toMatch(/^\{"profiles": \[\{"id": \d+,"formName": "Athlete Profile","userId": 20001,/)
      const { profiles } = JSON.parse(answer.text) as { profiles: ReadonlyArray<Profile> }
      expect(profiles.map((p) => p.userId)).toEqual([20001, 20028])
      expect(Object.keys(profiles[0] ?? {})).toEqual(["id", "formName", "userId", "enteredByUserId", "rows"])
      expect(profiles[0]?.rows[0]?.pairs.map((p) => p.key)).toEqual(["Position", "Dominant Side", "Squad Number"])
      expect((yield* searchProfiles(20001)).profiles).toHaveLength(1)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("profileimport inserts, then upserts the same record (whole record replaced)", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const inserted = yield* v1("profileimport", profile(20030, { Position: "Forward", "Squad Number": "9" }))
      expect(inserted.status).toBe(200)
      expect(inserted.text).toBe(
        "{\"state\": \"SUCCESSFULLY_IMPORTED\",\"message\": \"1 out of 1 records successfully imported.\"}"
      )
      const [created] = (yield* searchProfiles([20030])).profiles
      expect(created).toMatchObject({ formName: "Athlete Profile", userId: 20030, enteredByUserId: 20100 })
      expect(valueOf(created ?? { rows: [] }, "Squad Number")).toBe("9")
      yield* TestClock.adjust("1 minute")
      const updated = yield* v1Parsed("profileimport", profile(20030, { "Dominant Side": "Left", Nickname: "Fly" }))
      expect(updated).toEqual({
        state: "SUCCESSFULLY_IMPORTED",
        message: "1 out of 1 records successfully imported. The following names [Nickname] were sent in the message " +
          "but do not exist in the form"
      })
      const [replaced] = (yield* searchProfiles([20030])).profiles
      expect(replaced?.id).toBe(created?.id)
      expect(replaced?.rows).toEqual([{ row: 0, pairs: [{ key: "Dominant Side", value: "Left" }] }])
      const record = (yield* sim.profiles).find((p) => p.userId === 20030)
      expect(record?.modifiedAt).toBe(60_000)
      expect((yield* sim.profiles).filter((p) => p.userId === 20030)).toHaveLength(1)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("profileimport fails with UNEXPECTED_ERROR for an unknown form or user", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const before = yield* sim.profiles
      const unknownForm = yield* v1Parsed("profileimport", profile(20030, { Position: "Forward" }, "Athlete Profle"))
      expect(unknownForm).toEqual({
        state: "UNEXPECTED_ERROR",
        message: "The profile form \"Athlete Profle\" does not exist. Nothing was imported."
      })
      const eventForm = yield* v1Parsed("profileimport", profile(20030, { Fatigue: "2" }, "Wellness"))
      expect(eventForm).toMatchObject({ state: "UNEXPECTED_ERROR" })
      const unknownUser = yield* v1Parsed("profileimport", profile(99999, { Position: "Forward" }))
      expect(unknownUser).toEqual({
        state: "UNEXPECTED_ERROR",
        message: "The profile record user 99999 does not exist or is not visible to this account. Nothing was imported."
      })
      expect(yield* sim.profiles).toEqual(before)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("403 page to read or write a profile form without the right", () =>
    Effect.gen(function*() {
      const read = yield* v1("profilesearch", { formNames: ["Athlete Profile"], userIds: [20025] }, analystBasic)
      expect(read.status).toBe(403)
      expect(read.text).toBe(forbiddenPage)
      const write = yield* v1("profileimport", profile(20025, { Position: "Forward" }), analystBasic)
      expect(write.status).toBe(403)
    }).pipe(Effect.provide(TestLayer())))
})
