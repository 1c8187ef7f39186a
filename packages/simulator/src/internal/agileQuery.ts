/**
 * The Q object of the AgileAssets REST API v1 (spec §4, §8): `projection` (columns to return), `sort` (column →
 * `"ASC"` | `"DESC"`, in key order), `filter` (conditions `[column, operator, value]` and the binary operators
 * `"AND"` / `"OR"` in Reverse Polish Notation) and `page` (`{size, number}`, 1-based). Parsing checks everything
 * against the table's columns and names the first problem; evaluation is filter, then sort, then page, then
 * projection (so a query may sort by a column it does not project, as the docs' example does).
 *
 * @since 0.1.0
 * @internal
 */
import * as Either from "effect/Either"
import type * as AgileData from "../AgileData.js"
import { isRecord } from "./http.js"

type Columns = Readonly<Record<string, AgileData.ColumnType>>

/** A parsed filter: whether a row matches. @internal */
export type Predicate = (row: AgileData.AgileRow) => boolean

/** A parsed Q object. @internal */
export interface Query {
  readonly projection: ReadonlyArray<string> | undefined
  readonly sort: ReadonlyArray<readonly [string, "ASC" | "DESC"]>
  readonly filter: Predicate | undefined
  readonly page: { readonly size: number; readonly number: number } | undefined
}

/** No `q`: every row, every column, in table order. @internal */
export const everything: Query = { projection: undefined, sort: [], filter: undefined, page: undefined }

/** The column's canonical name, matched without regard to case (Oracle identifiers are upper case). @internal */
export const resolveColumn = (columns: Columns, name: string): string | undefined => {
  if (Object.hasOwn(columns, name)) return name
  const upper = name.toUpperCase()
  return Object.keys(columns).find((c) => c.toUpperCase() === upper)
}

const column = (columns: Columns, name: unknown, where: string): Either.Either<string, string> => {
  if (typeof name !== "string") return Either.left(`${where}: a column name must be a string`)
  const resolved = resolveColumn(columns, name)
  return resolved === undefined ? Either.left(`${where}: unknown column ${name}`) : Either.right(resolved)
}

type Scalar = string | number

/** A condition value as the column compares it: numbers for number columns, text for the others. */
const operand = (type: AgileData.ColumnType, value: unknown, where: string): Either.Either<Scalar, string> => {
  if (type === "number") {
    if (typeof value === "number" && Number.isFinite(value)) return Either.right(value)
    if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
      return Either.right(Number(value))
    }
    return Either.left(`${where}: ${JSON.stringify(value)} is not a number`)
  }
  if (typeof value === "string") return Either.right(value)
  if (typeof value === "number" && Number.isFinite(value)) return Either.right(String(value))
  return Either.left(`${where}: ${JSON.stringify(value)} is not a text value`)
}

const compare = (a: Scalar, b: Scalar): number => (a < b ? -1 : a > b ? 1 : 0)

const cell = (type: AgileData.ColumnType, value: AgileData.AgileValue | undefined): Scalar | undefined => {
  if (value === null || value === undefined) return undefined
  if (type === "number") return typeof value === "number" ? value : Number(value)
  return String(value)
}

const likePattern = (pattern: string): RegExp =>
  new RegExp(
    `^${
      Array.from(
        pattern,
        (c) => c === "%" ? "[\\s\\S]*" : c === "_" ? "[\\s\\S]" : c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      )
        .join("")
    }$`
  )

/** The operators a condition may use. @internal */
export const operators: ReadonlyArray<string> = ["=", "<>", "<", ">", "<=", ">=", "BETWEEN", "IN", "LIKE"]

