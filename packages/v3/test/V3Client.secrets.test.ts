/**
 * A v3 error body that echoes the request's session (a careless server or proxy) reaches no error with it.
 */
import { Session } from "@ams-effect/core"
import { Fault, Simulator } from "@ams-effect/simulator"
import { V3Client } from "@ams-effect/v3"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { errorBody, layer } from "./fixtures.js"

describe("V3Client and secrets", () => {
  it.effect("an error body echoing the session token is V3ItemNotFound with the token redacted", () =>
    Effect.gen(function*() {
      const client = yield* V3Client.V3Client
      const simulator = yield* Simulator.Simulator
      const token = Redacted.value((yield* Effect.flatMap(Session.Session, (session) => session.current)).token)
      const echo = errorBody(404, "/api/v3/group-athletes/9999", [
        { errorCode: "itemNotFound", message: `Could not find group 9999 for session ${token}.` }
      ])
      yield* simulator.addFault(
        Fault.rule(Fault.Status({ status: 404, body: echo }), { route: "v3/group-athletes/:id", times: 1 })
      )
      const error = yield* Effect.flip(client.groupAthletes(9999))
      expect(error._tag).toBe("V3ItemNotFound")
      if (error._tag !== "V3ItemNotFound") return
      expect(error.body.errors[0]?.message).toBe("Could not find group 9999 for session <redacted>.")
      for (const text of [String(error), JSON.stringify(error), error.message]) expect(text).not.toContain(token)
    }).pipe(Effect.provide(layer())))
})
