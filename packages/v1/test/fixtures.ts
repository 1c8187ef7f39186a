/**
 * Test wiring for the v1 client: a fresh simulator on 127.0.0.1 per test and the client configured against it.
 */
import { AmsConfig, AmsHttp } from "@ams-effect/core"
import { DemoData, Simulator } from "@ams-effect/simulator"
import { V1Client } from "@ams-effect/v1"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Effect, Layer, Redacted } from "effect"

export interface Options {
  readonly simulator?: Simulator.Options
  readonly account?: { readonly username: string; readonly password: string }
}

/** Simulator + `V1Client` over real HTTP (undici). */
export const layer = (options: Options = {}) => {
  const account = options.account ?? DemoData.coach
  const config = Layer.unwrapEffect(Effect.map(Simulator.Simulator, (simulator) =>
    AmsConfig.layer({
      url: simulator.siteUrl,
      username: account.username,
      password: Redacted.make(account.password)
    }))).pipe(Layer.orDie)
  return V1Client.layer.pipe(
    Layer.provideMerge(AmsHttp.layerWithSession),
    Layer.provideMerge(config),
    Layer.provideMerge(Simulator.layer(options.simulator)),
    Layer.provide(NodeHttpClient.layerUndici)
  )
}

/** The simulator's requests to one route. */
export const requestsTo = (route: string) =>
  Effect.flatMap(
    Simulator.Simulator,
    (simulator) => Effect.map(simulator.requests, (requests) => requests.filter((request) => request.route === route))
  )
