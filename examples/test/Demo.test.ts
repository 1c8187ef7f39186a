import { describe, expect, it } from "@effect/vitest"
import type { Console } from "effect"
import { ConfigProvider, Effect, Logger } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { examples } from "../src/examples.js"
import * as Narrator from "../src/Narrator.js"

/** Runs `effect` with a console that keeps what `log` prints. */
const captured = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const lines: Array<string> = []
    const console = yield* Effect.console
    const recording: Console.Console = {
      ...console,
      log: (...args) => Effect.sync(() => void lines.push(args.map(String).join(" ")))
    }
    yield* Effect.withConsole(effect, recording)
    return lines.join("\n")
  })

describe("demo", () => {
  it.live("runs every example against the embedded simulator and narrates it", () =>
    Effect.gen(function*() {
      const report = yield* captured(Narrator.run(examples))
      expect(report).toMatch(/^ams-effect demo against the embedded simulator at http:\/\/127\.0\.0\.1:\d+\/demo/)
      expect(report).toContain("✓ logged in as api.coach (user 20100)")
      expect(report).toContain("✓ listGroups → 4 groups: Mens Squad, Womens Squad, Academy, All Athletes")
      expect(report).toMatch(/✓ groupMembers\("Mens Squad"\) → 12 users/)
      expect(report).toMatch(/✓ searchUsers\(\{ username: "[^"]+" \}\) → \w+ \w+ \(id 20001/)
      expect(report).toContain("✓ currentGroup → AccessDenied handled by tag (HTTP 403)")
      expect(report).toMatch(/✓ run 1 from 0: 336 events in 3 part\(s\); cursor \d+/)
      expect(report).toMatch(/\(a coach adds event \d+ and deletes event \d+\)/)
      expect(report).toMatch(/✓ run 2 from \d+: 1 new or changed, 1 deleted; cursor \d+/)
      expect(report).toContain("V1ImportFailed handled: 200 imported, 100 not (records 100, 101, 102, …)")
      expect(report).toContain("user 99999999 does not exist or is not visible to this account")
      expect(report).toContain(
        "✓ re-sent 99 record(s) of the failed chunk without record 150: 99 more event(s) now have ids"
      )
      expect(report).toContain(
        "✓ createPerson(\"Liam.Walker\") → V2RpcException handled by tag: DuplicateUsernameException"
      )
      expect(report).toContain("✓ groupAthletes(9999) → V3ItemNotFound handled by tag: Could not find group 9999.")
      expect(report).toContain("V3ImportInvalid handled by tag")
      expect(report).toContain("(did you mean \"Sleep Quality\"?)")
      expect(report).toMatch(/✓ fixed and imported: event \d+/)
      expect(report).toMatch(/✓ workOrders\(q\) → 5 rows, newest \{"WORK_ORDER_ID":\d+/)
      expect(report).toContain("✓ putDayCard(3 rows, one of 0 h) → AgileOperationFailed handled by tag (HTTP 400)")
      expect(report).toContain("✓ putDayCard(the 2 valid rows) → written")
      expect(report).toContain("✓ deleteWorkOrder twice → AgileNotFound handled by tag")
      expect(report).toContain("✓ 45 rows: 42 imported, 3 rejected (every row accounted for: true)")
      expect(report).toContain("line 21: unknown athlete \"Nobody.Here\"")
      expect(report).toContain("✓ v1 importEvents → V1ImportFailed: 2 imported, records 2, 3 refused")
      expect(report).toContain("✓ v2 updatePerson → PersonNotFound: 20102 is not visible to this account")
      expect(report).toContain("✓ v3 form(\"event\", 4242) → V3ItemNotFound: Could not find form 4242.")
      expect(report).toContain("✓ v3 formSummaries while the server answers 503 → ServerError 503 after 5 attempt(s)")
      expect(report).toContain("INFO  AMS refused the session on v1/listgroups (HTTP 401); logging in again")
      expect(report).toContain("DEBUG AMS v1/currentgroup attempt 1 failed (HTTP 429); retrying")
      expect(report).toMatch(/SquadReport\.averageFatigue \d+ ms \{"squad\.group":"Womens Squad"\}/)
      expect(report).toMatch(/ams\.v1\.eventsearch \d+ ms \{"ams\.endpoint":"v1\/eventsearch"/)
      expect(report).toContain(`Done: ${examples.length} example(s) ran.`)
    }).pipe(
      // No AMS_URL: the examples pick the embedded simulator, whatever this machine's environment says.
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map())),
      Effect.provide(Logger.remove(Logger.defaultLogger))
    ))
})

describe("README first programs", () => {
  const root = path.join(import.meta.dirname, "..", "..")
  const cases: ReadonlyArray<[string, string]> = [
    ["README.md", "RootReadme.ts"],
    ["packages/core/README.md", "CoreReadme.ts"],
    ["packages/v1/README.md", "V1Readme.ts"],
    ["packages/v2/README.md", "V2Readme.ts"],
    ["packages/v3/README.md", "V3Readme.ts"],
    ["packages/agileassets/README.md", "AgileReadme.ts"]
  ]
  for (const [readme, file] of cases) {
    it(`${readme} shows examples/src/readme/${file} verbatim (which the typecheck compiles)`, () => {
      const text = fs.readFileSync(path.join(root, readme), "utf8")
      const program = fs.readFileSync(path.join(root, "examples", "src", "readme", file), "utf8")
      const code = program.slice(program.indexOf("*/\n") + 3)
      expect(code.length).toBeGreaterThan(100)
      expect(text).toContain("## A first program\n\n```ts\n" + code + "```")
    })
  }
})
