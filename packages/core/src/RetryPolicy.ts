/**
 * How transient failures are retried: exponential backoff with jitter, a bounded number of retries, and the
 * server's `Retry-After` honoured (the wait is the longer of the backoff and what the server asked for).
 *
 * Which failures are retried is decided by the request pipeline, not here: reads are retried on any
 * transient failure, writes only when repeating them is safe (see `AmsRequest.idempotent`).
 *
 * The policy is a `Context.Reference`: it has a default, and `layer` replaces it.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"

/**
 * How transient failures are retried: how many times, with which backoff, and how long a `Retry-After` may be.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Retries after the first attempt. Default 4. */
  readonly maxRetries: number
  /** First backoff delay, doubled on each retry. Default 200 ms. */
  readonly baseDelay: Duration.Duration
  /** Upper bound of one backoff delay (before jitter). Default 10 s. */
  readonly maxDelay: Duration.Duration
  /** A `Retry-After` longer than this ends the retries instead of waiting. Default 60 s. */
  readonly maxRetryAfter: Duration.Duration
  /** Randomise each backoff delay between 80% and 120%. Default `true`. */
  readonly jitter: boolean
}

/**
 * The defaults: 4 retries, 200 ms doubling up to 10 s, with jitter, `Retry-After` honoured up to 60 s.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaults: Options = {
  maxRetries: 4,
  baseDelay: Duration.millis(200),
  maxDelay: Duration.seconds(10),
  maxRetryAfter: Duration.seconds(60),
  jitter: true
}

/**
 * No retries at all.
 *
 * @since 0.1.0
 * @category constants
 */
export const none: Options = { ...defaults, maxRetries: 0 }

/**
 * The retry policy in use.
 *
 * @since 0.1.0
 * @category tags
 */
export class RetryPolicy extends Context.Reference<RetryPolicy>()("@ams-effect/core/RetryPolicy", {
  defaultValue: (): Options => defaults
}) {}

/**
 * Replaces the policy; unspecified options keep their defaults.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: {
  readonly maxRetries?: number | undefined
  readonly baseDelay?: Duration.DurationInput | undefined
  readonly maxDelay?: Duration.DurationInput | undefined
  readonly maxRetryAfter?: Duration.DurationInput | undefined
  readonly jitter?: boolean | undefined
}): Layer.Layer<RetryPolicy> =>
  Layer.succeed(RetryPolicy, {
    maxRetries: Math.max(0, Math.floor(options.maxRetries ?? defaults.maxRetries)),
    baseDelay: options.baseDelay === undefined ? defaults.baseDelay : Duration.decode(options.baseDelay),
    maxDelay: options.maxDelay === undefined ? defaults.maxDelay : Duration.decode(options.maxDelay),
    maxRetryAfter: options.maxRetryAfter === undefined
      ? defaults.maxRetryAfter
      : Duration.decode(options.maxRetryAfter),
    jitter: options.jitter ?? defaults.jitter
  })

/**
 * What the schedule needs to know about a failure: how long the server asked to wait, if it did.
 *
 * @since 0.1.0
 * @category models
 */
export interface RetryInput {
  readonly retryAfter: Option.Option<Duration.Duration>
}

/**
 * The schedule of a policy: backoff intersected with the server's `Retry-After` (the longer wait wins),
 * bounded by `maxRetries`, and stopped by a `Retry-After` beyond `maxRetryAfter`.
 *
 * @since 0.1.0
 * @category schedules
 */
export const schedule = <I extends RetryInput>(options: Options): Schedule.Schedule<unknown, I> => {
  const capped = Schedule.exponential(options.baseDelay).pipe(
    Schedule.modifyDelay((delay) => Duration.min(delay, options.maxDelay))
  )
  const backoff = options.jitter ? Schedule.jittered(capped) : capped
  return Schedule.identity<I>().pipe(
    Schedule.addDelay((input) => Option.getOrElse(input.retryAfter, () => Duration.zero)),
    Schedule.intersect(backoff),
    Schedule.intersect(Schedule.recurs(options.maxRetries)),
    Schedule.whileInput((input: I) =>
      Option.match(input.retryAfter, {
        onNone: () => true,
        onSome: (wait) => Duration.lessThanOrEqualTo(wait, options.maxRetryAfter)
      })
    )
  )
}
