/**
 * The soak: a mixed workload (synchronise, searches, imports, profile imports, v2 and v3 reads, AgileAssets
 * creates and updates) run at a given concurrency against the simulator with faults on — 503s, 429s with
 * `Retry-After`, connection resets before and after the server applied a write, cut-off bodies, HTML pages with
 * 200, expired sessions, latency. Every write is kept in a ledger; a write whose outcome is unknown is resolved by
 * looking it up on the server (`Reconcile`) and sent again only if it is missing. At the end the ledger is
 * compared with the simulator's state: events lost and duplicated must be 0, and so must defects.
 */
import { AgileClient, AgileConfig, Q } from "@ams-effect/agileassets"
import { AmsConfig, AmsHttp, RetryPolicy } from "@ams-effect/core"
import { DemoData, Fault, Simulator } from "@ams-effect/simulator"
import { type Event, Reconcile, V1Client } from "@ams-effect/v1"
import { PersonFilter, V2Client } from "@ams-effect/v2"
import { V3Client } from "@ams-effect/v3"
import type { Duration } from "effect"
import { Cause, Effect, Exit, Fiber, FiberRef, HashSet, Layer, Logger, LogLevel, Redacted, Schedule } from "effect"
import { type HttpClientName, httpClients } from "./HttpClients.js"

export interface Options {
  readonly operations: number
  readonly concurrency: number
  /** Seeds the simulator's fault decisions and the workload's choices. */
  readonly seed: number
  readonly expireSessionsEvery: Duration.DurationInput
  readonly faults: boolean
  /** The HTTP client under the pipeline: Effect's undici client by default, or this project's leaner one. */
  readonly httpClient?: HttpClientName | undefined
}

export interface Figures {
  readonly operations: number
  readonly byKind: Readonly<Record<string, number>>
  readonly retries: number
  readonly logins: number
  readonly sessionExpiries: number
  readonly requests: number
  readonly faultsInjected: Readonly<Record<string, number>>
  /** First-attempt failures, by tag (writes are then resolved; reads are counted and left). */
  readonly typedFailures: Readonly<Record<string, number>>
  readonly unknownOutcomesResolved: number
  readonly eventsWritten: number
  readonly eventsLost: number
  readonly eventsDuplicated: number
  /** Stored by the server but unknown to the ledger (a write the workload gave up on). */
  readonly eventsUnaccounted: number
  readonly workOrdersWritten: number
  readonly workOrdersLost: number
  readonly workOrdersDuplicated: number
  readonly workOrdersUnaccounted: number
  readonly defects: number
  readonly wallMillis: number
}

const faultRules = (): ReadonlyArray<Fault.FaultRule> => [
  Fault.rule(Fault.Status({ status: 503 }), { probability: 0.04 }),
  Fault.rule(Fault.RateLimited({ retryAfterSeconds: 1 }), { probability: 0.01 }),
  Fault.rule(Fault.ResetBeforeHandler(), { probability: 0.005 }),
  Fault.rule(Fault.ResetAfterHandler(), { probability: 0.005 }),
  Fault.rule(Fault.TruncatedJson(), { probability: 0.01 }),
  Fault.rule(Fault.HtmlOk(), { probability: 0.01 }),
  Fault.rule(Fault.ExpireSession(), { probability: 0.002 }),
  Fault.rule(Fault.Latency({ millis: 2 }), { probability: 0.05 }),
  Fault.rule(Fault.Latency({ millis: 15 }), { probability: 0.02 })
]

