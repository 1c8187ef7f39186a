/**
 * An in-memory Smartabase / Teamworks AMS server on 127.0.0.1, speaking the wire conventions of `spec/smartabase.md`,
 * and beside it the AgileAssets AMS REST API v1 of `spec/agileassets.md` under `/{instance}/rest/v1/`, with seeded
 * fault injection, a request log and counters. Tests get its URL from the `Simulator` service; the
 * server closes when the layer's scope ends.
 *
 * @since 0.1.0
 */
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as Headers from "@effect/platform/Headers"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import * as Http from "node:http"
import * as AgileData from "./AgileData.js"
import * as DemoData from "./DemoData.js"
import type * as Fault from "./Fault.js"
import * as App from "./internal/app.js"
import { defaultLogLimit, SimulatorState } from "./internal/state.js"
import type * as RequestLog from "./RequestLog.js"

/**
 * A rule deciding when to inject a fault (see the `Fault` module).
 *
 * @since 0.1.0
 * @category models
 */
export type FaultRule = Fault.FaultRule

/**
 * A request as the simulator logged it (see the `RequestLog` module).
 *
 * @since 0.1.0
 * @category models
 */
export type LoggedRequest = RequestLog.LoggedRequest

/**
 * Totals since the simulator started (see the `RequestLog` module).
 *
 * @since 0.1.0
 * @category models
 */
export type Counters = RequestLog.Counters

/**
 * An event as the simulator holds it: dates `dd/mm/yyyy`, times in the canonical `h:mm AM/PM` form (a 12 AM
 * import sent as `00:MM AM` reads `12:MM AM`), `modifiedAt` the epoch-ms stamp synchronise compares.
 *
 * @since 0.1.0
 * @category models
 */
export interface StoredEvent {
  readonly id: number
  readonly formName: string
  readonly userId: number
  readonly startDate: string
  readonly startTime: string
  readonly finishDate: string
  readonly finishTime: string
  readonly enteredByUserId: number
  readonly rows: ReadonlyArray<DemoData.EventRow>
  readonly modifiedAt: number
}

/**
 * A profile record as the simulator holds it (one per form and user).
 *
 * @since 0.1.0
 * @category models
 */
export interface StoredProfile {
  readonly id: number
  readonly formName: string
  readonly userId: number
  readonly enteredByUserId: number
  readonly rows: ReadonlyArray<DemoData.EventRow>
  readonly modifiedAt: number
}

/**
 * A file uploaded through `/x/fileupload`: `name` is the server's name (`<name>_<epochms>.<ext>`), `originalName`
 * the `filename` sent, `processorKey` `"document-key"` or `"avatar-key"`, `size` in bytes.
 *
 * @since 0.1.0
 * @category models
 */
export interface StoredFile {
  readonly id: number
  readonly name: string
  readonly originalName: string
  readonly processorKey: string
  readonly size: number
}

/**
 * The credential the AgileAssets routes require: none (the default, as in the vendor's examples), HTTP Basic, or a
 * Bearer token. A missing or wrong one is answered 401 with a text/plain body.
 *
 * @since 0.1.0
 * @category models
 */
export type AgileAuth =
  | { readonly _tag: "None" }
  | { readonly _tag: "Basic"; readonly username: string; readonly password: string }
  | { readonly _tag: "Bearer"; readonly token: string }

/**
 * How the AgileAssets AMS REST API v1 ("API 1") is served, under `/{instance}/rest/v1/`.
 *
 * @since 0.1.0
 * @category models
 */
export interface AgileAssetsOptions {
  /** The instance (web-app context): the first path segment. Default `"ams_dev"`. */
  readonly instance?: string
  /** Default `{ _tag: "None" }`. */
  readonly auth?: AgileAuth
  /** The tables to start with. Default `AgileData.make()`. */
  readonly tables?: AgileData.AgileTables
}

/**
 * A JSON error the AgileAssets routes answered, as the real server writes it to its `api.log` (§5).
 *
 * @since 0.1.0
 * @category models
 */
export interface AgileApiLogEntry {
  /** Clock time of the request. */
  readonly at: number
  readonly method: string
  readonly path: string
  readonly status: number
  readonly message: string
}

