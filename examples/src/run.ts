/**
 * `pnpm example <name>`: runs one example (`pnpm example` lists them).
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Console, Effect } from "effect"
import { examples } from "./examples.js"
import * as Narrator from "./Narrator.js"

const name = process.argv[2]
const chosen = examples.filter((example) => example.name === name)

NodeRuntime.runMain(
  chosen.length === 0
    ? Effect.zipRight(
      Console.error(`Usage: pnpm example <name>. Examples: ${examples.map((example) => example.name).join(", ")}`),
      Effect.sync(() => process.exit(name === undefined ? 0 : 2))
    )
    : Narrator.run(chosen)
)
