/**
 * The AgileAssets instance's tables and the "business logic" its writes go through (spec §3, §5, §8). Every write
 * runs in a transaction on a copy of the tables that is committed only when the whole call succeeds, so a failing
 * call (one bad row of three, an approved work order among those to delete) leaves nothing behind. Errors raised
 * here are the JSON `{status, message}` answers; the store also keeps them as the server's `api.log`.
 *
 * @since 0.1.0
 * @internal
 */
import * as Either from "effect/Either"
import * as AgileData from "../AgileData.js"
import type * as Simulator from "../Simulator.js"
import { agileError } from "./agileErrors.js"
import type { Reply } from "./http.js"
import { isRecord } from "./http.js"
import { RecentLog } from "./recentLog.js"

/** How the agile routes authenticate (the public `Simulator.AgileAuth`). @internal */
export type AgileAuth = Simulator.AgileAuth

/** A table while the simulator runs. @internal */
export interface TableState {
  readonly name: string
  readonly columns: Readonly<Record<string, AgileData.ColumnType>>
  readonly key: ReadonlyArray<string>
  rows: Array<AgileData.AgileRow>
}

/** The tables a transaction works on (a copy of the store's). @internal */
export type Tables = ReadonlyMap<string, TableState>

/** A JSON error the server wrote to its `api.log`. @internal */
export interface ApiLogEntry {
  readonly at: number
  readonly method: string
  readonly path: string
  readonly status: number
  readonly message: string
}

/** @internal */
export interface AgileOptions {
  readonly instance: string
  readonly auth: AgileAuth
  readonly tables: AgileData.AgileTables
}

/** The rule behind the vendor's example: approved work orders cannot be deleted. */
const beforeDelete = (table: TableState, row: AgileData.AgileRow): string | undefined =>
  table.name === "WORK_ORDERS" && row.STATUS === AgileData.approvedStatus ?
    `Work order ${row.WORK_ORDER_ID} is approved (STATUS ${AgileData.approvedStatus}) and cannot be deleted` :
    undefined

/** Rows of other tables that go with a deleted row: a work order's day cards. */
const cascades: ReadonlyArray<{ readonly from: string; readonly to: string; readonly column: string }> = [
  { from: "WORK_ORDERS", to: "WORK_ORDERS_LABOR_DC", column: "WORK_ORDER_ID" }
]

/** @internal */
export class AgileStore {
  readonly instance: string
  readonly auth: AgileAuth
  tables: Map<string, TableState>
  /** The JSON errors answered, the latest `logLimit` of them. */
  readonly apiLog: RecentLog<ApiLogEntry>

  constructor(options: AgileOptions, logLimit: number) {
    this.apiLog = new RecentLog(logLimit)
    this.instance = options.instance
    this.auth = options.auth
    this.tables = new Map(
      Object.entries(options.tables).map(([name, t]) => [
        name.toUpperCase(),
        { name: name.toUpperCase(), columns: t.columns, key: t.key, rows: t.rows.map((row) => fullRow(t.columns, row)) }
      ])
    )
  }

  /** A table by name, without regard to case. */
  table(name: string): TableState | undefined {
    return this.tables.get(name.toUpperCase())
  }

  /** Copies of a table's rows (empty for an unknown table). */
  snapshot(name: string): ReadonlyArray<AgileData.AgileRow> {
    return (this.table(name)?.rows ?? []).map((row) => ({ ...row }))
  }

  /** Runs `work` on a copy of the tables and commits the copy only when it succeeds: each call is atomic. */
  transaction<A>(work: (tables: Tables) => Either.Either<A, Reply>): Either.Either<A, Reply> {
    const copy = new Map(Array.from(this.tables, ([name, t]) => [name, { ...t, rows: [...t.rows] }]))
    const result = work(copy)
    if (Either.isRight(result)) this.tables = copy
    return result
  }
}

/** Every column of the table, in column order, missing ones null. @internal */
export const fullRow = (
  columns: Readonly<Record<string, AgileData.ColumnType>>,
  row: Readonly<Record<string, unknown>>
): AgileData.AgileRow => {
  const out: Record<string, AgileData.AgileValue> = {}
  for (const name of Object.keys(columns)) {
    const value = row[name]
    out[name] = typeof value === "string" || typeof value === "number" ? value : null
  }
  return out
}

