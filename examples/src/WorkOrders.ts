/**
 * AgileAssets work orders and day cards: query with a typed `q` (projection, RPN filter, sort, 1-based page),
 * create, change, record labor on a day card, and see the product's own error convention — a non-JSON 4xx before
 * execution (`AgileRejected`), a JSON `{status, message}` after a rolled-back execution (`AgileOperationFailed`),
 * `AgileNotFound` for a missing record — each handled by its tag. Runs against AGILE_URL when set, otherwise
 * against the embedded simulator (it is skipped against a real Smartabase site without AGILE_URL).
 */
import { AgileClient, AgileConfig, Q } from "@ams-effect/agileassets"
import { UndiciHttpClient } from "@ams-effect/core"
import { Config, Console, Effect, Layer, Option } from "effect"
import { Target } from "./Connection.js"

export const title = "AgileAssets work orders: a typed q, a day card rolled back, errors by tag"

const agile = Effect.gen(function*() {
  const client = yield* AgileClient.AgileClient
  const open = yield* client.workOrders({
    projection: ["WORK_ORDER_ID", "STATUS", "START_DATE", "DESCRIPTION"],
    filter: Q.and(Q.isIn("STATUS", [1, 2]), Q.gte("START_DATE", "20130301")),
    sort: [["START_DATE", "DESC"]],
    page: { size: 5, number: 1 }
  })
  yield* Console.log(`✓ workOrders(q) → ${open.length} rows, newest ${JSON.stringify(open[0])}`)

  const [id] = yield* client.createWorkOrders([{
    STATUS: 1,
    START_DATE: "20250301",
    DESCRIPTION: "Replace guard rail",
    ASSET_TYPE_ID: 6
  }])
  yield* client.updateWorkOrder(id!, { STATUS: 2 })
  yield* Console.log(`✓ createWorkOrders → id ${id}; updateWorkOrder → STATUS 2`)

  // Three labor rows, one with zero hours: the server refuses the call and writes none of them.
  const day = new Date(2025, 2, 3)
  const rows = [
    { LABOR_ID: 2412555, DATE_WORK: day, TRC_ID: 1, TOTAL_HOURS: 4 },
    { LABOR_ID: 2412556, DATE_WORK: day, TRC_ID: 1, TOTAL_HOURS: 0 },
    { LABOR_ID: 2412557, DATE_WORK: day, TRC_ID: 1, TOTAL_HOURS: 2.5 }
  ]
  const refused = yield* client.putDayCard(id!, rows).pipe(
    Effect.as("written"),
    Effect.catchTags({
      AgileOperationFailed: (error) =>
        Effect.succeed(`AgileOperationFailed handled by tag (HTTP ${error.status}): ${error.serverMessage}`),
      AgileRejected: (error) => Effect.succeed(`AgileRejected handled by tag (HTTP ${error.status})`)
    })
  )
  yield* Console.log(`✓ putDayCard(3 rows, one of 0 h) → ${refused}`)
  yield* client.putDayCard(id!, rows.filter((row) => row.TOTAL_HOURS > 0))
  yield* Console.log(`✓ putDayCard(the 2 valid rows) → written`)

  yield* client.deleteWorkOrder(id!)
  const again = yield* client.deleteWorkOrder(id!).pipe(
    Effect.as("deleted"),
    Effect.catchTag("AgileNotFound", (error) => Effect.succeed(`AgileNotFound handled by tag: ${error.serverMessage}`))
  )
  yield* Console.log(`✓ deleteWorkOrder twice → ${again}`)

  const unknown = yield* client.query("lookup/NO_SUCH_TABLE").pipe(
    Effect.as("rows"),
    Effect.catchTag("AgileNotFound", (error) => Effect.succeed(`AgileNotFound handled by tag: ${error.serverMessage}`))
  )
  yield* Console.log(`✓ query("lookup/NO_SUCH_TABLE") → ${unknown}`)
})

export const program = Effect.gen(function*() {
  const target = yield* Target
  const url = yield* Config.option(Config.string("AGILE_URL"))
  if (Option.isNone(url) && Option.isNone(target.simulator)) {
    return yield* Console.log("  skipped: set AGILE_URL (and AGILE_USERNAME/AGILE_PASSWORD or AGILE_TOKEN)")
  }
  const config = Option.match(target.simulator, {
    onNone: () => AgileConfig.layerConfig(),
    onSome: (simulator) =>
      Option.isSome(url) ? AgileConfig.layerConfig() : AgileConfig.layer({ url: simulator.agileUrl })
  })
  yield* agile.pipe(
    Effect.provide(AgileClient.layer.pipe(Layer.provide(config), Layer.provide(UndiciHttpClient.layer)))
  )
})