/**
 * A running simulator.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Base URL without a trailing slash, e.g. `"http://127.0.0.1:41234"`. */
  readonly url: string
  /** The site (application) name, e.g. `"demo"`. */
  readonly site: string
  /** `${url}/${site}`: what a client is configured with. */
  readonly siteUrl: string
  /** Appends a fault rule (rules are checked in the order they were added). */
  readonly addFault: (rule: FaultRule) => Effect.Effect<void>
  /** Removes every fault rule. */
  readonly clearFaults: Effect.Effect<void>
  /** The request log, in arrival order: the latest requests, as many as the `logLimit` option keeps. */
  readonly requests: Effect.Effect<ReadonlyArray<LoggedRequest>>
  /** Empties the request log (the counters keep counting). */
  readonly clearRequests: Effect.Effect<void>
  readonly counters: Effect.Effect<Counters>
  /** Expires every session now: their next request gets the expiry answer. */
  readonly expireAllSessions: Effect.Effect<void>
  /** Sessions that have not expired. */
  readonly activeSessions: Effect.Effect<number>
  /**
   * Every session token and per-login upload token the simulator handed out — test-only, so that a test can prove
   * none of them appears in an error, a log line, a span or a report.
   */
  readonly issuedSecrets: Effect.Effect<ReadonlyArray<string>>
  /** Requests being handled right now (a hung request counts until its client goes away). */
  readonly inFlight: Effect.Effect<number>
  /** The live events, ordered by id (read-only: to check that nothing was lost or duplicated). */
  readonly events: Effect.Effect<ReadonlyArray<StoredEvent>>
  /** Ids of the deleted events, in deletion order. */
  readonly deletedEventIds: Effect.Effect<ReadonlyArray<number>>
  /** The live profile records, ordered by id. */
  readonly profiles: Effect.Effect<ReadonlyArray<StoredProfile>>
  /** The uploaded files, in upload order (their bytes stay inside the simulator). */
  readonly files: Effect.Effect<ReadonlyArray<StoredFile>>
  /** The AgileAssets REST API v1 base: `${url}/${instance}/rest/v1` (no trailing slash). */
  readonly agileUrl: string
  /** A snapshot of an AgileAssets table's rows (any case; empty for an unknown table), to check writes and rollbacks. */
  readonly agileTable: (name: string) => Effect.Effect<ReadonlyArray<Readonly<Record<string, unknown>>>>
  /**
   * The JSON errors the AgileAssets routes answered, in order (the server's `api.log`): the latest, as many as the
   * `logLimit` option keeps.
   */
  readonly agileApiLog: Effect.Effect<ReadonlyArray<AgileApiLogEntry>>
}

/**
 * The `Simulator` service tag.
 *
 * @since 0.1.0
 * @category tags
 */
export class Simulator extends Context.Tag("@ams-effect/simulator/Simulator")<Simulator, Service>() {}

/**
 * How to start a simulator. Every option has a default.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** TCP port on 127.0.0.1. Default 0 (a free port). */
  readonly port?: number
  /** Site (application) name: the first path segment and the login `appName`. Default `"demo"`. */
  readonly site?: string
  /** Seed of the generator behind fault probabilities and session tokens. Default 1. */
  readonly seed?: number
  /** The accounts, users, groups, forms, events and profiles to start with. Default `DemoData.make()`. */
  readonly data?: DemoData.SeedData
  /** How long a session may stay unused before it expires (measured with the Clock). Default 30 minutes. */
  readonly sessionIdleTimeout?: Duration.DurationInput
  /** How v2 answers an expired session: RPC exception with 200, or 401. Default `"rpc"`. */
  readonly v2SessionExpiry?: "rpc" | "http401"
  /** Fault rules active from the start. Default none. */
  readonly faults?: ReadonlyArray<FaultRule>
  /**
   * How eventsearch / filteredeventsearch / profilesearch answer when nothing matches (§7.1): `{"events": []}`
   * (`"array"`), `{}` (`"object"`) or an empty body (`"empty"`). Default `"array"`.
   */
  readonly emptyResultStyle?: "array" | "object" | "empty"
  /** synchronise answers 500 to more user ids than this (§7.6). Default 100. */
  readonly maxSyncUsers?: number
  /** synchronise answers 500 when more records than this match (§7.6). Default 5000. */
  readonly maxSyncRecords?: number
  /** The AgileAssets AMS REST API v1 served beside Smartabase. Default instance `ams_dev`, no auth, demo tables. */
  readonly agileAssets?: AgileAssetsOptions
  /**
   * How many entries the request log (`requests`) and the AgileAssets `api.log` (`agileApiLog`) keep: the latest,
   * older ones dropped, so that a long-running simulator holds bounded memory (the counters count every request).
   * A whole number ≥ 0, or `Infinity` to keep every entry. Default 10,000.
   */
  readonly logLimit?: number
}