const condition = (
  columns: Columns,
  element: ReadonlyArray<unknown>,
  where: string
): Either.Either<Predicate, string> =>
  Either.gen(function*() {
    const [rawColumn, rawOperator, value] = element
    const name = yield* column(columns, rawColumn, where)
    const type = columns[name] ?? "string"
    const op = typeof rawOperator === "string" ? rawOperator.trim().toUpperCase() : undefined
    if (op === undefined || !operators.includes(op)) {
      return yield* Either.left(`${where}: unknown operator ${JSON.stringify(rawOperator)}`)
    }
    const at = (row: AgileData.AgileRow) => cell(type, row[name])
    if (value === null && (op === "=" || op === "<>")) {
      // `= null` / `<> null` read as IS NULL / IS NOT NULL (SQL would match nothing).
      return op === "=" ? (row) => at(row) === undefined : (row) => at(row) !== undefined
    }
    switch (op) {
      case "BETWEEN": {
        if (!Array.isArray(value) || value.length !== 2) {
          return yield* Either.left(`${where}: BETWEEN needs a value [low, high]`)
        }
        const low = yield* operand(type, value[0], where)
        const high = yield* operand(type, value[1], where)
        return (row) => {
          const v = at(row)
          return v !== undefined && compare(v, low) >= 0 && compare(v, high) <= 0
        }
      }
      case "IN": {
        if (!Array.isArray(value) || value.length === 0) {
          return yield* Either.left(`${where}: IN needs a non-empty array of values`)
        }
        const values: Array<Scalar> = []
        for (const v of value) values.push(yield* operand(type, v, where))
        return (row) => {
          const v = at(row)
          return v !== undefined && values.some((candidate) => compare(v, candidate) === 0)
        }
      }
      case "LIKE": {
        if (typeof value !== "string") return yield* Either.left(`${where}: LIKE needs a text pattern`)
        const regex = likePattern(value)
        return (row) => {
          const v = at(row)
          return v !== undefined && regex.test(String(v))
        }
      }
      default: {
        const expected = yield* operand(type, value, where)
        const test = (c: number): boolean =>
          op === "=" ? c === 0 : op === "<>" ? c !== 0 : op === "<" ? c < 0 : op === ">" ? c > 0 : op === "<=" ?
            c <= 0 :
            c >= 0
        return (row) => {
          const v = at(row)
          return v !== undefined && test(compare(v, expected))
        }
      }
    }
  })

/**
 * Parses an RPN filter: conditions are pushed, `"AND"` / `"OR"` pop two and push one; exactly one value must be
 * left. An empty array is no filter (every row).
 *
 * @internal
 */
export const parseFilter = (columns: Columns, filter: unknown): Either.Either<Predicate | undefined, string> =>
  Either.gen(function*() {
    if (!Array.isArray(filter)) return yield* Either.left("filter must be an array in RPN")
    if (filter.length === 0) return undefined
    const stack: Array<Predicate> = []
    for (const [index, element] of filter.entries()) {
      const where = `filter[${index}]`
      if (typeof element === "string") {
        const op = element.trim().toUpperCase()
        if (op !== "AND" && op !== "OR") {
          return yield* Either.left(`${where}: unknown operator ${JSON.stringify(element)} (expected AND or OR)`)
        }
        const right = stack.pop()
        const left = stack.pop()
        if (left === undefined || right === undefined) {
          return yield* Either.left(`${where}: ${op} needs two operands (stack underflow)`)
        }
        stack.push(op === "AND" ? (row) => left(row) && right(row) : (row) => left(row) || right(row))
      } else if (Array.isArray(element) && element.length === 3) {
        stack.push(yield* condition(columns, element, where))
      } else {
        return yield* Either.left(`${where}: expected a condition [column, operator, value] or "AND" / "OR"`)
      }
    }
    if (stack.length !== 1) {
      return yield* Either.left(`filter leaves ${stack.length} values, not one: join the conditions with AND or OR`)
    }
    return stack[0]
  })

const positiveInteger = (value: unknown): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= 1

const qMembers = ["projection", "sort", "filter", "page"]

