/**
 * Test wiring for the v1 client: a fresh simulator on 127.0.0.1 per test and the client configured against it.
 */
import { AmsConfig, AmsHttp, RetryPolicy } from "@ams-effect/core"
import { DemoData, Simulator } from "@ams-effect/simulator"
import { V1Client } from "@ams-effect/v1"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Effect, Layer, Redacted } from "effect"

export interface Options {
  readonly simulator?: Simulator.Options
  readonly account?: { readonly username: string; readonly password: string }
  readonly retry?: Parameters<typeof RetryPolicy.layer>[0]
}

/** `V1Client` (and the pipeline and session) against the `Simulator` in context, over real HTTP (undici). */
export const clientLayer = (options: Omit<Options, "simulator"> = {}) => {
  const account = options.account ?? DemoData.coach
  const config = Layer.unwrapEffect(Effect.map(Simulator.Simulator, (simulator) =>
    AmsConfig.layer({
      url: simulator.siteUrl,
      username: account.username,
      password: Redacted.make(account.password)
    }))).pipe(Layer.orDie)
  return V1Client.layer.pipe(
    Layer.provideMerge(AmsHttp.layerWithSession),
    Layer.provide(config),
    Layer.provide(RetryPolicy.layer(options.retry ?? {})),
    Layer.provide(NodeHttpClient.layerUndici)
  )
}

/** A fresh simulator and the client against it. */
export const layer = (options: Options = {}) =>
  clientLayer(options).pipe(Layer.provideMerge(Simulator.layer(options.simulator)))

/** The simulator's requests to one route. */
export const requestsTo = (route: string) =>
  Effect.flatMap(
    Simulator.Simulator,
    (simulator) => Effect.map(simulator.requests, (requests) => requests.filter((request) => request.route === route))
  )

/** The demo data with `count` more athletes (ids from 30001) in a group "Big Squad" that the coach coaches. */
export const withAthletes = (count: number): DemoData.SeedData => {
  const data = DemoData.make()
  const ids = Array.from({ length: count }, (_, i) => 30_001 + i)
  return {
    ...data,
    users: [
      ...data.users,
      ...ids.map((userId): DemoData.UserRecord => ({
        userId,
        firstName: "Athlete",
        lastName: `Number ${userId}`,
        dob: "01/01/2000",
        middleName: "",
        emailAddress: `athlete.${userId}@example.com`,
        knownAs: "",
        organisationalId: -1,
        username: `athlete.${userId}`,
        sex: "UNSPECIFIED",
        uuid: ""
      }))
    ],
    groups: [...data.groups, { name: "Big Squad", members: ids }],
    accounts: data.accounts.map((account) =>
      account.username === DemoData.coach.username
        ? { ...account, coachGroups: [...account.coachGroups, "Big Squad"] }
        : account
    )
  }
}