const storedEvent = (event: StoredEvent): StoredEvent => ({
  id: event.id,
  formName: event.formName,
  userId: event.userId,
  startDate: event.startDate,
  startTime: event.startTime,
  finishDate: event.finishDate,
  finishTime: event.finishTime,
  enteredByUserId: event.enteredByUserId,
  rows: event.rows,
  modifiedAt: event.modifiedAt
})

/** The `logLimit` option, or a defect naming it: a simulator set up wrongly is a bug in the test that sets it up. */
const logLimitOf = (limit: number | undefined): Effect.Effect<number> =>
  limit === undefined
    ? Effect.succeed(defaultLogLimit)
    : limit === Infinity || (Number.isInteger(limit) && limit >= 0)
    ? Effect.succeed(limit)
    : Effect.dieMessage(`Simulator option logLimit must be a whole number ≥ 0 or Infinity, not ${limit}`)

/**
 * Starts a simulator in the current scope, bound to 127.0.0.1 only.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options?: Options): Effect.Effect<Service, never, Scope.Scope> =>
  Effect.gen(function*() {
    const site = options?.site ?? "demo"
    const instance = options?.agileAssets?.instance ?? "ams_dev"
    const state = new SimulatorState({
      site,
      seed: options?.seed ?? 1,
      data: options?.data ?? DemoData.make(),
      sessionIdleTimeoutMillis: Duration.toMillis(Duration.decode(options?.sessionIdleTimeout ?? "30 minutes")),
      v2SessionExpiry: options?.v2SessionExpiry ?? "rpc",
      faults: options?.faults ?? [],
      emptyResultStyle: options?.emptyResultStyle ?? "array",
      maxSyncUsers: options?.maxSyncUsers ?? 100,
      maxSyncRecords: options?.maxSyncRecords ?? 5000,
      logLimit: yield* logLimitOf(options?.logLimit),
      agile: {
        instance,
        auth: options?.agileAssets?.auth ?? { _tag: "None" },
        tables: options?.agileAssets?.tables ?? AgileData.make()
      }
    })
    const nodeServer = Http.createServer()
    const server = yield* NodeHttpServer.make(() => nodeServer, { port: options?.port ?? 0, host: "127.0.0.1" }).pipe(
      Effect.orDie
    )
    // The server's own spans record request and response headers: keep the session token out of them too.
    yield* Effect.locallyScopedWith(Headers.currentRedactedNames, (names) => [...names, "session-header"])
    yield* server.serve(App.make(state))
    // Runs before the server closes: drops kept-alive, hung and half-answered connections, which interrupts
    // their handler fibers, so closing never waits on a request that will not end by itself.
    yield* Effect.addFinalizer(() => Effect.sync(() => nodeServer.closeAllConnections()))
    const port = server.address._tag === "TcpAddress" ? server.address.port : 0
    const url = `http://127.0.0.1:${port}`
    return Simulator.of({
      url,
      site,
      siteUrl: `${url}/${site}`,
      addFault: (rule) =>
        Effect.sync(() => {
          state.faultRules.push({ rule, matched: 0, applied: 0 })
        }),
      clearFaults: Effect.sync(() => {
        state.faultRules = []
      }),
      requests: Effect.sync(() => state.requestsSnapshot()),
      clearRequests: Effect.sync(() => state.log.clear()),
      counters: Effect.sync(() => state.counters()),
      expireAllSessions: Effect.sync(() => state.expireAllSessions()),
      activeSessions: Effect.map(Clock.currentTimeMillis, (now) => state.activeSessions(now)),
      issuedSecrets: Effect.sync(() => [...state.issuedSecrets]),
      inFlight: Effect.sync(() => state.inFlight),
      events: Effect.sync(() => state.store.eventList().map(storedEvent)),
      deletedEventIds: Effect.sync(() => state.store.deletions.map((d) => d.id)),
      profiles: Effect.sync(() => state.store.profileList().map((p) => ({ ...p }))),
      files: Effect.sync(() =>
        state.files.files.map((f): StoredFile => ({
          id: f.id,
          name: f.name,
          originalName: f.originalName,
          processorKey: f.processorKey,
          size: f.size
        }))
      ),
      agileUrl: `${url}/${instance}/rest/v1`,
      agileTable: (name) => Effect.sync(() => state.agile.snapshot(name)),
      agileApiLog: Effect.sync(() => state.agile.apiLog.latest().map((entry) => ({ ...entry })))
    })
  })

/**
 * A layer with a running simulator; the server closes when the layer is released.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options?: Options): Layer.Layer<Simulator> => Layer.scoped(Simulator, make(options))