/** Parses the `q` parameter against a table's columns; `undefined` (no `q`) is every row. @internal */
export const parseQ = (columns: Columns, q: string | undefined): Either.Either<Query, string> =>
  Either.gen(function*() {
    if (q === undefined) return everything
    let raw: unknown
    try {
      raw = JSON.parse(q)
    } catch {
      return yield* Either.left("q is not valid JSON")
    }
    if (!isRecord(raw)) return yield* Either.left("q must be a JSON object")
    const unknown = Object.keys(raw).find((k) => !qMembers.includes(k))
    if (unknown !== undefined) {
      return yield* Either.left(`q has an unknown member ${unknown} (expected projection, sort, filter, page)`)
    }
    let projection: Array<string> | undefined
    if (raw.projection !== undefined) {
      if (!Array.isArray(raw.projection)) return yield* Either.left("projection must be an array of column names")
      projection = []
      for (const [i, name] of raw.projection.entries()) {
        projection.push(yield* column(columns, name, `projection[${i}]`))
      }
      if (projection.length === 0) projection = undefined
    }
    const sort: Array<readonly [string, "ASC" | "DESC"]> = []
    if (raw.sort !== undefined) {
      if (!isRecord(raw.sort)) return yield* Either.left("sort must be an object of column → \"ASC\" | \"DESC\"")
      for (const [name, direction] of Object.entries(raw.sort)) {
        const resolved = yield* column(columns, name, "sort")
        const dir = typeof direction === "string" ? direction.trim().toUpperCase() : undefined
        if (dir !== "ASC" && dir !== "DESC") {
          return yield* Either.left(`sort: ${name} must be "ASC" or "DESC", not ${JSON.stringify(direction)}`)
        }
        sort.push([resolved, dir])
      }
    }
    const filter = raw.filter === undefined ? undefined : yield* parseFilter(columns, raw.filter)
    let page: Query["page"]
    if (raw.page !== undefined) {
      if (!isRecord(raw.page)) return yield* Either.left("page must be an object {size, number}")
      const number = raw.page.number ?? 1
      if (!positiveInteger(raw.page.size)) return yield* Either.left("page.size must be an integer of at least 1")
      if (!positiveInteger(number)) return yield* Either.left("page.number must be an integer of at least 1")
      page = { size: raw.page.size, number }
    }
    return { projection, sort, filter, page }
  })

/** Oracle's default: nulls sort after every value ascending, before them descending. */
const sortRows = (
  columns: Columns,
  rows: ReadonlyArray<AgileData.AgileRow>,
  sort: Query["sort"]
): ReadonlyArray<AgileData.AgileRow> => {
  if (sort.length === 0) return rows
  return [...rows].sort((a, b) => {
    for (const [name, direction] of sort) {
      const type = columns[name] ?? "string"
      const x = cell(type, a[name])
      const y = cell(type, b[name])
      const c = x === undefined ? (y === undefined ? 0 : 1) : y === undefined ? -1 : compare(x, y)
      if (c !== 0) return direction === "ASC" ? c : -c
    }
    return 0
  })
}

/** Keeps the projected columns, in projection order. @internal */
export const project = (row: AgileData.AgileRow, projection: ReadonlyArray<string> | undefined): AgileData.AgileRow => {
  if (projection === undefined) return row
  const out: Record<string, AgileData.AgileValue> = {}
  for (const name of projection) out[name] = row[name] ?? null
  return out
}

/** Applies a query: filter, sort, page (1-based; past the end is empty), projection. @internal */
export const run = (
  columns: Columns,
  rows: ReadonlyArray<AgileData.AgileRow>,
  query: Query
): ReadonlyArray<AgileData.AgileRow> => {
  const filtered = query.filter === undefined ? rows : rows.filter(query.filter)
  const sorted = sortRows(columns, filtered, query.sort)
  const paged = query.page === undefined ?
    sorted :
    sorted.slice((query.page.number - 1) * query.page.size, query.page.number * query.page.size)
  return paged.map((row) => project(row, query.projection))
}