/** The table a transaction works on; a 404 JSON error when the instance has no such table. @internal */
export const tableIn = (tables: Tables, name: string): Either.Either<TableState, Reply> => {
  const table = tables.get(name.toUpperCase())
  return table === undefined ? Either.left(agileError(404, `There is no table ${name}`)) : Either.right(table)
}

const formats: Partial<Record<AgileData.ColumnType, RegExp>> = { date: /^\d{8}$/, timestamp: /^\d{14}$/ }

const checkValue = (
  table: TableState,
  column: string,
  value: unknown,
  where: string
): Either.Either<AgileData.AgileValue, Reply> => {
  const type = table.columns[column]
  const bad = (expected: string) =>
    Either.left(
      agileError(400, `${where}: column ${column} of ${table.name} expects ${expected}, not ${JSON.stringify(value)}`)
    )
  if (type === undefined) return Either.left(agileError(400, `${where}: ${table.name} has no column ${column}`))
  if (value === null) {
    return table.key.includes(column) ?
      Either.left(agileError(400, `${where}: key column ${column} cannot be null`)) :
      Either.right(null)
  }
  if (type === "number") {
    return typeof value === "number" && Number.isFinite(value)
      ? Either.right(value)
      : bad("a number")
  }
  if (typeof value !== "string") return bad("a text value")
  const format = formats[type]
  if (format !== undefined && !format.test(value)) {
    return bad(type === "date" ? "a date yyyyMMdd" : "a timestamp yyyyMMddHHmmss")
  }
  return Either.right(value)
}

/**
 * Checks the columns a write sends (unknown columns, types, null keys) and returns them with their canonical
 * names. Columns match without regard to case.
 *
 * @internal
 */
export const checkColumns = (
  table: TableState,
  row: Readonly<Record<string, unknown>>,
  where: string
): Either.Either<Record<string, AgileData.AgileValue>, Reply> =>
  Either.gen(function*() {
    const out: Record<string, AgileData.AgileValue> = {}
    for (const [name, value] of Object.entries(row)) {
      const canonical = Object.keys(table.columns).find((c) => c.toUpperCase() === name.toUpperCase()) ?? name
      out[canonical] = yield* checkValue(table, canonical, value, where)
    }
    return out
  })

/** Identity of a row by its key columns. @internal */
export const keyOf = (table: TableState, row: AgileData.AgileRow): string =>
  JSON.stringify(table.key.map((k) => row[k] ?? null))

/** The next id of a one-column number key: the largest + 1. @internal */
export const nextId = (table: TableState): number =>
  table.rows.reduce((max, row) => {
    const id = row[table.key[0] ?? ""]
    return typeof id === "number" && id > max ? id : max
  }, 0) + 1

/** The row whose one-column key is `id`. @internal */
export const findById = (table: TableState, id: number | string): AgileData.AgileRow | undefined => {
  const keyColumn = table.key[0] ?? ""
  return table.rows.find((row) => row[keyColumn] === id)
}

/**
 * Deletes rows (and the rows that cascade from them), after the business rules: one rejected row rejects the call.
 *
 * @internal
 */
export const deleteRows = (
  tables: Tables,
  table: TableState,
  doomed: ReadonlyArray<AgileData.AgileRow>
): Either.Either<void, Reply> => {
  for (const row of doomed) {
    const reason = beforeDelete(table, row)
    if (reason !== undefined) return Either.left(agileError(400, reason))
  }
  const keys = new Set(doomed.map((row) => keyOf(table, row)))
  table.rows = table.rows.filter((row) => !keys.has(keyOf(table, row)))
  for (const cascade of cascades) {
    const child = tables.get(cascade.to)
    if (cascade.from !== table.name || child === undefined) continue
    const parents = new Set(doomed.map((row) => row[cascade.column]))
    child.rows = child.rows.filter((row) => !parents.has(row[cascade.column] ?? null))
  }
  return Either.right(undefined)
}

/** The rows of a write body `{"<TABLE>": [rows]}`; `undefined` when the body does not have that shape. @internal */
export const bodyRows = (
  body: unknown,
  tableName: string
): ReadonlyArray<Readonly<Record<string, unknown>>> | undefined => {
  if (!isRecord(body)) return undefined
  const keys = Object.keys(body)
  if (keys.length !== 1 || keys[0]?.toUpperCase() !== tableName.toUpperCase()) return undefined
  const rows = body[keys[0]]
  if (!Array.isArray(rows) || !rows.every(isRecord)) return undefined
  return rows
}
