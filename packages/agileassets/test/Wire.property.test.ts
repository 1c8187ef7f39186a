/**
 * The AgileAssets client over real HTTP against a server that answers garbage: every method ends in a value or a
 * typed error, never a defect, never a hang.
 */
import { AgileClient, AgileConfig } from "@ams-effect/agileassets"
import { RetryPolicy } from "@ams-effect/core"
import * as Garbage from "@ams-effect/simulator/Garbage"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { expect, layer } from "@effect/vitest"
import { Effect, Layer, Logger } from "effect"

const numRuns = 60

const config = Layer.unwrapEffect(
  Effect.map(
    Garbage.GarbageServer,
    (server) => AgileConfig.layer({ url: `${server.url}/ams_dev/rest/v1`, timeout: "2 seconds" })
  )
).pipe(Layer.orDie)

const client = AgileClient.layer.pipe(
  Layer.provideMerge(config),
  Layer.provideMerge(RetryPolicy.layer({ maxRetries: 0 })),
  Layer.provideMerge(NodeHttpClient.layerUndici),
  Layer.provideMerge(Garbage.layer),
  Layer.merge(Logger.remove(Logger.defaultLogger))
)

const readErrors = [
  "TransportError",
  "Timeout",
  "ServerError",
  "UnexpectedResponse",
  "ResponseDecodeError",
  "InvalidRequest",
  "AgileRejected",
  "AgileOperationFailed",
  "AgileNotFound"
]
const failure = { status: "500", message: "ORA-00001: unique constraint violated" }

const families: ReadonlyArray<{
  readonly name: string
  readonly shapes: ReadonlyArray<unknown>
  readonly allowed: ReadonlyArray<string>
  readonly call: (client: AgileClient.Service) => Effect.Effect<unknown, unknown>
}> = [
  {
    name: "workOrders",
    shapes: [{ WORK_ORDERS: [{ WORK_ORDER_ID: 1, STATUS: 2 }] }, failure],
    allowed: readErrors,
    call: (c) => c.workOrders({ page: { number: 1, size: 5 } })
  },
  {
    name: "createWorkOrders",
    shapes: [[101, "102"], failure],
    allowed: [...readErrors, "OutcomeUnknown"],
    call: (c) => c.createWorkOrders([{ DESCRIPTION: "a" }, { DESCRIPTION: "b" }])
  },
  {
    name: "putDayCard",
    shapes: [failure, {}],
    allowed: readErrors,
    call: (c) => c.putDayCard(101, [{ LABOR_ID: 1, DATE_WORK: "20240105", TRC_ID: 2, TOTAL_HOURS: 7.5 }])
  }
]

layer(client, { excludeTestServices: true })("AgileClient over the wire under garbage", (it) => {
  for (const family of families) {
    it.effect.prop(
      `${family.name}: a value or ${family.allowed.join(" | ")}`,
      [Garbage.reply(family.shapes)],
      ([reply]) =>
        Effect.gen(function*() {
          const server = yield* Garbage.GarbageServer
          yield* server.answer(() => reply)
          const agile = yield* AgileClient.AgileClient
          const exit = yield* Effect.exit(Effect.timeout(family.call(agile), "5 seconds"))
          expect(Garbage.problem(exit, family.allowed)).toBeUndefined()
        }),
      { fastCheck: { numRuns } }
    )
  }
})
