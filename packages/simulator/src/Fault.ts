/**
 * Faults the simulator can inject, and the rules that decide which request gets one.
 * A rule names a route (or every route), a fault, and how often it applies: probability (decided by the
 * simulator's seeded generator, so a seed and a request order always give the same decisions), `times`, `skip`.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"

/**
 * What happens to a request a rule applies to.
 *
 * - `Latency`: wait `millis` (with `Effect.sleep`, so it follows the layer's Clock), then answer normally.
 * - `Status`: answer `status` (text/html) instead of running the handler.
 * - `RateLimited`: answer 429 with `Retry-After: <retryAfterSeconds>`.
 * - `ResetBeforeHandler`: destroy the connection without answering; the handler does not run.
 * - `ResetAfterHandler`: run the handler (its writes are applied), then destroy the connection without answering.
 * - `TruncatedJson`: run the handler and send the first half of its body (200, consistent Content-Length).
 * - `HtmlOk`: answer 200 with a text/html maintenance page.
 * - `ExpireSession`: expire the session the request carries, then handle it (it gets the usual expiry answer).
 * - `Hang`: accept and never answer, until the client disconnects or the simulator stops.
 * - `DropImportedId`: on `v1/eventsimport`, a batch that succeeds claims full success, but its last event is
 *   silently not stored and its id is missing from `ids` (§7.2). Other routes answer normally.
 *
 * @since 0.1.0
 * @category models
 */
export type Fault = Data.TaggedEnum<{
  Latency: { readonly millis: number }
  Status: { readonly status: number; readonly body?: string }
  RateLimited: { readonly retryAfterSeconds: number }
  ResetBeforeHandler: {}
  ResetAfterHandler: {}
  TruncatedJson: {}
  HtmlOk: {}
  ExpireSession: {}
  Hang: {}
  DropImportedId: {}
}>

const Fault = Data.taggedEnum<Fault>()

/**
 * Delay the answer by `millis`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const Latency = Fault.Latency

/**
 * Answer `status` with a text/html body (the §7.4 pages for 401 and 403) instead of running the handler.
 *
 * @since 0.1.0
 * @category constructors
 */
export const Status = Fault.Status

/**
 * Answer 429 with a `Retry-After` header.
 *
 * @since 0.1.0
 * @category constructors
 */
export const RateLimited = Fault.RateLimited

/**
 * Destroy the connection before the handler runs: nothing is applied.
 *
 * @since 0.1.0
 * @category constructors
 */
export const ResetBeforeHandler = Fault.ResetBeforeHandler

/**
 * Destroy the connection after the handler ran: its writes are applied but the client never hears so.
 *
 * @since 0.1.0
 * @category constructors
 */
export const ResetAfterHandler = Fault.ResetAfterHandler

/**
 * Send only the first half of the handler's body, so the JSON is invalid.
 *
 * @since 0.1.0
 * @category constructors
 */
export const TruncatedJson = Fault.TruncatedJson

/**
 * Answer 200 with an HTML maintenance page.
 *
 * @since 0.1.0
 * @category constructors
 */
export const HtmlOk = Fault.HtmlOk

/**
 * Expire the request's session before handling it.
 *
 * @since 0.1.0
 * @category constructors
 */
export const ExpireSession = Fault.ExpireSession

/**
 * Never answer.
 *
 * @since 0.1.0
 * @category constructors
 */
export const Hang = Fault.Hang

/**
 * Claim a successful eventsimport while silently dropping its last event (use with route `"v1/eventsimport"`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const DropImportedId = Fault.DropImportedId

/**
 * Tests whether a value is a fault of the given tag.
 *
 * @since 0.1.0
 * @category guards
 */
export const $is = Fault.$is

/**
 * Pattern matching over the fault tags.
 *
 * @since 0.1.0
 * @category pattern matching
 */
export const $match = Fault.$match

/**
 * When to apply a fault.
 *
 * @since 0.1.0
 * @category models
 */
export interface FaultRule {
  /**
   * The route key it applies to, `${version}/${path}` (e.g. `"v1/listgroups"`, `"v2/user/loginUser"`),
   * a prefix ending in `/*` (e.g. `"v1/*"`), or `"*"`. Omitted means every route.
   */
  readonly route?: string
  readonly fault: Fault
  /** Chance (0..1) that a matching request gets the fault, drawn from the seeded generator. Default 1. */
  readonly probability?: number
  /** Apply at most this many times, then the rule is inert. Default unlimited. */
  readonly times?: number
  /** Let the first `skip` matching requests through untouched. Default 0. */
  readonly skip?: number
}

/**
 * Builds a rule (a convenience over writing the object literal).
 *
 * @since 0.1.0
 * @category constructors
 */
export const rule = (fault: Fault, options?: Omit<FaultRule, "fault">): FaultRule => ({ ...options, fault })
