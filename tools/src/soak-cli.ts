/**
 * `pnpm soak [--operations 20000] [--concurrency 16] [--seed 1] [--expire-every 30] [--client node]`: runs the soak
 * against an embedded simulator with faults on and prints its figures, on `UndiciHttpClient.layer` (what the
 * examples use); `--client node` runs it on `NodeHttpClient.layerUndici` instead. Exits non-zero if an event or a
 * work order was lost or duplicated, or a defect occurred.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Console, Effect } from "effect"
import * as Soak from "./Soak.js"

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`)
  const value = index < 0 ? undefined : Number(process.argv[index + 1])
  return value === undefined || !Number.isFinite(value) ? fallback : value
}

const clients = { undici: "UndiciHttpClient.layer", node: "NodeHttpClient.layerUndici" } as const
const clientArgument = process.argv[process.argv.indexOf("--client") + 1]
const client = process.argv.includes("--client") ? clientArgument : "undici"
if (client !== "undici" && client !== "node") {
  console.error(`--client must be undici or node, not ${client ?? "nothing"}`)
  process.exit(2)
}

const options: Soak.Options = {
  operations: argument("operations", 20_000),
  concurrency: argument("concurrency", 16),
  seed: argument("seed", 1),
  expireSessionsEvery: `${argument("expire-every", 30)} seconds`,
  faults: true,
  httpClient: clients[client]
}

NodeRuntime.runMain(Effect.gen(function*() {
  yield* Console.log(
    `soak: ${options.operations} operations at concurrency ${options.concurrency}, seed ${options.seed}, faults on, ` +
      `sessions expired every ${options.expireSessionsEvery}, on ${options.httpClient} (Node ${process.version})`
  )
  const figures = yield* Soak.run(options)
  const rows: ReadonlyArray<readonly [string, unknown]> = [
    ["operations", figures.operations],
    ["by kind", JSON.stringify(figures.byKind)],
    ["HTTP requests served", figures.requests],
    ["faults injected", JSON.stringify(figures.faultsInjected)],
    ["retries", figures.retries],
    ["logins (re-logins)", `${figures.logins} (${figures.logins - 1})`],
    ["session expiries (timer)", figures.sessionExpiries],
    ["typed failures by tag", JSON.stringify(figures.typedFailures)],
    ["unknown outcomes resolved", figures.unknownOutcomesResolved],
    ["events written", figures.eventsWritten],
    ["events lost", figures.eventsLost],
    ["events duplicated", figures.eventsDuplicated],
    ["events unaccounted", figures.eventsUnaccounted],
    ["work orders written", figures.workOrdersWritten],
    [
      "work orders lost / duplicated / unaccounted",
      `${figures.workOrdersLost} / ${figures.workOrdersDuplicated} / ${figures.workOrdersUnaccounted}`
    ],
    ["defects", figures.defects],
    [
      "wall time",
      `${(figures.wallMillis / 1000).toFixed(1)} s (${
        Math.round(figures.operations / (figures.wallMillis / 1000))
      } ops/s)`
    ]
  ]
  for (const [name, value] of rows) yield* Console.log(`${name.padEnd(44)} ${value}`)
  const broken = figures.eventsLost + figures.eventsDuplicated + figures.eventsUnaccounted + figures.workOrdersLost +
    figures.workOrdersDuplicated + figures.workOrdersUnaccounted + figures.defects
  if (broken > 0) {
    yield* Console.error("soak: FAILED — something was lost, duplicated, unaccounted for, or a defect occurred")
    process.exitCode = 1
  }
}))
