/**
 * Test wiring for the v1 client: a fresh simulator on 127.0.0.1 per test and the client configured against it.
 */
import { DemoData } from "@ams-effect/simulator"
import { AmsTest } from "@ams-effect/testing"
import { V1Client } from "@ams-effect/v1"
import { Layer } from "effect"

export type Options = AmsTest.Options

/** `V1Client` (and the pipeline and session) against the `Simulator` in context, over real HTTP (undici). */
export const clientLayer = (options: Omit<Options, "simulator"> = {}) =>
  V1Client.layer.pipe(Layer.provideMerge(AmsTest.connection(options)))

/** A fresh simulator and the client against it. */
export const layer = (options: Options = {}) => V1Client.layer.pipe(Layer.provideMerge(AmsTest.layer(options)))

/** The simulator's requests to one route. */
export const requestsTo = AmsTest.requestsTo

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
