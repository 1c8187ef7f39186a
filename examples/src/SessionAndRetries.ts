/**
 * Session expiry and retries, made visible: the library logs a re-login at Info and each retry at Debug. Here the
 * simulator expires the session and answers 503, 503 and then 429 with `Retry-After: 1`; the calls still succeed,
 * and the library's own log lines show what happened. (Against a real server the calls simply run.)
 */
import { Fault } from "@ams-effect/simulator"
import { V1Client } from "@ams-effect/v1"
import { Console, Effect, FiberRef, HashSet, Logger, LogLevel, Option } from "effect"
import { Target } from "./Connection.js"

export const title = "Session expiry and retries, visible in the library's logs"

export const program = Effect.gen(function*() {
  const v1 = yield* V1Client.V1Client
  const target = yield* Target
  const lines: Array<string> = []
  const keep = Logger.make(({ logLevel, message }) => {
    lines.push(`${logLevel.label.padEnd(5)} ${Array.isArray(message) ? message.join(" ") : String(message)}`)
  })

  const calls = Effect.gen(function*() {
    yield* v1.listGroups
    if (Option.isSome(target.simulator)) {
      const simulator = target.simulator.value
      yield* simulator.expireAllSessions
      yield* simulator.addFault(Fault.rule(Fault.Status({ status: 503 }), { route: "v1/listgroups", times: 2 }))
      yield* simulator.addFault(
        Fault.rule(Fault.RateLimited({ retryAfterSeconds: 1 }), { route: "v1/currentgroup", times: 1 })
      )
    }
    const groups = yield* v1.listGroups
    const current = yield* v1.currentGroup
    return `${groups.length} groups, ${current.length} users in the current group`
  })
  const started = Date.now()
  // Only this logger while the calls run, so that the lines come out below, in order.
  const result = yield* calls.pipe(
    Effect.locally(FiberRef.currentLoggers, HashSet.make(keep)),
    Logger.withMinimumLogLevel(LogLevel.Debug)
  )
  yield* Console.log(
    `✓ after an expired session, two 503s and a 429: ${result} (${((Date.now() - started) / 1000).toFixed(1)} s)`
  )
  yield* Console.log("  the library logged:")
  for (const line of lines) yield* Console.log(`    ${line}`)
})
