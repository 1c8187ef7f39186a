/**
 * The `q` object of AgileAssets API 1 (projection, filter, sort, page), built from values that cannot be wrong.
 *
 * On the wire a filter is Reverse Polish Notation: condition triples `[column, operator, value]` as operands and
 * the strings `"AND"` / `"OR"` as operators, e.g. `[["WORK_ORDER_ID","=",1622],["WORK_ORDER_ID","=",1621],"OR"]`.
 * Here a filter is a tree (`and`, `or` over conditions) and is compiled to RPN, so a malformed filter — such as the
 * vendor example's `{"filter":[[…],[…]], "OR"}` — cannot be written. Pages are 1-based, as the API counts them.
 *
 * @since 0.1.0
 */
import * as AmsError from "@ams-effect/core/AmsError"
import * as Either from "effect/Either"

/**
 * A column value as the API compares it.
 *
 * @since 0.1.0
 * @category models
 */
export type Value = string | number | boolean | null

/**
 * The comparison operators of a condition.
 *
 * @since 0.1.0
 * @category models
 */
export type Operator = "=" | "<>" | "<" | ">" | "<=" | ">=" | "BETWEEN" | "IN" | "LIKE"

/**
 * One condition on one column.
 *
 * @since 0.1.0
 * @category models
 */
export interface Condition {
  readonly _tag: "Condition"
  readonly column: string
  readonly operator: Operator
  readonly value: Value | ReadonlyArray<Value>
}

/**
 * A filter: a condition, or conditions combined.
 *
 * @since 0.1.0
 * @category models
 */
export type Filter =
  | Condition
  | { readonly _tag: "And"; readonly filters: readonly [Filter, Filter, ...Array<Filter>] }
  | { readonly _tag: "Or"; readonly filters: readonly [Filter, Filter, ...Array<Filter>] }

const condition = (column: string, operator: Operator, value: Value | ReadonlyArray<Value>): Condition => ({
  _tag: "Condition",
  column,
  operator,
  value
})

/**
 * `column = value`
 *
 * @since 0.1.0
 * @category conditions
 */
export const eq = (column: string, value: Value): Filter => condition(column, "=", value)

/**
 * `column <> value`
 *
 * @since 0.1.0
 * @category conditions
 */
export const neq = (column: string, value: Value): Filter => condition(column, "<>", value)

/**
 * `column < value`
 *
 * @since 0.1.0
 * @category conditions
 */
export const lt = (column: string, value: string | number): Filter => condition(column, "<", value)

/**
 * `column > value`
 *
 * @since 0.1.0
 * @category conditions
 */
export const gt = (column: string, value: string | number): Filter => condition(column, ">", value)

/**
 * `column <= value`
 *
 * @since 0.1.0
 * @category conditions
 */
export const lte = (column: string, value: string | number): Filter => condition(column, "<=", value)

/**
 * `column >= value`
 *
 * @since 0.1.0
 * @category conditions
 */
export const gte = (column: string, value: string | number): Filter => condition(column, ">=", value)

/**
 * `column BETWEEN low AND high` (both ends included).
 *
 * @since 0.1.0
 * @category conditions
 */
export const between = (column: string, low: string | number, high: string | number): Filter =>
  condition(column, "BETWEEN", [low, high])

/**
 * `column IN (values…)`
 *
 * @since 0.1.0
 * @category conditions
 */
export const isIn = (column: string, values: ReadonlyArray<Value>): Filter => condition(column, "IN", values)

/**
 * `column LIKE pattern` (SQL wildcards `%` and `_`).
 *
 * @since 0.1.0
 * @category conditions
 */
export const like = (column: string, pattern: string): Filter => condition(column, "LIKE", pattern)

