/**
 * The resource paths of the AgileAssets REST API v1 and their handlers: the asset types (`asset`, by id, by name
 * with spaces and slashes removed, and the parent), the work orders and their labor day cards, and the generic
 * table-keyed entities (`lookup/{table}`, `user`, `repairOrder`, `authority`). Paths are written in the docs'
 * camelCase; they match without regard to case, and the pattern is the route key after `agile/`.
 *
 * @since 0.1.0
 * @internal
 */
import * as Either from "effect/Either"
import type * as AgileData from "../AgileData.js"
import type { AgileCall, AgileHandler, TableResolver } from "./agileEntities.js"
import { create, fixed, get, idOf, list, lookupTable, queryOf, remove, removeWhere, update } from "./agileEntities.js"
import { agileError, agileJson, noContent, prePage } from "./agileErrors.js"
import { project, run } from "./agileQuery.js"
import type { TableState } from "./agileTables.js"
import { bodyRows, checkColumns, findById, fullRow, keyOf, tableIn } from "./agileTables.js"
import type { Reply } from "./http.js"

/** The methods an agile path serves. @internal */
export type AgileMethod = "GET" | "POST" | "PUT" | "DELETE"

/** A resource path (`workOrder/:id/DayCard`) and its handler per method. @internal */
export interface Endpoint {
  readonly path: string
  readonly methods: Readonly<Partial<Record<AgileMethod, AgileHandler>>>
}

const assetTable = "SETUP_ASSET_TYPE"
const workOrderTable = "WORK_ORDERS"
const laborTable = "WORK_ORDERS_LABOR_DC"
/** The key columns a day-card row must carry (`WORK_ORDER_ID` comes from the path). */
const laborKey = ["LABOR_ID", "DATE_WORK", "TRC_ID"]

/** How names go in the URL (§3): spaces and slashes removed, any case. */
const urlName = (name: string): string => name.replace(/[\s/]/g, "").toLowerCase()

/** The asset type named by the path: digits are an `ASSET_TYPE_ID`, anything else a name. */
const findAsset = (table: TableState, raw: string): Either.Either<AgileData.AgileRow, Reply> => {
  const row = /^\d+$/.test(raw) ?
    findById(table, Number(raw)) :
    table.rows.find((r) => typeof r.ASSET_TYPE_NAME === "string" && urlName(r.ASSET_TYPE_NAME) === urlName(raw))
  return row === undefined ? Either.left(agileError(404, `There is no asset type ${raw}`)) : Either.right(row)
}

const assetByIdOrName: AgileHandler = (call) =>
  Either.merge(Either.gen(function*() {
    const table = yield* tableIn(call.store.tables, assetTable)
    const query = yield* queryOf(table, call)
    const row = yield* findAsset(table, call.params.id ?? "")
    return agileJson(project(row, query.projection))
  }))

const assetParent: AgileHandler = (call) =>
  Either.merge(Either.gen(function*() {
    const table = yield* tableIn(call.store.tables, assetTable)
    const query = yield* queryOf(table, call)
    const row = yield* findAsset(table, call.params.id ?? "")
    const parentId = row.PARENT_ID
    const parent = parentId === null || parentId === undefined ? undefined : findById(table, parentId)
    if (parent === undefined) {
      return agileError(404, `Asset type ${row.ASSET_TYPE_NAME ?? call.params.id ?? ""} has no parent`)
    }
    return agileJson(project(parent, query.projection))
  }))

const field = (row: Readonly<Record<string, unknown>>, name: string): unknown =>
  Object.entries(row).find(([key]) => key.toUpperCase() === name)?.[1]

const workOrderOf = (tables: ReadonlyMap<string, TableState>, call: AgileCall) =>
  Either.gen(function*() {
    const workOrders = yield* tableIn(tables, workOrderTable)
    const id = yield* idOf(workOrders, call.params.id)
    const row = findById(workOrders, id)
    if (row === undefined) return yield* Either.left(agileError(404, `Work order ${id} does not exist`))
    return id
  })

