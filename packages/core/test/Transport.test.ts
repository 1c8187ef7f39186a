/**
 * The transport on its own, where a request reaches it that the client configuration could not have checked.
 */
import { AmsRequest, RetryPolicy, Transport } from "@ams-effect/core"
import { Simulator } from "@ams-effect/simulator"
import * as HttpClient from "@effect/platform/HttpClient"
import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Layer } from "effect"
import { httpClients } from "./fixtures.js"

describe.each(httpClients)("Transport on %s", (_, httpClient) => {
  it.scoped("a header value the HTTP client refuses is InvalidRequest, not retried, and nothing is sent", () =>
    Effect.gen(function*() {
      const simulator = yield* Simulator.Simulator
      const transport = Transport.make(
        {
          url: () => `${simulator.siteUrl}/api/v1/listgroups?informat=json&format=json`,
          userAgent: "ams-effect.tests",
          headers: { "x-app-id": "app\r\nX-Injected: 1" },
          timeout: Duration.seconds(5)
        },
        yield* HttpClient.HttpClient,
        RetryPolicy.defaults
      )
      const error = yield* Effect.flip(transport.send(AmsRequest.read("v1", "listgroups", {}), { _tag: "None" }))
      expect(error._tag).toBe("InvalidRequest")
      if (error._tag === "InvalidRequest") {
        expect(error.field).toBe("request")
        expect(error.reason).toContain("x-app-id")
      }
      expect(yield* simulator.requests).toHaveLength(0)
    }).pipe(Effect.provide(Layer.merge(Simulator.layer(), httpClient))))
})