/**
 * All of the filters.
 *
 * @example
 * ```ts
 * import { Q } from "@ams-effect/agileassets"
 * import { deepStrictEqual } from "node:assert"
 *
 * // Work orders with status 1 or 2, started since 1 March 2013, or work order 1622
 * const filter = Q.or(
 *   Q.and(Q.isIn("STATUS", [1, 2]), Q.gte("START_DATE", "20130301")),
 *   Q.eq("WORK_ORDER_ID", 1622)
 * )
 *
 * deepStrictEqual(Q.toRpn(filter), [
 *   ["STATUS", "IN", [1, 2]],
 *   ["START_DATE", ">=", "20130301"],
 *   "AND",
 *   ["WORK_ORDER_ID", "=", 1622],
 *   "OR"
 * ])
 * ```
 *
 * @since 0.1.0
 * @category combinators
 */
export const and = (first: Filter, second: Filter, ...rest: ReadonlyArray<Filter>): Filter => ({
  _tag: "And",
  filters: [first, second, ...rest]
})

/**
 * Any of the filters.
 *
 * @since 0.1.0
 * @category combinators
 */
export const or = (first: Filter, second: Filter, ...rest: ReadonlyArray<Filter>): Filter => ({
  _tag: "Or",
  filters: [first, second, ...rest]
})

/**
 * One element of a filter on the wire.
 *
 * @since 0.1.0
 * @category models
 */
export type RpnToken = readonly [string, Operator, Value | ReadonlyArray<Value>] | "AND" | "OR"

/**
 * The filter in Reverse Polish Notation: each combination's operands first, then its operator, once between
 * every two of them (`a b AND c AND`).
 *
 * @example
 * ```ts
 * import { Q } from "@ams-effect/agileassets"
 * import { deepStrictEqual } from "node:assert"
 *
 * // The operator follows its operands, once between every two of them
 * deepStrictEqual(Q.toRpn(Q.or(Q.eq("WORK_ORDER_ID", 1622), Q.eq("WORK_ORDER_ID", 1621))), [
 *   ["WORK_ORDER_ID", "=", 1622],
 *   ["WORK_ORDER_ID", "=", 1621],
 *   "OR"
 * ])
 * deepStrictEqual(Q.toRpn(Q.and(Q.eq("LABOR_ID", 7), Q.eq("TRC_ID", 3), Q.gt("TOTAL_HOURS", 0))), [
 *   ["LABOR_ID", "=", 7],
 *   ["TRC_ID", "=", 3],
 *   "AND",
 *   ["TOTAL_HOURS", ">", 0],
 *   "AND"
 * ])
 * ```
 *
 * @since 0.1.0
 * @category encoding
 */
export const toRpn = (filter: Filter): ReadonlyArray<RpnToken> => {
  if (filter._tag === "Condition") return [[filter.column, filter.operator, filter.value]]
  const operator = filter._tag === "And" ? "AND" : "OR"
  const [first, ...rest] = filter.filters
  return rest.reduce<ReadonlyArray<RpnToken>>((tokens, next) => [...tokens, ...toRpn(next), operator], toRpn(first))
}

/**
 * A sort direction.
 *
 * @since 0.1.0
 * @category models
 */
export type Direction = "ASC" | "DESC"

/**
 * A query: which columns, which rows, in which order, which page. Every part is optional.
 *
 * @since 0.1.0
 * @category models
 */
export interface Query {
  readonly projection?: ReadonlyArray<string> | undefined
  readonly filter?: Filter | undefined
  /** Applied in order: `[["START_DATE", "DESC"], ["WORK_ORDER_ID", "ASC"]]`. */
  readonly sort?: ReadonlyArray<readonly [string, Direction]> | undefined
  /** 1-based: the first page is `number: 1`. */
  readonly page?: { readonly size: number; readonly number: number } | undefined
}

/**
 * The `q` object as sent.
 *
 * @since 0.1.0
 * @category models
 */
export interface Wire {
  readonly projection?: ReadonlyArray<string>
  readonly filter?: ReadonlyArray<RpnToken>
  readonly sort?: Readonly<Record<string, Direction>>
  readonly page?: { readonly size: number; readonly number: number }
}

const invalid = (endpoint: string, field: string, reason: string) =>
  Either.left(new AmsError.InvalidRequest({ endpoint, field, reason }))

