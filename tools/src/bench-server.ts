/**
 * The simulator as the benchmarks need it, in a process of its own (so that its CPU and memory are not the
 * client's): the demo site, plus users 40001–40003 with 10,000, 100,000 and 300,000 Wellness events, no synchronise
 * limits. Prints one JSON line `{ "url", "siteUrl" }` once it listens.
 */
import { DemoData, Simulator } from "@ams-effect/simulator"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Effect } from "effect"

export const syncUsers = { small: 40001, medium: 40002, large: 40003 } as const
const sizes: ReadonlyArray<readonly [number, number]> = [[40001, 10_000], [40002, 100_000], [40003, 300_000]]

const data = (): DemoData.SeedData => {
  const demo = DemoData.make()
  const users = sizes.map(([userId]): DemoData.UserRecord => ({
    userId,
    firstName: "Bench",
    lastName: `User ${userId}`,
    dob: "01/01/2000",
    middleName: "",
    emailAddress: `bench.${userId}@example.com`,
    knownAs: "",
    organisationalId: -1,
    username: `bench.${userId}`,
    sex: "UNSPECIFIED",
    uuid: ""
  }))
  const events = sizes.flatMap(([userId, count]) =>
    Array.from({ length: count }, (_, i): DemoData.EventSeed => {
      const day = new Date(2020, 0, 1 + Math.floor(i / 24))
      return {
        formName: "Wellness",
        userId,
        startDate: `${String(day.getDate()).padStart(2, "0")}/${
          String(day.getMonth() + 1).padStart(2, "0")
        }/${day.getFullYear()}`,
        startTime: `${1 + (i % 12)}:00 ${i % 24 < 12 ? "AM" : "PM"}`,
        rows: [{
          row: 0,
          pairs: [
            { key: "Sleep Quality", value: String(1 + (i % 5)) },
            { key: "Fatigue", value: String(1 + ((i * 7) % 5)) },
            { key: "Soreness", value: String(1 + ((i * 3) % 5)) },
            { key: "Stress", value: String(1 + ((i * 11) % 5)) },
            { key: "Mood", value: String(1 + ((i * 13) % 5)) },
            { key: "Comments", value: `Bench entry ${i}: slept ok, light session planned` }
          ]
        }]
      }
    })
  )
  return {
    ...demo,
    users: [...demo.users, ...users],
    groups: [...demo.groups, { name: "Bench", members: sizes.map(([userId]) => userId) }],
    accounts: demo.accounts.map((account) =>
      account.username === DemoData.coach.username
        ? { ...account, coachGroups: [...account.coachGroups, "Bench"] }
        : account
    ),
    events: [...(demo.events ?? []), ...events]
  }
}

NodeRuntime.runMain(
  Effect.gen(function*() {
    const simulator = yield* Simulator.Simulator
    process.stdout.write(`${JSON.stringify({ url: simulator.url, siteUrl: simulator.siteUrl })}\n`)
    return yield* Effect.never
  }).pipe(Effect.provide(Simulator.layer({ data: data(), maxSyncRecords: 1_000_000_000, maxSyncUsers: 1_000 })))
)
