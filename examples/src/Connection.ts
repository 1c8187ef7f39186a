/**
 * How the examples connect: to the AMS site named by `AMS_URL` (or `AMS_SERVER` + `AMS_SITE`) with
 * `AMS_USERNAME` / `AMS_PASSWORD` when they are set, otherwise to an embedded simulator with demo data.
 */
import { AmsConfig, AmsHttp, UndiciHttpClient } from "@ams-effect/core"
import { DemoData, Simulator } from "@ams-effect/simulator"
import { V1Client } from "@ams-effect/v1"
import { V2Client } from "@ams-effect/v2"
import { V3Client } from "@ams-effect/v3"
import { Config, Context, Effect, Layer, Option, Redacted } from "effect"

/** Where the examples run, for the report. */
export class Target extends Context.Tag("examples/Target")<Target, {
  readonly description: string
  /** The embedded simulator, when there is one (examples inject faults into it). */
  readonly simulator: Option.Option<Simulator.Service>
}>() {}

const embedded = Layer.unwrapEffect(Effect.map(Simulator.Simulator, (simulator) =>
  Layer.merge(
    AmsConfig.layer({
      url: simulator.siteUrl,
      username: DemoData.coach.username,
      password: Redacted.make(DemoData.coach.password),
      appId: "ams-effect.examples"
    }),
    Layer.succeed(Target, {
      description: `the embedded simulator at ${simulator.siteUrl} (user ${DemoData.coach.username})`,
      simulator: Option.some(simulator)
    })
  ))).pipe(Layer.provide(Simulator.layer()))

const remote = Layer.effect(
  Target,
  Effect.map(AmsConfig.AmsConfig, (config) => ({
    description: `${config.siteUrl} (user ${config.username})`,
    simulator: Option.none()
  }))
).pipe(Layer.provideMerge(AmsConfig.layerConfig()))

const connection = Layer.unwrapEffect(
  Effect.map(
    Config.option(Config.string("AMS_URL")).pipe(Config.orElse(() => Config.option(Config.string("AMS_SERVER")))),
    (url) => (Option.isSome(url) ? remote : embedded)
  )
)

/** Everything the examples use: the v1, v2 and v3 clients, the pipeline and session, the target. */
export const layer = Layer.mergeAll(V1Client.layer, V2Client.layer, V3Client.layer).pipe(
  Layer.provideMerge(AmsHttp.layerWithSession),
  Layer.provideMerge(connection),
  Layer.provide(UndiciHttpClient.layer)
)
