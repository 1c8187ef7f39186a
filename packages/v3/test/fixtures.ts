/**
 * Test wiring for the v3 client: a fresh simulator on 127.0.0.1 per test and the client configured against it.
 */
import { AmsConfig, AmsHttp, RetryPolicy } from "@ams-effect/core"
import { DemoData, Simulator } from "@ams-effect/simulator"
import { V3Client } from "@ams-effect/v3"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Effect, Layer, Redacted } from "effect"

export interface Options {
  readonly simulator?: Simulator.Options
  readonly account?: { readonly username: string; readonly password: string }
  readonly retry?: Parameters<typeof RetryPolicy.layer>[0]
}

/** `V3Client` (and the pipeline and session) against the `Simulator` in context, over real HTTP (undici). */
export const clientLayer = (options: Omit<Options, "simulator"> = {}) => {
  const account = options.account ?? DemoData.coach
  const config = Layer.unwrapEffect(Effect.map(Simulator.Simulator, (simulator) =>
    AmsConfig.layer({
      url: simulator.siteUrl,
      username: account.username,
      password: Redacted.make(account.password)
    }))).pipe(Layer.orDie)
  return V3Client.layer.pipe(
    Layer.provideMerge(AmsHttp.layerWithSession),
    Layer.provide(config),
    Layer.provide(RetryPolicy.layer(options.retry ?? {})),
    Layer.provide(NodeHttpClient.layerUndici)
  )
}

/** A fresh simulator and the client against it. */
export const layer = (options: Options = {}) =>
  clientLayer(options).pipe(Layer.provideMerge(Simulator.layer(options.simulator)))

/** The simulator's requests, optionally only those to one route (`"v3/forms/:type/:id"`). */
export const requestsTo = (route?: string) =>
  Effect.flatMap(
    Simulator.Simulator,
    (simulator) =>
      Effect.map(
        simulator.requests,
        (requests) => route === undefined ? requests : requests.filter((request) => request.route === route)
      )
  )

/** A v3 error body, as the server writes it. */
export const errorBody = (
  status: number,
  href: string,
  errors: ReadonlyArray<{ readonly errorCode: string; readonly message: string }>
): string => JSON.stringify({ status, href, errors: errors.map((error) => ({ ...error, metaData: null })) })