const checkColumn = (column: string, endpoint: string, field: string) =>
  typeof column !== "string" || column.trim() === ""
    ? invalid(endpoint, field, "is an empty column name")
    : Either.right(column)

const checkNumber = (value: unknown, endpoint: string, field: string): Either.Either<void, AmsError.InvalidRequest> =>
  typeof value === "number" && !Number.isFinite(value)
    ? invalid(endpoint, field, `${value} is not a number (JSON would send it as null)`)
    : Either.void

const checkCondition = (condition: Condition, endpoint: string, field: string) =>
  Either.gen(function*() {
    yield* checkColumn(condition.column, endpoint, `${field}.column`)
    const { operator, value } = condition
    if (operator === "IN" && (!Array.isArray(value) || value.length === 0)) {
      return yield* invalid(endpoint, `${field}.value`, "IN needs at least one value")
    }
    if (operator === "BETWEEN" && (!Array.isArray(value) || value.length !== 2)) {
      return yield* invalid(endpoint, `${field}.value`, "BETWEEN needs two values: the low and the high end")
    }
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) yield* checkNumber(item, endpoint, `${field}.value[${i}]`)
    } else yield* checkNumber(value, endpoint, `${field}.value`)
  })

/** How deep `and` and `or` may nest: far more than any query needs. */
const maxFilterDepth = 64

const checkFilter = (
  filter: Filter,
  endpoint: string,
  field: string,
  depth = 0
): Either.Either<void, AmsError.InvalidRequest> => {
  // Compiling the tree recurses: a filter built in a loop could nest deep enough to overflow the stack
  if (depth > maxFilterDepth) return invalid(endpoint, field, `nests more than ${maxFilterDepth} levels deep`)
  if (typeof filter !== "object" || filter === null) return invalid(endpoint, field, "is not a filter")
  if (filter._tag === "Condition") return checkCondition(filter, endpoint, field)
  if (filter._tag !== "And" && filter._tag !== "Or") return invalid(endpoint, field, "is not a filter")
  // A JS caller can pass fewer filters than the type allows; `toRpn` needs two (one is the filter itself).
  if (!Array.isArray(filter.filters) || filter.filters.length < 2) {
    return invalid(endpoint, `${field}.filters`, `${filter._tag} needs at least two filters`)
  }
  return Either.map(
    Either.all(filter.filters.map((child, i) => checkFilter(child, endpoint, `${field}.filters[${i}]`, depth + 1))),
    () => undefined
  )
}

/**
 * Checks a query and turns it into the `q` object; `endpoint` names the call in errors.
 *
 * @since 0.1.0
 * @category encoding
 */
export const toWire = (query: Query, endpoint: string): Either.Either<Wire, AmsError.InvalidRequest> =>
  Either.gen(function*() {
    const wire: { -readonly [K in keyof Wire]: Wire[K] } = {}
    if (query.projection !== undefined) {
      if (query.projection.length === 0) return yield* invalid(endpoint, "q.projection", "names no column")
      wire.projection = yield* Either.all(
        query.projection.map((column, i) => checkColumn(column, endpoint, `q.projection[${i}]`))
      )
    }
    if (query.filter !== undefined) {
      yield* checkFilter(query.filter, endpoint, "q.filter")
      wire.filter = toRpn(query.filter)
    }
    if (query.sort !== undefined) {
      const sort: Record<string, Direction> = {}
      for (const [i, [column, direction]] of query.sort.entries()) {
        sort[yield* checkColumn(column, endpoint, `q.sort[${i}]`)] = direction
      }
      wire.sort = sort
    }
    if (query.page !== undefined) {
      for (const key of ["size", "number"] as const) {
        const value = query.page[key]
        if (!Number.isSafeInteger(value) || value < 1) {
          return yield* invalid(endpoint, `q.page.${key}`, `${value} is not a positive integer (pages count from 1)`)
        }
      }
      wire.page = { size: query.page.size, number: query.page.number }
    }
    return wire
  })
