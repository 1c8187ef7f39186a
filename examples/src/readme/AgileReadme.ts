/**
 * The "first program" of packages/agileassets/README.md, kept here so that the typecheck compiles it; a test checks
 * that the README shows this code verbatim. It runs against the site in AGILE_URL.
 */
import { AgileClient, AgileConfig, Q } from "@ams-effect/agileassets"
import { UndiciHttpClient } from "@ams-effect/core"
import { NodeRuntime } from "@effect/platform-node"
import { Console, Effect, Layer } from "effect"

const program = Effect.gen(function*() {
  const agile = yield* AgileClient.AgileClient
  const open = yield* agile.workOrders({
    projection: ["WORK_ORDER_ID", "STATUS", "START_DATE"],
    filter: Q.or(Q.eq("WORK_ORDER_ID", 1622), Q.eq("WORK_ORDER_ID", 1621)),
    sort: [["START_DATE", "DESC"]],
    page: { size: 20, number: 1 }
  })
  yield* Console.log(open)
  yield* agile.putDayCard(1643, [
    { LABOR_ID: 2412555, DATE_WORK: new Date(2013, 2, 14), TRC_ID: 1, TOTAL_HOURS: 0 }
  ]).pipe(
    Effect.catchTag("AgileOperationFailed", (error) => Console.log(error.message)) // rolled back: zero hours
  )
})

const Live = AgileClient.layer.pipe(
  Layer.provide(AgileConfig.layerConfig()), // AGILE_URL, and AGILE_TOKEN or AGILE_USERNAME/AGILE_PASSWORD
  Layer.provide(UndiciHttpClient.layer)
)

NodeRuntime.runMain(program.pipe(Effect.provide(Live)))
