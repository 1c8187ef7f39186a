/**
 * Test wiring shared by the client packages' tests: the core pipeline and session configured against the
 * simulator on 127.0.0.1, over real HTTP (undici), and the questions tests ask the simulator.
 */
import * as AmsConfig from "@ams-effect/core/AmsConfig"
import * as AmsHttp from "@ams-effect/core/AmsHttp"
import * as RetryPolicy from "@ams-effect/core/RetryPolicy"
import * as DemoData from "@ams-effect/simulator/DemoData"
import * as Simulator from "@ams-effect/simulator/Simulator"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

export interface Options {
  readonly simulator?: Simulator.Options
  /** The API account; the demo coach by default. */
  readonly account?: { readonly username: string; readonly password: string }
  readonly retry?: Parameters<typeof RetryPolicy.layer>[0]
  /** Settings on top of the site URL and the account (a timeout, `v1Auth`…). */
  readonly config?: Partial<AmsConfig.Options>
}

/** `AmsHttp` and `Session` against the `Simulator` in context. */
export const connection = (options: Omit<Options, "simulator"> = {}) => {
  const account = options.account ?? DemoData.coach
  const config = Layer.unwrapEffect(Effect.map(Simulator.Simulator, (simulator) =>
    AmsConfig.layer({
      url: simulator.siteUrl,
      username: account.username,
      password: Redacted.make(account.password),
      ...options.config
    }))).pipe(Layer.orDie)
  return AmsHttp.layerWithSession.pipe(
    Layer.provide(config),
    Layer.provide(RetryPolicy.layer(options.retry ?? {})),
    Layer.provide(NodeHttpClient.layerUndici)
  )
}

/** A fresh simulator, and `AmsHttp` and `Session` against it. */
export const layer = (options: Options = {}) =>
  connection(options).pipe(Layer.provideMerge(Simulator.layer(options.simulator)))

/** The simulator's requests, optionally only those to one route (`"v1/listgroups"`). */
export const requestsTo = (route?: string) =>
  Effect.flatMap(
    Simulator.Simulator,
    (simulator) =>
      Effect.map(simulator.requests, (requests) =>
        route === undefined ? requests : requests.filter((r) => r.route === route))
  )

/** Successful logins so far. */
export const logins = Effect.flatMap(
  Simulator.Simulator,
  (simulator) => Effect.map(simulator.counters, (counters) => counters.logins)
)

/**
 * What became of a call that should be refused: `field: reason` of an `InvalidRequest`, else the error's tag, or
 * `"succeeded"`. A test of a refusal then fails with a readable value whatever happened, rather than with the call's
 * success taken for its error.
 */
export const refusal = <A, E extends { readonly _tag: string }>(effect: Effect.Effect<A, E>) =>
  Effect.match(effect, {
    onFailure: (error) =>
      error._tag === "InvalidRequest" && "field" in error && "reason" in error
        ? `${String(error.field)}: ${String(error.reason)}`
        : error._tag,
    onSuccess: () => "succeeded"
  })
