/**
 * The v1 client over real HTTP (Basic credentials, no login) against a server that answers garbage: every method
 * ends in a value or a typed error, never a defect, never a hang.
 */
import { AmsConfig, AmsHttp, RetryPolicy } from "@ams-effect/core"
import * as Garbage from "@ams-effect/simulator/Garbage"
import { V1Client } from "@ams-effect/v1"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { expect, layer } from "@effect/vitest"
import { Effect, Layer, Logger, Redacted } from "effect"

const numRuns = 60

const config = Layer.unwrapEffect(Effect.map(Garbage.GarbageServer, (server) =>
  AmsConfig.layer({
    url: `${server.url}/site`,
    username: "coach",
    password: Redacted.make("secret"),
    timeout: "2 seconds",
    v1Auth: "basic"
  }))).pipe(Layer.orDie)

const client = V1Client.layer.pipe(
  Layer.provideMerge(AmsHttp.layerWithSession),
  Layer.provideMerge(config),
  Layer.provideMerge(RetryPolicy.layer({ maxRetries: 0 })),
  Layer.provideMerge(NodeHttpClient.layerUndici),
  Layer.provideMerge(Garbage.layer),
  Layer.merge(Logger.remove(Logger.defaultLogger))
)

const readErrors = [
  "AuthenticationFailed",
  "AccessDenied",
  "TransportError",
  "Timeout",
  "ServerError",
  "UnexpectedResponse",
  "ResponseDecodeError",
  "InvalidRequest"
]
const writeErrors = [...readErrors, "OutcomeUnknown"]

const event = {
  id: 101,
  formName: "Wellness",
  userId: 1,
  startDate: "01/02/2024",
  startTime: "9:00 AM",
  rows: [{ row: 0, pairs: [{ key: "Sleep", value: "8" }] }]
}

const families: ReadonlyArray<{
  readonly name: string
  readonly shapes: ReadonlyArray<unknown>
  readonly allowed: ReadonlyArray<string>
  readonly call: (client: V1Client.Service) => Effect.Effect<unknown, unknown>
}> = [
  { name: "listGroups", shapes: [{ name: ["Squad"] }], allowed: readErrors, call: (c) => c.listGroups },
  {
    name: "searchUsers",
    shapes: [{ results: [{ results: [{ userId: 1, firstName: "A", lastName: "B", username: "ab" }] }] }],
    allowed: readErrors,
    call: (c) => c.searchUsers([{ userId: 1 }])
  },
  {
    name: "searchEvents",
    shapes: [{ events: [event] }],
    allowed: readErrors,
    call: (c) => c.searchEvents({ forms: "Wellness", userIds: [1], from: "01/01/2024", to: "31/12/2024" })
  },
  {
    name: "synchronise",
    shapes: [{ export: { events: [event] }, lastSynchronisationTimeOnServer: 5, idsOfDeletedEvents: [] }],
    allowed: [...readErrors, "V1PayloadTooLarge"],
    call: (c) => c.synchronise({ formName: "Wellness", userIds: [1, 2] })
  },
  {
    name: "importEvents",
    shapes: [{
      result: { state: "SUCCESSFULLY_IMPORTED" },
      eventImportResultForForm: [{ formName: "Wellness", eventImportResults: { state: "SUCCESS", ids: [1, 2] } }]
    }],
    allowed: [...writeErrors, "V1ImportFailed", "V1ImportIncomplete", "V1UnknownFields"],
    call: (c) =>
      c.importEvents([1, 2].map((userId) => ({
        formName: "Wellness",
        userId,
        enteredByUserId: 7,
        start: { date: "01/02/2024", time: "9:00 AM" },
        values: { Sleep: 8 }
      })))
  },
  {
    name: "deleteEvent",
    shapes: [{ state: "SUCCESS", message: "deleted" }],
    allowed: [...writeErrors, "V1StateFailed"],
    call: (c) => c.deleteEvent(101)
  }
]

layer(client, { excludeTestServices: true })("V1Client over the wire under garbage", (it) => {
  for (const family of families) {
    it.effect.prop(
      `${family.name}: a value or ${family.allowed.join(" | ")}`,
      [Garbage.reply(family.shapes)],
      ([reply]) =>
        Effect.gen(function*() {
          const server = yield* Garbage.GarbageServer
          yield* server.answer(() => reply)
          const v1 = yield* V1Client.V1Client
          const exit = yield* Effect.exit(Effect.timeout(family.call(v1), "5 seconds"))
          expect(Garbage.problem(exit, family.allowed)).toBeUndefined()
        }),
      { fastCheck: { numRuns } }
    )
  }
})
