/**
 * Test wiring for the AgileAssets client: a fresh simulator on 127.0.0.1 per test and the client against its
 * AgileAssets API, over real HTTP (undici), with the authentication each side is given (none by default).
 */
import { AgileClient, AgileConfig } from "@ams-effect/agileassets"
import { Simulator } from "@ams-effect/simulator"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Effect, Layer, Redacted } from "effect"

type Auth = AgileConfig.Auth

/** A fresh simulator, and the AgileAssets client against it over real HTTP (undici). */
export const layer = (options: { readonly server?: Auth; readonly client?: Auth } = {}) => {
  const config = Layer.unwrapEffect(
    Effect.map(
      Simulator.Simulator,
      (simulator) => AgileConfig.layer({ url: simulator.agileUrl, auth: options.client ?? { _tag: "None" } })
    )
  ).pipe(Layer.orDie)
  const serverAuth = options.server ?? { _tag: "None" }
  return AgileClient.layer.pipe(
    Layer.provide(config),
    Layer.provideMerge(
      Simulator.layer({
        agileAssets: {
          auth: serverAuth._tag === "Basic"
            ? { _tag: "Basic", username: serverAuth.username, password: Redacted.value(serverAuth.password) }
            : serverAuth._tag === "Bearer"
            ? { _tag: "Bearer", token: Redacted.value(serverAuth.token) }
            : { _tag: "None" }
        }
      })
    ),
    Layer.provide(NodeHttpClient.layerUndici)
  )
}
