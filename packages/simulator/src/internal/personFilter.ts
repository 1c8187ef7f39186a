/**
 * The query of v2 `person/get` (§2.11): `{"filter": {"comparisons": {"op", "branches": [{"leaf": {...}}]}},
 * "limit", "offset"}` with numbers as strings. A leaf compares `id` (`valueInteger`), `username` or `emailAddress`
 * (`valueString`, ignoring case) with `comp` "1" (equals any of the values), optionally `negated`; a branch is a
 * `{"leaf"}` or a nested `{"op", "branches"}`; `op` "0" is AND, "1" OR. `limit`/`offset` "-1" mean all / from the
 * start. Anything else is malformed (the reason as text).
 *
 * @since 0.1.0
 * @internal
 */
import type * as DemoData from "../DemoData.js"
import { isRecord } from "./http.js"
import { asInt, asList, intList, stringList } from "./v1.js"

/** Whether a user matches. @internal */
export type PersonFilter = (user: DemoData.UserRecord) => boolean

/** A parsed `person/get` body. @internal */
export interface PersonQuery {
  readonly filter: PersonFilter
  /** `undefined` = no limit. */
  readonly limit: number | undefined
  readonly offset: number
}

const shown = (value: unknown): string => JSON.stringify(value) ?? "undefined"

const everyone: PersonFilter = () => true

const parseNegated = (value: unknown): boolean | undefined =>
  value === undefined || value === null || value === false || value === "false"
    ? false
    : value === true || value === "true"
    ? true
    : undefined

const parseLeaf = (leaf: unknown): PersonFilter | string => {
  if (!isRecord(leaf)) return `leaf ${shown(leaf)} is not an object`
  const negated = parseNegated(leaf.negated)
  if (negated === undefined) return `negated ${shown(leaf.negated)} is not a boolean`
  const comp = asInt(leaf.comp)
  if (comp !== 1) return `comp ${shown(leaf.comp)} is not supported (only "1", equals)`
  let test: PersonFilter
  switch (leaf.fieldName) {
    case "id": {
      const ids = intList(leaf.valueInteger)
      if (ids === undefined || asList(leaf.valueInteger).length === 0) {
        return `valueInteger ${shown(leaf.valueInteger)} is not a list of ids`
      }
      const wanted = new Set(ids)
      test = (user) => wanted.has(user.userId)
      break
    }
    case "username":
    case "emailAddress": {
      const field = leaf.fieldName
      const values = stringList(leaf.valueString)
      if (values === undefined || values.length === 0) {
        return `valueString ${shown(leaf.valueString)} is not a list of text`
      }
      const wanted = new Set(values.map((v) => v.trim().toLowerCase()))
      test = (user) => wanted.has(user[field].toLowerCase())
      break
    }
    default:
      return `fieldName ${shown(leaf.fieldName)} is not one of "id", "username", "emailAddress"`
  }
  return negated ? (user) => !test(user) : test
}

const parseNode = (node: unknown): PersonFilter | string => {
  if (!isRecord(node)) return `comparisons ${shown(node)} is not an object`
  if ("leaf" in node) return parseLeaf(node.leaf)
  const op = asInt(node.op)
  if (op !== 0 && op !== 1) return `op ${shown(node.op)} is not "0" (and) or "1" (or)`
  if (!Array.isArray(node.branches)) return `branches ${shown(node.branches)} is not a list`
  const branches: Array<PersonFilter> = []
  for (const branch of node.branches) {
    const parsed = parseNode(branch)
    if (typeof parsed === "string") return parsed
    branches.push(parsed)
  }
  return op === 0 ? (user) => branches.every((b) => b(user)) : (user) => branches.some((b) => b(user))
}

const parseCount = (value: unknown, name: string): number | undefined | string => {
  if (value === undefined || value === null || value === "") return undefined
  const n = asInt(value)
  if (n === undefined || n < -1) return `${name} ${shown(value)} is not a count`
  return n === -1 ? undefined : n
}

/** Parses a `person/get` body; no `filter` (or no `comparisons`) selects every visible user. @internal */
export const parsePersonQuery = (body: unknown): PersonQuery | string => {
  if (!isRecord(body)) return "the request is not an object"
  let filter = everyone
  if (body.filter !== undefined && body.filter !== null) {
    if (!isRecord(body.filter)) return `filter ${shown(body.filter)} is not an object`
    const comparisons = body.filter.comparisons
    if (comparisons !== undefined && comparisons !== null) {
      const parsed = parseNode(comparisons)
      if (typeof parsed === "string") return parsed
      filter = parsed
    }
  }
  const limit = parseCount(body.limit, "limit")
  if (typeof limit === "string") return limit
  const offset = parseCount(body.offset, "offset")
  if (typeof offset === "string") return offset
  return { filter, limit, offset: offset ?? 0 }
}
