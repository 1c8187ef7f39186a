/**
 * Input checks made before anything is sent: each fails with core `InvalidRequest` naming the argument. Text that
 * goes into a URL path must be well-formed UTF-16 (`encodeURIComponent` throws on a lone surrogate) and must not be
 * a `.` or `..` segment (a URL parser resolves those, so the request would reach another entity, or the collection
 * instead of one row).
 */
import * as AmsError from "@ams-effect/core/AmsError"
import * as AmsRequest from "@ams-effect/core/AmsRequest"
import * as WireDate from "@ams-effect/core/WireDate"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as AgileDate from "../AgileDate.js"

/** Fails with `InvalidRequest`. */
export const invalid = (endpoint: string, field: string, reason: string) =>
  Effect.fail(new AmsError.InvalidRequest({ endpoint, field, reason }))

/**
 * One path segment, percent-encoded: well-formed text that is not `.` or `..`. `what` names the segment in the
 * reason ("an asset name", "a segment").
 */
const segment = (value: string, endpoint: string, field: string, what: string) => {
  if (value === "") return invalid(endpoint, field, `${what} must not be empty`)
  if (!AmsRequest.isWellFormed(value)) return invalid(endpoint, field, AmsRequest.notWellFormed)
  if (AmsRequest.isDotSegment(value)) {
    return invalid(endpoint, field, `${what} must not be "." or ".." (a URL resolves those to another path)`)
  }
  return Effect.succeed(encodeURIComponent(value))
}

/** A positive integer id. */
export const id = (value: number, endpoint: string, field = "id"): Effect.Effect<number, AmsError.InvalidRequest> =>
  Number.isSafeInteger(value) && value > 0
    ? Effect.succeed(value)
    : invalid(endpoint, field, `${value} is not a positive integer id`)

/**
 * An entity path such as `workOrder` or `lookup/<table>`, each segment percent-encoded: no empty, `.` or `..`
 * segment, and no `?` or `#` (query parameters go in the `q` object).
 */
export const entity = (value: string): Effect.Effect<string, AmsError.InvalidRequest> =>
  Effect.suspend(() => {
    if (typeof value !== "string" || value.trim() === "") return invalid("agile", "entity", "must not be empty")
    const endpoint = `agile/${value}`
    if (/[?#]/.test(value)) {
      return invalid(endpoint, "entity", "must not hold a query or a fragment; pass the query as the q object")
    }
    return Effect.map(
      Effect.forEach(value.split("/"), (part) => segment(part, endpoint, "entity", "a segment")),
      (parts) => parts.join("/")
    )
  })

/** An asset name as the path takes it: spaces and slashes removed, percent-encoded. */
export const assetName = (value: string): Effect.Effect<string, AmsError.InvalidRequest> =>
  Effect.suspend(() =>
    typeof value === "string"
      ? segment(value.replace(/[\s/]+/g, ""), "agile/asset", "name", "the name once spaces and slashes are removed")
      : invalid("agile/asset", "name", "must be text")
  )

/**
 * A `DATE_WORK` value as sent: `yyyyMMdd` of a `Date`, or a `yyyyMMdd` string, checked to be a real date in the
 * years the rest of the library accepts (core `WireDate`).
 */
export const dateWork = (
  value: string | Date,
  endpoint: string,
  field: string
): Effect.Effect<string, AmsError.InvalidRequest> =>
  Effect.suspend(() => {
    const date = value instanceof Date ? Option.some(value) : AgileDate.parseDate(value)
    if (Option.isNone(date)) {
      return invalid(endpoint, field, `${JSON.stringify(value)} is not a date in the form yyyyMMdd`)
    }
    return Effect.map(WireDate.check(date.value, endpoint, field), () => AgileDate.formatDate(date.value))
  })