/** GET a work order's labor day cards: `{"WORK_ORDERS_LABOR_DC": [rows]}` (with `q`). */
const dayCards: AgileHandler = (call) =>
  Either.merge(Either.gen(function*() {
    const id = yield* workOrderOf(call.store.tables, call)
    const labor = yield* tableIn(call.store.tables, laborTable)
    const query = yield* queryOf(labor, call)
    const rows = labor.rows.filter((row) => row.WORK_ORDER_ID === id)
    return agileJson({ [labor.name]: run(labor.columns, rows, query) })
  }))

/**
 * PUT a work order's labor day cards. Before the API code: the body must be `{"WORK_ORDERS_LABOR_DC": [rows]}` and
 * every row must carry `LABOR_ID`, `DATE_WORK` and `TRC_ID` (else the non-JSON 400 page). Then, all or nothing: the
 * work order must exist (404 JSON), `TOTAL_HOURS` must be a number above 0 (400 JSON "zero hours"), a row with an
 * existing key replaces that row, a new key is inserted. 204.
 */
const putDayCards: AgileHandler = (call) =>
  Either.merge(Either.gen(function*() {
    const rows = bodyRows(call.body?.value, laborTable)
    if (rows === undefined) {
      return yield* Either.left(prePage(400, `The body must be a JSON object {"${laborTable}": [rows]}`))
    }
    for (const [index, row] of rows.entries()) {
      const missing = laborKey.filter((k) => field(row, k) === undefined || field(row, k) === null)
      if (missing.length > 0) {
        return yield* Either.left(
          prePage(400, `Row ${index + 1} lacks the primary key column(s) ${missing.join(", ")}`)
        )
      }
    }
    return yield* call.store.transaction((tables) =>
      Either.gen(function*() {
        const id = yield* workOrderOf(tables, call)
        const labor = yield* tableIn(tables, laborTable)
        for (const [index, raw] of rows.entries()) {
          const where = `Row ${index + 1}`
          const hours = field(raw, "TOTAL_HOURS")
          if (typeof hours !== "number" || !(hours > 0)) {
            return yield* Either.left(
              agileError(400, `${where}: TOTAL_HOURS must be a number above 0: zero hours are not allowed`)
            )
          }
          const columns = yield* checkColumns(labor, raw, where)
          const pathId = columns.WORK_ORDER_ID
          if (pathId !== undefined && pathId !== id) {
            return yield* Either.left(agileError(400, `${where}: WORK_ORDER_ID ${pathId} is not work order ${id}`))
          }
          const row = fullRow(labor.columns, { ...columns, WORK_ORDER_ID: id })
          const key = keyOf(labor, row)
          const at = labor.rows.findIndex((r) => keyOf(labor, r) === key)
          if (at >= 0) labor.rows[at] = row
          else labor.rows.push(row)
        }
        return noContent
      })
    )
  }))

const entity = (path: string, resolve: TableResolver): ReadonlyArray<Endpoint> => [
  { path, methods: { GET: list(resolve), POST: create(resolve), DELETE: removeWhere(resolve) } },
  { path: `${path}/:id`, methods: { GET: get(resolve), PUT: update(resolve), DELETE: remove(resolve) } }
]

/** Every agile resource path. @internal */
export const endpoints: ReadonlyArray<Endpoint> = [
  { path: "asset", methods: { GET: list(fixed(assetTable)) } },
  { path: "asset/:id", methods: { GET: assetByIdOrName } },
  { path: "asset/:id/parent", methods: { GET: assetParent } },
  ...entity("workOrder", fixed(workOrderTable)),
  { path: "workOrder/:id/DayCard", methods: { GET: dayCards, PUT: putDayCards } },
  ...entity("lookup/:table", lookupTable),
  ...entity("user", fixed("USERS")),
  ...entity("repairOrder", fixed("REPAIR_ORDERS")),
  ...entity("authority", fixed("AUTHORITY"))
]
