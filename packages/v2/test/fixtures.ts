/**
 * Test wiring for the v2 client: a fresh simulator on 127.0.0.1 per test, and the v2 (and v1, to check effects
 * across versions) clients configured against it.
 */
import type { Simulator } from "@ams-effect/simulator"
import { DemoData } from "@ams-effect/simulator"
import { AmsTest } from "@ams-effect/testing"
import { V1Client } from "@ams-effect/v1"
import { V2Client } from "@ams-effect/v2"
import { Layer } from "effect"

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
export const layer = (options: Simulator.Options = {}) =>
  Layer.mergeAll(V2Client.layer, V1Client.layer).pipe(
    Layer.provideMerge(AmsTest.layer({ simulator: { data: seedData(), ...options } }))
  )

/** The simulator's requests to one route. */
export const requestsTo = AmsTest.requestsTo

/** Successful logins so far. */
export const logins = AmsTest.logins
