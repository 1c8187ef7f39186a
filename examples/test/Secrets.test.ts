import { DemoData } from "@ams-effect/simulator"
import { describe, expect, it } from "@effect/vitest"
import type { Console } from "effect"
import { ConfigProvider, Effect, FiberRef, HashSet, Logger, LogLevel, Option, Tracer } from "effect"
import { Target } from "../src/Connection.js"
import { type Example, examples } from "../src/examples.js"
import * as Narrator from "../src/Narrator.js"

/**
 * Every example — between them they log in, re-login, retry, import, upload, fail in every convention — run with
 * everything recorded: console output, every log line at every level, every span attribute, the simulator's
 * request log. None of it may hold the password or any token the simulator handed out.
 */
describe("Secrets across every example", () => {
  it.live(
    "the password and the session and upload tokens appear in no output, log line, span or request log",
    () =>
      Effect.gen(function*() {
        const output: Array<string> = []
        const console = yield* Effect.console
        const record = (...args: ReadonlyArray<unknown>) =>
          Effect.sync(() => void output.push(args.map(String).join(" ")))
        const recordingConsole: Console.Console = { ...console, log: record, error: record, warn: record, info: record }
        const logger = Logger.make(({ annotations, cause, message }) => {
          output.push(`${JSON.stringify(message)} ${JSON.stringify([...annotations])} ${String(cause)}`)
        })
        const attributes: Array<string> = []
        const tracer = Tracer.make({
          span: (name, parent, context, links, startTime, kind) => ({
            _tag: "Span",
            name,
            spanId: `${attributes.length}`,
            traceId: "t",
            parent,
            context,
            status: { _tag: "Started", startTime },
            attributes: new Map(),
            links: [...links],
            sampled: true,
            kind,
            end: () => {},
            attribute: (key, value) => void attributes.push(`${name} ${key}=${String(value)}`),
            event: () => {},
            addLinks: () => {}
          }),
          context: (f) => f()
        })
        const secrets: Array<string> = []
        const collect: Example = {
          name: "collect-secrets",
          title: "(test) the simulator's issued secrets and request log",
          program: Effect.gen(function*() {
            const target = yield* Target
            if (Option.isNone(target.simulator)) return
            secrets.push(...(yield* target.simulator.value.issuedSecrets))
            output.push(JSON.stringify(yield* target.simulator.value.requests))
          })
        }
        yield* Narrator.run([...examples, collect]).pipe(
          Effect.withConsole(recordingConsole),
          Effect.locally(FiberRef.currentLoggers, HashSet.make(logger)),
          Logger.withMinimumLogLevel(LogLevel.All),
          Effect.withTracer(tracer),
          Effect.withConfigProvider(ConfigProvider.fromMap(new Map()))
        )
        expect(secrets.length).toBeGreaterThan(5)
        expect(attributes.length).toBeGreaterThan(50)
        expect(attributes.some((a) => a.includes("session-header=<redacted>"))).toBe(true)
        const haystack = [...output, ...attributes].join("\n")
        expect(haystack).toContain("Logged in to AMS")
        for (const secret of [DemoData.coach.password, ...secrets]) expect(haystack).not.toContain(secret)
      }),
    60_000
  )
})
