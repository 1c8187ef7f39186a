/**
 * Test wiring for the v2 client: a fresh simulator on 127.0.0.1 per test, and the v2 (and v1, to check effects
 * across versions) clients configured against it.
 */
import { AmsConfig, AmsHttp } from "@ams-effect/core"
import { DemoData, Simulator } from "@ams-effect/simulator"
import { V1Client } from "@ams-effect/v1"
import { V2Client } from "@ams-effect/v2"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Effect, Layer, Redacted } from "effect"

/** The demo data, with the coach allowed to write the Injury Report form (which has a file field). */
export const seedData = (): DemoData.SeedData => {
  const data = DemoData.make()
  return {
    ...data,
    accounts: data.accounts.map((account) =>
      account.username === DemoData.coach.username
        ? { ...account, formAccess: { ...account.formAccess, "Injury Report": "write" } }
        : account
    )
  }
}

/** A fresh simulator, and the v1 and v2 clients against it over real HTTP (undici). */
export const layer = (options: Simulator.Options = {}) => {
  const config = Layer.unwrapEffect(Effect.map(Simulator.Simulator, (simulator) =>
    AmsConfig.layer({
      url: simulator.siteUrl,
      username: DemoData.coach.username,
      password: Redacted.make(DemoData.coach.password)
    }))).pipe(Layer.orDie)
  return Layer.mergeAll(V2Client.layer, V1Client.layer).pipe(
    Layer.provideMerge(AmsHttp.layerWithSession),
    Layer.provide(config),
    Layer.provideMerge(Simulator.layer({ data: seedData(), ...options })),
    Layer.provide(NodeHttpClient.layerUndici)
  )
}

/** The simulator's requests to one route. */
export const requestsTo = (route: string) =>
  Effect.flatMap(
    Simulator.Simulator,
    (simulator) => Effect.map(simulator.requests, (requests) => requests.filter((request) => request.route === route))
  )

/** Successful logins so far. */
export const logins = Effect.flatMap(
  Simulator.Simulator,
  (simulator) => Effect.map(simulator.counters, (counters) => counters.logins)
)
