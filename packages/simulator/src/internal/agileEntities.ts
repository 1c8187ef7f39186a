/**
 * The table-keyed entities of the AgileAssets REST API v1 (spec §3): one collection path answering
 * `{"<TABLE>": [rows]}` (with `q`), one record path answering a flat row, POST of `{"<TABLE>": [rows]}` answering
 * the new ids, PUT of `{"<TABLE>": [{columns to change}]}` and DELETE (by id, or of a collection with a body
 * `{"filter": <RPN>}`) answering 204. `workOrder`, `user`, `repairOrder`, `authority` and `lookup/{table}` are all
 * this one shape; the docs show it for work orders and assets only, the rest is the simulator's choice.
 *
 * @since 0.1.0
 * @internal
 */
import * as Either from "effect/Either"
import type * as AgileData from "../AgileData.js"
import { agileError, agileJson, noContent, prePage } from "./agileErrors.js"
import { parseFilter, parseQ, project, run } from "./agileQuery.js"
import type { AgileStore, Tables, TableState } from "./agileTables.js"
import { bodyRows, checkColumns, deleteRows, findById, fullRow, keyOf, nextId, tableIn } from "./agileTables.js"
import type { Reply } from "./http.js"
import { isRecord } from "./http.js"

/** What an agile handler gets, once authentication and the pre-execution checks passed. @internal */
export interface AgileCall {
  readonly store: AgileStore
  readonly method: string
  /** Path parameters as sent (URL-decoded), by the names of the route pattern. */
  readonly params: Readonly<Record<string, string>>
  readonly query: Readonly<Record<string, string>>
  /** The parsed JSON body; `undefined` when the request had none. */
  readonly body: { readonly value: unknown } | undefined
}

/** @internal */
export type AgileHandler = (call: AgileCall) => Reply

/** Which table a call works on (fixed, or from the path as for `lookup/{table}`). @internal */
export type TableResolver = (tables: Tables, call: AgileCall) => Either.Either<TableState, Reply>

/** A fixed table. @internal */
export const fixed = (name: string): TableResolver => (tables) => tableIn(tables, name)

/**
 * `lookup/{table}`: any table whose name starts with `LOOKUP_`, named in full or without the prefix, in any case.
 *
 * @internal
 */
export const lookupTable: TableResolver = (tables, call) => {
  const raw = (call.params.table ?? "").toUpperCase()
  const name = raw.startsWith("LOOKUP_") ? raw : `LOOKUP_${raw}`
  const table = tables.get(name)
  return table === undefined ?
    Either.left(agileError(404, `There is no lookup table ${call.params.table ?? ""}`)) :
    Either.right(table)
}

/** The `q` of a call, checked against the table; 400 JSON naming the problem. @internal */
export const queryOf = (table: TableState, call: AgileCall) =>
  Either.mapLeft(parseQ(table.columns, call.query.q), (message) => agileError(400, `Invalid q: ${message}`))

/**
 * The record id of the path. A number key takes digits only; anything else fails to bind before the API code runs,
 * so it is the non-JSON 404 page (as JAX-RS answers a path parameter it cannot convert).
 *
 * @internal
 */
export const idOf = (table: TableState, raw: string | undefined): Either.Either<number | string, Reply> => {
  const text = raw ?? ""
  if (table.columns[table.key[0] ?? ""] !== "number") return Either.right(text)
  return /^-?\d+$/.test(text) ? Either.right(Number(text)) : Either.left(prePage(404, `Not a record id: ${text}`))
}

const describe = (table: TableState, id: number | string): string =>
  `${table.name} has no row with ${table.key[0] ?? "id"} ${id}`

const requireBody = (call: AgileCall, table: TableState): Either.Either<unknown, Reply> =>
  call.body === undefined || call.body.value === null ?
    Either.left(prePage(400, `A JSON body {"${table.name}": [rows]} is required`)) :
    Either.right(call.body.value)

const rowsOf = (call: AgileCall, table: TableState) =>
  Either.flatMap(requireBody(call, table), (body) => {
    const rows = bodyRows(body, table.name)
    return rows === undefined ?
      Either.left(prePage(400, `The body must be a JSON object {"${table.name}": [rows]}`)) :
      Either.right(rows)
  })

/** GET collection: `{"<TABLE>": [rows]}` after `q`. @internal */
export const list = (resolve: TableResolver): AgileHandler => (call) =>
  Either.merge(Either.gen(function*() {
    const table = yield* resolve(call.store.tables, call)
    const query = yield* queryOf(table, call)
    return agileJson({ [table.name]: run(table.columns, table.rows, query) })
  }))

