/**
 * Runs examples: every example in order against one target, as a narrated report.
 */
import { Console, Effect } from "effect"
import * as Connection from "./Connection.js"
import type { Example } from "./examples.js"

/** Runs the given examples, numbered, after a line saying where they run. */
export const run = (examples: ReadonlyArray<Example>) =>
  Effect.gen(function*() {
    const target = yield* Connection.Target
    yield* Console.log(`ams-effect demo against ${target.description}\n`)
    for (const [index, example] of examples.entries()) {
      yield* Console.log(`${index + 1}. ${example.title}`)
      yield* example.program
      yield* Console.log("")
    }
    yield* Console.log(`Done: ${examples.length} example(s) ran.`)
  }).pipe(Effect.provide(Connection.layer))
