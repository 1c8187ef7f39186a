/**
 * Input checks made before anything is sent: each fails with core `InvalidRequest` naming the field.
 */
import * as AmsError from "@ams-effect/core/AmsError"
import * as Effect from "effect/Effect"

const invalid = (endpoint: string, field: string, reason: string) =>
  Effect.fail(new AmsError.InvalidRequest({ endpoint, field, reason }))

/** A positive integer id. */
export const id = (value: number, endpoint: string, field: string): Effect.Effect<number, AmsError.InvalidRequest> =>
  Number.isSafeInteger(value) && value > 0
    ? Effect.succeed(value)
    : invalid(endpoint, field, `${value} is not a positive integer id`)

/** A form type such as `event` or `profile`: one path segment. */
export const formType = (value: string, endpoint: string): Effect.Effect<string, AmsError.InvalidRequest> => {
  if (typeof value !== "string" || value.trim() === "") return invalid(endpoint, "type", "must not be empty")
  if (/[/?#\s]/.test(value)) {
    return invalid(endpoint, "type", `${JSON.stringify(value)} is not a form type (such as "event" or "profile")`)
  }
  return Effect.succeed(value)
}

/**
 * A path below `/api/v3/` (leading slashes are dropped): not empty, without a query or fragment (those go in
 * `urlParams`), and not repeating the `api/v3/` prefix.
 */
export const path = (value: string): Effect.Effect<string, AmsError.InvalidRequest> => {
  const trimmed = typeof value === "string" ? value.trim().replace(/^\/+/, "") : ""
  const endpoint = `v3/${trimmed}`
  if (trimmed === "") return invalid("v3", "path", "must not be empty")
  if (/[?#]/.test(trimmed)) {
    return invalid(endpoint, "path", "must not hold a query or a fragment; pass query parameters as urlParams")
  }
  if (/^api\//i.test(trimmed)) {
    return invalid(endpoint, "path", "is relative to /api/v3/; drop the leading api/v3/")
  }
  return Effect.succeed(trimmed)
}