/** GET record: the flat row (a `q` projection applies); 404 JSON when there is none. @internal */
export const get = (resolve: TableResolver): AgileHandler => (call) =>
  Either.merge(Either.gen(function*() {
    const table = yield* resolve(call.store.tables, call)
    const id = yield* idOf(table, call.params.id)
    const query = yield* queryOf(table, call)
    const row = findById(table, id)
    if (row === undefined) return agileError(404, describe(table, id))
    return agileJson(project(row, query.projection))
  }))

/**
 * POST: inserts every row and answers the JSON array of their ids. A row may carry its key (it must be new);
 * otherwise a number key is assigned (largest + 1). All or nothing.
 *
 * @internal
 */
export const create = (resolve: TableResolver): AgileHandler => (call) =>
  Either.merge(call.store.transaction((tables) =>
    Either.gen(function*() {
      const table = yield* resolve(tables, call)
      const rows = yield* rowsOf(call, table)
      const keyColumn = table.key[0] ?? ""
      const ids: Array<AgileData.AgileValue> = []
      for (const [index, raw] of rows.entries()) {
        const where = `Row ${index + 1}`
        const columns = yield* checkColumns(table, raw, where)
        let id = columns[keyColumn]
        if (id === undefined || id === null) {
          if (table.columns[keyColumn] !== "number") {
            return yield* Either.left(agileError(400, `${where}: key column ${keyColumn} is required`))
          }
          id = nextId(table)
        } else if (findById(table, id) !== undefined) {
          return yield* Either.left(agileError(400, `${where}: ${table.name} already has ${keyColumn} ${id}`))
        }
        table.rows.push(fullRow(table.columns, { ...columns, [keyColumn]: id }))
        ids.push(id)
      }
      return agileJson(ids)
    })
  ))

/** PUT record: changes the columns of the one row sent; 204. Unknown id → 404 JSON. @internal */
export const update = (resolve: TableResolver): AgileHandler => (call) =>
  Either.merge(call.store.transaction((tables) =>
    Either.gen(function*() {
      const table = yield* resolve(tables, call)
      const id = yield* idOf(table, call.params.id)
      const rows = yield* rowsOf(call, table)
      const existing = findById(table, id)
      if (existing === undefined) return yield* Either.left(agileError(404, describe(table, id)))
      const [change] = rows
      if (change === undefined || rows.length !== 1) {
        return yield* Either.left(
          agileError(400, `PUT of one ${table.name} row takes exactly one row, not ${rows.length}`)
        )
      }
      const columns = yield* checkColumns(table, change, "Row 1")
      const updated = { ...existing, ...columns }
      if (keyOf(table, updated) !== keyOf(table, existing)) {
        return yield* Either.left(agileError(400, `The key of ${table.name} ${id} cannot be changed`))
      }
      table.rows = table.rows.map((row) => (row === existing ? updated : row))
      return noContent
    })
  ))

/** DELETE record: 204, or 404 JSON when there is no such row; the business rules may refuse (400 JSON). @internal */
export const remove = (resolve: TableResolver): AgileHandler => (call) =>
  Either.merge(call.store.transaction((tables) =>
    Either.gen(function*() {
      const table = yield* resolve(tables, call)
      const id = yield* idOf(table, call.params.id)
      const row = findById(table, id)
      if (row === undefined) return yield* Either.left(agileError(404, describe(table, id)))
      yield* deleteRows(tables, table, [row])
      return noContent
    })
  ))

/**
 * DELETE collection with a body `{"filter": <RPN>}`: deletes every matching row (204), none matching → 404 JSON,
 * a refused row → 400 JSON and nothing deleted. A missing, empty or invalid filter is 400 JSON.
 *
 * @internal
 */
export const removeWhere = (resolve: TableResolver): AgileHandler => (call) =>
  Either.merge(call.store.transaction((tables) =>
    Either.gen(function*() {
      const table = yield* resolve(tables, call)
      const body = call.body?.value
      if (!isRecord(body) || body.filter === undefined || Object.keys(body).length !== 1) {
        return yield* Either.left(agileError(400, `DELETE of ${table.name} rows takes a body {"filter": [RPN]}`))
      }
      const predicate = yield* Either.mapLeft(
        parseFilter(table.columns, body.filter),
        (message) => agileError(400, `Invalid filter: ${message}`)
      )
      if (predicate === undefined) {
        return yield* Either.left(agileError(400, "Invalid filter: it is empty (it would delete every row)"))
      }
      const doomed = table.rows.filter(predicate)
      if (doomed.length === 0) return yield* Either.left(agileError(404, `No ${table.name} row matches the filter`))
      yield* deleteRows(tables, table, doomed)
      return noContent
    })
  ))
