#!/usr/bin/env node
/**
 * Runs the simulator standalone with the demo data: `pnpm simulator [--port N]` (or env `PORT`).
 * Prints the URLs and demo credentials, then serves until Ctrl-C.
 *
 * @since 0.1.0
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Effect from "effect/Effect"
import * as DemoData from "./DemoData.js"
import * as Simulator from "./Simulator.js"

const portArgument = (): number => {
  const args = process.argv.slice(2)
  const index = args.indexOf("--port")
  const raw = index >= 0 ? args[index + 1] : args.find((a) => a.startsWith("--port="))?.slice(7) ?? process.env.PORT
  const port = raw === undefined || raw === "" ? 0 : Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid port: ${raw}`)
    process.exit(2)
  }
  return port
}

const program = Effect.gen(function*() {
  const sim = yield* Simulator.Simulator
  console.log(`AMS simulator listening on ${sim.url}`)
  console.log(`Site URL: ${sim.siteUrl}`)
  console.log(`Demo accounts (demo data only):`)
  console.log(`  ${DemoData.coach.username} / ${DemoData.coach.password}   (coach of every athlete group)`)
  console.log(`  ${DemoData.analyst.username} / ${DemoData.analyst.password}   (coach of "Academy")`)
  console.log(`Demo forms: ${DemoData.forms.map((f) => `${f.name} (${f.type})`).join(", ")}`)
  console.log(`AgileAssets REST API v1: ${sim.agileUrl} (no authentication; demo tables: AgileData.make())`)
  console.log(`Press Ctrl-C to stop.`)
  return yield* Effect.never
}).pipe(Effect.provide(Simulator.layer({ port: portArgument() })))

NodeRuntime.runMain(program)
