/**
 * The transport on its own, where a request reaches it that the client configuration could not have checked.
 */
import { AmsRequest, RetryPolicy, Transport } from "@ams-effect/core"
import { DemoData, Fault, Simulator } from "@ams-effect/simulator"
import * as HttpClient from "@effect/platform/HttpClient"
import { describe, expect, it } from "@effect/vitest"
import { Cause, Duration, Effect, Exit, Layer, Redacted, Scope } from "effect"
import { httpClients, hugeServer } from "./fixtures.js"

/** A transport to the simulator's `listgroups`, with these headers on every request. */
const listGroupsTransport = (headers: Record<string, string> = {}) =>
  Effect.gen(function*() {
    const simulator = yield* Simulator.Simulator
    return Transport.make(
      {
        url: () => `${simulator.siteUrl}/api/v1/listgroups?informat=json&format=json`,
        userAgent: "ams-effect.tests",
        headers,
        timeout: Duration.seconds(5)
      },
      yield* HttpClient.HttpClient,
      RetryPolicy.defaults
    )
  })

describe.each(httpClients)("Transport on %s", (_, httpClient) => {
  it.scoped("a JSON body goes with its content type, a request without a body with none, call after call", () =>
    Effect.gen(function*() {
      const simulator = yield* Simulator.Simulator
      const transport = yield* listGroupsTransport()
      const form = new FormData()
      form.append("name", "")
      const requests = [
        AmsRequest.read("v1", "listgroups", { name: "" }),
        AmsRequest.get("v1", "listgroups"),
        AmsRequest.make({ api: "v1", method: "POST", path: "listgroups", idempotent: true }),
        AmsRequest.write("v1", "listgroups", { name: "" }),
        AmsRequest.write("v1", "listgroups", form),
        AmsRequest.get("v1", "listgroups")
      ]
      for (const request of requests) yield* transport.send(request, { _tag: "None" })
      const sent = (yield* simulator.requests).map((request) => [request.method, request.headers["content-type"]])
      expect(sent).toEqual([
        ["POST", "application/json"],
        ["GET", undefined],
        ["POST", undefined],
        ["POST", "application/json"],
        ["POST", expect.stringMatching(/^multipart\/form-data; boundary=/)],
        ["GET", undefined]
      ])
    }).pipe(Effect.provide(Layer.merge(Simulator.layer(), httpClient))))

  it.scopedLive("the same send, run again, counts its attempts afresh", () =>
    Effect.gen(function*() {
      const simulator = yield* Simulator.Simulator
      const transport = yield* listGroupsTransport()
      const send = transport.send(AmsRequest.read("v1", "listgroups", { name: "" }), { _tag: "None" })
      for (let run = 0; run < 3; run++) {
        yield* simulator.addFault(Fault.rule(Fault.Status({ status: 503 }), { route: "v1/listgroups", times: 1 }))
        expect((yield* send).attempts).toBe(2)
      }
    }).pipe(Effect.provide(Layer.merge(Simulator.layer(), httpClient))))

  it.scoped("a request on an HTTP client whose layer has ended is a TransportError at once that says so", () =>
    Effect.gen(function*() {
      const simulator = yield* Simulator.Simulator
      const scope = yield* Scope.make()
      const ended = yield* Layer.buildWithScope(httpClient, scope)
      yield* Scope.close(scope, Exit.void)
      const transport = yield* Effect.provide(listGroupsTransport(), ended)
      for (const request of [AmsRequest.read("v1", "listgroups", {}), AmsRequest.write("v1", "listgroups", {})]) {
        const error = yield* Effect.flip(transport.send(request, { _tag: "None" }))
        expect(error).toMatchObject({ _tag: "TransportError", attempts: 1 })
        expect(error.message).toContain("the HTTP client was closed before the request was sent")
      }
      expect(yield* simulator.requests).toHaveLength(0)
    }).pipe(Effect.provide(Simulator.layer())))

  it.scoped("a defect on the way is the call's own, as it is: not an attempt to judge or repeat", () =>
    Effect.gen(function*() {
      const simulator = yield* Simulator.Simulator
      let attempts = 0
      const dying = HttpClient.mapRequestEffect(
        yield* HttpClient.HttpClient,
        () =>
          Effect.suspend(() => {
            attempts++
            return Effect.dieMessage("the HTTP client broke")
          })
      )
      const transport = yield* Effect.provideService(listGroupsTransport(), HttpClient.HttpClient, dying)
      const exit = yield* Effect.exit(transport.send(AmsRequest.read("v1", "listgroups", {}), { _tag: "None" }))
      if (Exit.isSuccess(exit)) return expect.fail("the call succeeded")
      expect(Cause.isDie(exit.cause)).toBe(true)
      expect(Cause.isFailure(exit.cause)).toBe(false)
      expect(Cause.pretty(exit.cause)).toContain("the HTTP client broke")
      expect(attempts).toBe(1)
      expect(yield* simulator.requests).toHaveLength(0)
    }).pipe(Effect.provide(Layer.merge(Simulator.layer(), httpClient))))

  it.scoped("a header value the HTTP client refuses is InvalidRequest, not retried, and nothing is sent", () =>
    Effect.gen(function*() {
      const simulator = yield* Simulator.Simulator
      const transport = yield* listGroupsTransport({ "x-app-id": "app\r\nX-Injected: 1" })
      const error = yield* Effect.flip(transport.send(AmsRequest.read("v1", "listgroups", {}), { _tag: "None" }))
      expect(error._tag).toBe("InvalidRequest")
      if (error._tag === "InvalidRequest") {
        expect(error.field).toBe("request")
        expect(error.reason).toContain("x-app-id")
      }
      expect(yield* simulator.requests).toHaveLength(0)
    }).pipe(Effect.provide(Layer.merge(Simulator.layer(), httpClient))))

  it.scoped("a body value JSON would write as null (NaN, an infinity, an invalid Date) is InvalidRequest naming it", () =>
    Effect.gen(function*() {
      const simulator = yield* Simulator.Simulator
      const transport = yield* listGroupsTransport()
      const coach: Transport.Credentials = {
        _tag: "Basic",
        username: DemoData.coach.username,
        password: Redacted.make<string>(DemoData.coach.password)
      }
      const send = (body: unknown) => transport.send(AmsRequest.write("v1", "listgroups", body), coach)
      const cases: ReadonlyArray<[unknown, string]> = [
        [{ name: "", rows: [{ STATUS: Number.NaN }] }, "\"STATUS\" is NaN"],
        [{ name: "", limit: Number.POSITIVE_INFINITY }, "\"limit\" is Infinity"],
        [{ name: "", from: new Date("not a date") }, "\"from\" is an invalid Date"]
      ]
      for (const [body, reason] of cases) {
        const error = yield* Effect.flip(send(body))
        expect(error._tag).toBe("InvalidRequest")
        if (error._tag === "InvalidRequest") {
          expect(error.field).toBe("body")
          expect(error.reason).toContain(reason)
        }
      }
      expect(yield* simulator.requests).toHaveLength(0)
      // A null the caller wrote is sent as it is
      expect((yield* send({ name: "", note: null, count: 3 })).status).toBe(200)
      const [sent] = yield* simulator.requests
      expect(sent?.body).toEqual({ name: "", note: null, count: 3 })
    }).pipe(Effect.provide(Layer.merge(Simulator.layer(), httpClient))))

  it.scoped(
    "an answer too large to hold as text is ResponseDecodeError naming the way out, after one attempt",
    () =>
      Effect.gen(function*() {
        // Over V8's longest string (2^29 - 24 characters): 513 MiB
        const server = yield* hugeServer(513 * 2 ** 20)
        const transport = Transport.make(
          { url: () => `${server.url}/export`, userAgent: "ams-effect.tests", timeout: Duration.minutes(1) },
          yield* HttpClient.HttpClient,
          RetryPolicy.defaults
        )
        const error = yield* Effect.flip(transport.send(AmsRequest.read("v1", "synchronise", {}), { _tag: "None" }))
        expect(error._tag).toBe("ResponseDecodeError")
        if (error._tag === "ResponseDecodeError") expect(error.issue).toContain("synchroniseStream")
        expect(yield* server.requests).toBe(1)
      }).pipe(Effect.provide(httpClient)),
    60_000
  )
})
