/**
 * The AgileAssets client over real HTTP against a server that answers garbage: every method ends in a value or a
 * typed error, never a defect, never a hang.
 */
import { AgileClient, AgileConfig } from "@ams-effect/agileassets"
import * as Garbage from "@ams-effect/simulator/Garbage"
import { Fuzz } from "@ams-effect/testing"
import { Effect, Layer } from "effect"

const numRuns = 60

const config = Layer.unwrapEffect(
  Effect.map(
    Garbage.GarbageServer,
    (server) => AgileConfig.layer({ url: `${server.url}/ams_dev/rest/v1`, timeout: "2 seconds" })
  )
).pipe(Layer.orDie)

const client = Fuzz.wireLayer(AgileClient.layer.pipe(Layer.provideMerge(config)))

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

const families: ReadonlyArray<Fuzz.Family<AgileClient.Service>> = [
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

Fuzz.wireSuite("AgileClient over the wire under garbage", client, AgileClient.AgileClient, families, { numRuns })
