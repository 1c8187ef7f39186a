/**
 * The asynchronous step with a shared interruption handler (`internal/cancellable.ts`), the primitive under every
 * request `UndiciHttpClient` sends: results and failures pass through, interruption stops the step it interrupts
 * and no other, and steps on many fibers at once never see each other's results.
 */
import { describe, expect, it } from "@effect/vitest"
import { Cause, Deferred, Effect, Exit, Fiber, FiberId } from "effect"
import { cancellable, type Start } from "../src/internal/cancellable.js"

/** A step answered by hand: what it was resumed with, how often it was stopped. */
const manual = <A, E>() => {
  const state = {
    resume: undefined as ((result: Effect.Effect<A, E>) => void) | undefined,
    cancelled: 0
  }
  const started = Deferred.unsafeMake<void>(FiberId.none)
  const start: Start<A, E> = (resume) => {
    state.resume = resume
    Deferred.unsafeDone(started, Exit.void)
    return () => void state.cancelled++
  }
  return { state, started, step: cancellable(start) }
}

describe("cancellable", () => {
  it.effect("hands over the result given at once, or later", () =>
    Effect.gen(function*() {
      expect(yield* cancellable<number, never>((resume) => (resume(Effect.succeed(1)), () => {}))).toBe(1)

      const later = manual<string, never>()
      const fiber = yield* Effect.fork(later.step)
      yield* Deferred.await(later.started)
      later.state.resume!(Effect.succeed("answer"))
      expect(yield* Fiber.join(fiber)).toBe("answer")
      expect(later.state.cancelled).toBe(0)
    }))

  it.effect("hands over a failure as a failure, and a throwing start as a defect", () =>
    Effect.gen(function*() {
      const failed = yield* Effect.exit(cancellable<never, string>((resume) => (resume(Effect.fail("no")), () => {})))
      expect(failed).toStrictEqual(Exit.fail("no"))

      const thrown = yield* Effect.exit(cancellable<never, never>(() => {
        throw new Error("start broke")
      }))
      expect(Exit.isFailure(thrown) && Cause.isDie(thrown.cause)).toBe(true)
    }))

  it.effect("interrupting the fiber while it waits stops the step once; a late answer changes nothing", () =>
    Effect.gen(function*() {
      const { started, state, step } = manual<number, never>()
      const fiber = yield* Effect.fork(step)
      yield* Deferred.await(started)
      const exit = yield* Fiber.interrupt(fiber)
      expect(Exit.isInterrupted(exit)).toBe(true)
      expect(state.cancelled).toBe(1)
      state.resume!(Effect.succeed(1))
      expect(state.cancelled).toBe(1)
    }))

  it.effect("in a region that cannot be interrupted, the wait goes on: the step answers and is not stopped", () =>
    Effect.gen(function*() {
      const { started, state, step } = manual<number, never>()
      const answered = yield* Deferred.make<number>()
      const fiber = yield* Effect.fork(
        Effect.uninterruptible(Effect.flatMap(step, (n) => Deferred.succeed(answered, n)))
      )
      yield* Deferred.await(started)
      const interrupting = yield* Effect.fork(Fiber.interrupt(fiber))
      yield* Effect.yieldNow()
      expect(state.cancelled).toBe(0)
      state.resume!(Effect.succeed(7))
      yield* Fiber.join(interrupting)
      expect(yield* Deferred.await(answered)).toBe(7)
      expect(state.cancelled).toBe(0)
    }))

  it.effect("a region that restores interruption makes the wait interruptible again", () =>
    Effect.gen(function*() {
      const { started, state, step } = manual<number, never>()
      const fiber = yield* Effect.fork(Effect.uninterruptibleMask((restore) => restore(step)))
      yield* Deferred.await(started)
      const exit = yield* Fiber.interrupt(fiber)
      expect(Exit.isInterrupted(exit)).toBe(true)
      expect(state.cancelled).toBe(1)
    }))

  it.effect("a step that answered is not stopped by a later interruption of its fiber", () =>
    Effect.gen(function*() {
      const first = manual<number, never>()
      const gate = yield* Deferred.make<void>()
      const fiber = yield* Effect.fork(Effect.zipRight(first.step, Deferred.await(gate)))
      yield* Deferred.await(first.started)
      first.state.resume!(Effect.succeed(1))
      yield* Effect.yieldNow()
      yield* Fiber.interrupt(fiber)
      expect(first.state.cancelled).toBe(0)
    }))

  it.effect("each fiber's interruption stops its own step, among many waiting at once", () =>
    Effect.gen(function*() {
      const steps = Array.from({ length: 8 }, () => manual<number, never>())
      const fibers = yield* Effect.forEach(steps, ({ step }) => Effect.fork(step))
      yield* Effect.forEach(steps, ({ started }) => Deferred.await(started))
      yield* Fiber.interrupt(fibers[3]!)
      expect(steps.map(({ state }) => state.cancelled)).toStrictEqual([0, 0, 0, 1, 0, 0, 0, 0])
      steps.forEach(({ state }, index) => state.resume!(Effect.succeed(index)))
      const results = yield* Effect.forEach(fibers, Fiber.await)
      expect(results.map((exit) => Exit.isSuccess(exit) ? exit.value : "interrupted"))
        .toStrictEqual([0, 1, 2, "interrupted", 4, 5, 6, 7])
    }))

  it.effect("steps one after another and many at once each get their own result", () =>
    Effect.gen(function*() {
      const delayed = (value: number) =>
        cancellable<number, never>((resume) => {
          const timer = setTimeout(() => resume(Effect.succeed(value)), value % 3)
          return () => clearTimeout(timer)
        })
      const values = Array.from({ length: 200 }, (_, index) => index)
      expect(yield* Effect.forEach(values, (value) => Effect.map(delayed(value), (got) => got - value)))
        .toStrictEqual(values.map(() => 0))
      expect(yield* Effect.forEach(values, delayed, { concurrency: 16 })).toStrictEqual(values)
    }), { timeout: 10_000 })
})
