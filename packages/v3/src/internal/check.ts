/**
 * Input checks made before anything is sent: each fails with core `InvalidRequest` naming the field. Text that
 * goes into a URL must be well-formed UTF-16 (`encodeURIComponent` throws on a lone surrogate, and a URL parser
 * turns one into U+FFFD) and must not hold a `.` or `..` segment (a URL parser resolves those, so the request would
 * reach another endpoint than the one named).
 */
import * as AmsError from "@ams-effect/core/AmsError"
import * as AmsRequest from "@ams-effect/core/AmsRequest"
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
  if (!AmsRequest.isWellFormed(value)) return invalid(endpoint, "type", AmsRequest.notWellFormed)
  if (/[/\\?#\s]/.test(value) || AmsRequest.isDotSegment(value)) {
    return invalid(endpoint, "type", `${JSON.stringify(value)} is not a form type (such as "event" or "profile")`)
  }
  return Effect.succeed(value)
}

/**
 * A path below `/api/v3/` (leading slashes are dropped): not empty, without a query or fragment (those go in
 * `urlParams`), without `.` or `..` segments or backslashes (which URL parsers read as `/`), and not repeating the
 * `api/v3/` prefix.
 */
export const path = (value: string): Effect.Effect<string, AmsError.InvalidRequest> => {
  const trimmed = typeof value === "string" ? value.trim().replace(/^\/+/, "") : ""
  if (trimmed === "") return invalid("v3", "path", "must not be empty")
  if (!AmsRequest.isWellFormed(trimmed)) return invalid("v3", "path", AmsRequest.notWellFormed)
  const endpoint = `v3/${trimmed}`
  if (/[?#]/.test(trimmed)) {
    return invalid(endpoint, "path", "must not hold a query or a fragment; pass query parameters as urlParams")
  }
  if (trimmed.includes("\\") || trimmed.split("/").some(AmsRequest.isDotSegment)) {
    return invalid(endpoint, "path", "must not hold a \".\" or \"..\" segment or a backslash; name the endpoint itself")
  }
  if (/^api\//i.test(trimmed)) {
    return invalid(endpoint, "path", "is relative to /api/v3/; drop the leading api/v3/")
  }
  return Effect.succeed(trimmed)
}

/** Query parameters: text that a URL can carry unchanged (a lone surrogate would be sent as U+FFFD). */
export const urlParams = (
  params: Readonly<Record<string, string>> | undefined,
  endpoint: string
): Effect.Effect<Readonly<Record<string, string>> | undefined, AmsError.InvalidRequest> => {
  for (const [key, value] of Object.entries(params ?? {})) {
    if (!AmsRequest.isWellFormed(key)) return invalid(endpoint, "urlParams", `a name ${AmsRequest.notWellFormed}`)
    if (typeof value !== "string") return invalid(endpoint, `urlParams.${key}`, "must be text")
    if (!AmsRequest.isWellFormed(value)) return invalid(endpoint, `urlParams.${key}`, AmsRequest.notWellFormed)
  }
  return Effect.succeed(params)
}