/** A small deterministic generator for the workload's choices. */
const random = (seed: number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6D2B79F5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const kinds = [
  ["import", 30],
  ["synchronise", 10],
  ["searchEvents", 15],
  ["users", 10],
  ["profileImport", 10],
  ["v2Persons", 8],
  ["v3Forms", 7],
  ["agileUpdate", 5],
  ["agileCreate", 5]
] as const
type Kind = (typeof kinds)[number][0]
const totalWeight = kinds.reduce((sum, [, weight]) => sum + weight, 0)
const pick = (u: number): Kind => {
  let x = u * totalWeight
  for (const [kind, weight] of kinds) {
    x -= weight
    if (x < 0) return kind
  }
  return "import"
}

const athletes = Array.from({ length: 24 }, (_, i) => 20001 + i)

/** Runs the soak and returns its figures; every run starts its own simulator. */
export const run = (options: Options): Effect.Effect<Figures> =>
  Effect.gen(function*() {
    const simulator = yield* Simulator.Simulator
    const v1 = yield* V1Client.V1Client
    const v2 = yield* V2Client.V2Client
    const v3 = yield* V3Client.V3Client
    const agile = yield* AgileClient.AgileClient
    const next = random(options.seed)
    const byKind: Record<string, number> = {}
    const typedFailures: Record<string, number> = {}
    const eventLedger = new Map<string, number>()
    const orderLedger = new Map<string, number>()
    let defects = 0
    let resolved = 0
    let expiries = 0

    const tally = (tag: string) => {
      typedFailures[tag] = (typedFailures[tag] ?? 0) + 1
    }

    /** Imports until every event is confirmed: reconciles unknown outcomes, re-sends only what is missing. */
    const importResolved = (events: ReadonlyArray<Event.EventInput>, tokens: ReadonlyArray<string>) =>
      Effect.gen(function*() {
        let pending = events.map((_, i) => i)
        for (let round = 0; pending.length > 0; round++) {
          const batch = pending.map((i) => events[i]!)
          const exit = yield* Effect.exit(v1.importEvents(batch))
          if (Exit.isSuccess(exit)) {
            exit.value.imported.forEach((r) => eventLedger.set(tokens[pending[r.index]!]!, r.eventId))
            return
          }
          const error = Cause.failureOption(exit.cause)
          if (error._tag === "None") return yield* Effect.failCause(exit.cause)
          if (round === 0) tally(error.value._tag)
          // Whatever happened, ask the server which of the pending events exist now.
          const found = yield* Reconcile.findImported(batch).pipe(
            Effect.retry(Schedule.spaced("50 millis").pipe(Schedule.compose(Schedule.recurs(20))))
          )
          resolved += found.found.length
          found.found.forEach((f) => eventLedger.set(tokens[pending[f.index]!]!, f.eventId))
          pending = found.missing.map((i) => pending[i]!)
        }
      })

    const operation = (n: number) =>
      Effect.gen(function*() {
        const kind = pick(next())
        byKind[kind] = (byKind[kind] ?? 0) + 1
        const athlete = athletes[Math.floor(next() * athletes.length)]!
        const read = <A, E extends { readonly _tag: string }>(effect: Effect.Effect<A, E>) =>
          Effect.catchAll(effect, (error) => Effect.sync(() => tally(error._tag)))
        switch (kind) {
          case "import": {
            const count = 1 + Math.floor(next() * 3)
            const tokens = Array.from({ length: count }, (_, k) => `soak-${n}-${k}`)
            const events = tokens.map((token, k): Event.EventInput => ({
              formName: "Wellness",
              userId: athlete,
              start: new Date(2032, Math.floor(n / 2000) % 12, 1 + (n % 28), 5, (n + k) % 60),
              values: { Fatigue: 1 + (n % 5), Comments: token }
            }))
            return yield* importResolved(events, tokens)
          }
          case "synchronise":
            return yield* read(v1.synchronise({ formName: "Wellness", userIds: [athlete], since: Date.now() - 60_000 }))
          case "searchEvents":
            return yield* read(
              v1.searchEvents({ forms: "Wellness", userIds: [athlete], from: "01/05/2025", to: "16/05/2025" })
            )
          case "users":
            return yield* (n % 2 === 0 ? read(v1.listGroups) : read(v1.searchUsers([{ userId: athlete }])))
          case "profileImport":
            return yield* read(
              v1.importProfile({ formName: "Athlete Profile", userId: athlete, values: { "Squad Number": n % 99 } })
            )
          case "v2Persons":
            return yield* read(v2.getPersons(PersonFilter.ids([athlete])))
          case "v3Forms":
            return yield* read(v3.formSummaries)
          case "agileUpdate":
            return yield* read(agile.updateWorkOrder(1621 + (n % 3), { DESCRIPTION: `updated by op ${n}` }))
          case "agileCreate": {
            const token = `soak-order-${n}`
            const created = yield* Effect.exit(
              agile.createWorkOrders([{ STATUS: 1, START_DATE: "20250301", DESCRIPTION: token }])
            )
            if (Exit.isSuccess(created)) return orderLedger.set(token, created.value[0]!)
            const error = Cause.failureOption(created.cause)
            if (error._tag === "Some") tally(error.value._tag)
            // Unknown outcome: look for the token; create again only if it is not there.
            for (let round = 0; round < 20; round++) {
              const rows = yield* Effect.either(
                agile.workOrders({ filter: Q.eq("DESCRIPTION", token), projection: ["WORK_ORDER_ID"] })
              )
              if (rows._tag === "Left") continue
              resolved += rows.right.length > 0 ? 1 : 0
              if (rows.right.length > 0) return orderLedger.set(token, Number(rows.right[0]!["WORK_ORDER_ID"]))
              const again = yield* Effect.exit(
                agile.createWorkOrders([{ STATUS: 1, START_DATE: "20250301", DESCRIPTION: token }])
              )
              if (Exit.isSuccess(again)) return orderLedger.set(token, again.value[0]!)
            }
            return
          }
        }
      }).pipe(
        Effect.catchAllCause((cause) =>
          Effect.sync(() => {
            if (Cause.isDie(cause) || Cause.isInterrupted(cause)) defects++
            else {for (const error of Cause.failures(cause)) {
                tally((error as { readonly _tag?: string })._tag ?? "unknown")
              }}
          })
        )
      )

    let retries = 0
    const countRetries = Logger.make(({ message }) => {
      if (String(Array.isArray(message) ? message.join(" ") : message).includes("retrying")) retries++
    })

    if (options.faults) { for (const rule of faultRules()) yield* simulator.addFault(rule) }
    const started = Date.now()
    const expirer = yield* Effect.fork(
      Effect.repeat(
        Effect.zipRight(simulator.expireAllSessions, Effect.sync(() => void expiries++)),
        Schedule.spaced(options.expireSessionsEvery)
      ).pipe(Effect.delay(options.expireSessionsEvery))
    )
    yield* Effect.forEach(Array.from({ length: options.operations }, (_, n) => n), operation, {
      concurrency: options.concurrency,
      discard: true
    }).pipe(
      Effect.locally(FiberRef.currentLoggers, HashSet.make(countRetries)),
      Logger.withMinimumLogLevel(LogLevel.Debug)
    )
    const wallMillis = Date.now() - started
    yield* Fiber.interrupt(expirer)
    yield* simulator.clearFaults

    // The ledger against the server's state.
    const counts = (values: ReadonlyArray<string>) => {
      const map = new Map<string, number>()
      for (const value of values) map.set(value, (map.get(value) ?? 0) + 1)
      return map
    }
    const storedEvents = yield* simulator.events
    const eventTokens = counts(storedEvents.flatMap((event) =>
      event.rows.flatMap((row) =>
        row.pairs.filter((p) => p.key === "Comments" && p.value.startsWith("soak-")).map((p) => p.value)
      )
    ))
    const storedOrders = yield* simulator.agileTable("WORK_ORDERS")
    const orderTokens = counts(
      storedOrders.map((row) =>
        String(row["DESCRIPTION"])
      ).filter((d) => d.startsWith("soak-order-"))
    )
    const compare = (ledger: ReadonlyMap<string, number>, stored: ReadonlyMap<string, number>) => ({
      lost: [...ledger.keys()].filter((token) => !stored.has(token)).length,
      duplicated: [...stored.values()].filter((count) => count > 1).reduce((sum, count) => sum + count - 1, 0),
      unaccounted: [...stored.keys()].filter((token) => !ledger.has(token)).length
    })
    const events = compare(eventLedger, eventTokens)
    const orders = compare(orderLedger, orderTokens)
    const counters = yield* simulator.counters
    return {
      operations: options.operations,
      byKind,
      retries,
      logins: counters.logins,
      sessionExpiries: expiries,
      requests: counters.requests,
      faultsInjected: counters.faults,
      typedFailures,
      unknownOutcomesResolved: resolved,
      eventsWritten: eventLedger.size,
      eventsLost: events.lost,
      eventsDuplicated: events.duplicated,
      eventsUnaccounted: events.unaccounted,
      workOrdersWritten: orderLedger.size,
      workOrdersLost: orders.lost,
      workOrdersDuplicated: orders.duplicated,
      workOrdersUnaccounted: orders.unaccounted,
      defects,
      wallMillis
    }
  }).pipe(Effect.provide(layer(options)))

const layer = (options: Options) => {
  const config = Layer.unwrapEffect(Effect.map(Simulator.Simulator, (simulator) =>
    Layer.merge(
      AmsConfig.layer({
        url: simulator.siteUrl,
        username: DemoData.coach.username,
        password: Redacted.make(DemoData.coach.password),
        timeout: "10 seconds"
      }),
      AgileConfig.layer({ url: simulator.agileUrl })
    ))).pipe(Layer.orDie)
  return Layer.mergeAll(V1Client.layer, V2Client.layer, V3Client.layer).pipe(
    Layer.provideMerge(AmsHttp.layerWithSession),
    Layer.merge(AgileClient.layer),
    Layer.provide(config),
    Layer.provide(RetryPolicy.layer({ maxRetries: 6, baseDelay: "20 millis", maxDelay: "500 millis" })),
    Layer.provideMerge(Simulator.layer({ seed: options.seed })),
    Layer.provide(httpClients[options.httpClient ?? "NodeHttpClient.layerUndici"])
  )
}
