/**
 * What the simulator remembers about the requests it received, so tests can assert what reached the server.
 * Secrets never enter the log: credential headers and every `password` in a body are replaced by `"<redacted>"`.
 *
 * @since 0.1.0
 */

/**
 * One request, as the simulator saw it.
 *
 * @since 0.1.0
 * @category models
 */
export interface LoggedRequest {
  /** `Clock.currentTimeMillis` at arrival (TestClock-aware). */
  readonly at: number
  readonly method: string
  /** URL path without the query. */
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  /** Route key like `"v1/listgroups"`; `"unknown"` when no route matched. */
  readonly route: string
  /** Lower-cased names; `authorization`, `cookie` and `session-header` values are `"<redacted>"`. */
  readonly headers: Readonly<Record<string, string>>
  /** `"bearer"` only on the AgileAssets routes configured with a Bearer token. */
  readonly auth: "basic" | "session" | "bearer" | "none" | "invalid"
  /** The account the request authenticated as, if any. */
  readonly account?: string
  /** Parsed JSON with every `password` redacted, the raw text when not JSON, or `undefined` when empty. */
  readonly body: unknown
  /**
   * The status answered; `"reset"` or `"hang"` when no answer was sent (or will be); `"pending"` while the request
   * is still being handled (e.g. during a latency fault); 499 when the client went away before the answer.
   */
  readonly status: number | "reset" | "hang" | "pending"
  /** The `_tag` of the fault applied, if any. */
  readonly fault?: string
}

/**
 * Running totals since the simulator started.
 *
 * @since 0.1.0
 * @category models
 */
export interface Counters {
  /** Every request received. */
  readonly requests: number
  /** Successful logins. */
  readonly logins: number
  /** Requests per route key (`"unknown"` included). */
  readonly byRoute: Readonly<Record<string, number>>
  /** Faults applied, by fault `_tag`. */
  readonly faults: Readonly<Record<string, number>>
}

/**
 * The placeholder written instead of a secret.
 *
 * @since 0.1.0
 * @category redaction
 */
export const redacted = "<redacted>"

const secretHeaders = new Set(["authorization", "cookie", "session-header", "set-cookie", "proxy-authorization"])

/**
 * Lower-cases header names and replaces the values of credential headers.
 *
 * @since 0.1.0
 * @category redaction
 */
export const redactHeaders = (
  headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    const key = name.toLowerCase()
    out[key] = secretHeaders.has(key) ? redacted : typeof value === "string" ? value : value.join(", ")
  }
  return out
}

const redactValue = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(redactValue)
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(value)) {
      out[key] = key.toLowerCase() === "password" ? redacted : redactValue(inner)
    }
    return out
  }
  return value
}

/**
 * Parses a body for the log: JSON with every `password` key redacted (at any depth), the raw text (with anything
 * that looks like a password pair redacted) when it is not JSON, `undefined` when empty.
 *
 * @since 0.1.0
 * @category redaction
 */
export const redactBody = (text: string): unknown => {
  if (text.length === 0) return undefined
  try {
    return redactValue(JSON.parse(text))
  } catch {
    return text.replace(/("password"\s*:\s*)"(?:[^"\\]|\\.)*"?/gi, `$1"${redacted}"`)
  }
}
