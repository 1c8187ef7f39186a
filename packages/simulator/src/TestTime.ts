/**
 * Driving the `TestClock` in tests whose fibers do real I/O against the simulator. A fiber that retries with a
 * backoff, or waits for a `Retry-After`, sleeps on the clock only once its real request has come back; moving the
 * clock before that moment moves it past nothing. These helpers wait in real time until the sleep is registered.
 *
 * @since 0.1.0
 */
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"

const realPause = Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, 2)))

/** About five seconds of real time in 2 ms pauses. */
const maxChecks = 2_500

const dueWithin = (horizon: Duration.DurationInput) =>
  Effect.gen(function*() {
    const limit = (yield* TestClock.currentTimeMillis) + Duration.toMillis(Duration.decode(horizon))
    return Chunk.filter(yield* TestClock.sleeps(), (at) => at <= limit)
  })

/**
 * Waits until some fiber sleeps on the TestClock until at most `within` from now, and returns that wake-up time.
 * Dies after about five seconds of real time.
 *
 * @since 0.1.0
 * @category testing
 */
export const nextSleep = (within: Duration.DurationInput): Effect.Effect<number> =>
  Effect.gen(function*() {
    for (let i = 0; i < maxChecks; i++) {
      const due = yield* dueWithin(within)
      if (Chunk.isNonEmpty(due)) return Math.min(...due)
      yield* realPause
    }
    return yield* Effect.die(new Error(`nothing slept within ${Duration.format(Duration.decode(within))}`))
  })

/**
 * Runs `effect`, moving the TestClock to each wake-up due within `horizon` (backoffs, `Retry-After`) until it
 * completes. Sleeps further away, such as request timeouts, are left alone. Dies after about five seconds of real
 * time.
 *
 * @since 0.1.0
 * @category testing
 */
export const runWithClock = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  horizon: Duration.DurationInput = "30 seconds"
): Effect.Effect<A, E, R> =>
  Effect.gen(function*() {
    const fiber = yield* Effect.fork(effect)
    for (let i = 0; i < maxChecks; i++) {
      const exit = fiber.unsafePoll()
      if (exit !== null) return yield* exit
      const due = yield* dueWithin(horizon)
      if (Chunk.isNonEmpty(due)) yield* TestClock.setTime(Math.min(...due))
      else yield* realPause
    }
    return yield* Effect.die(new Error("the effect did not complete"))
  })
