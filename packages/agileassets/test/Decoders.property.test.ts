/**
 * The AgileAssets answer convention and every client method, fed answers no server should send (directly, and
 * through a fake HTTP client that returns them): always a value or a typed error, never a defect, quickly.
 */
import { AgileClient, AgileConfig } from "@ams-effect/agileassets"
import { AmsRequest, RetryPolicy } from "@ams-effect/core"
import * as Garbage from "@ams-effect/simulator/Garbage"
import { Fuzz } from "@ams-effect/testing"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, FastCheck as fc, Layer, Schema } from "effect"
import * as Answer from "../src/internal/answer.js"

const numRuns = 150

const answerErrors = ["AgileRejected", "AgileOperationFailed", "AgileNotFound", "ServerError", "UnexpectedResponse"]
const readErrors = [...answerErrors, "ResponseDecodeError"]
const writeErrors = [...readErrors, "OutcomeUnknown"]

const workOrder = { WORK_ORDER_ID: 101, STATUS: 2, START_DATE: "20240105", DESCRIPTION: "Patch pothole", COST: 12.5 }
const shapes = {
  tables: { WORK_ORDERS: [workOrder, { ...workOrder, WORK_ORDER_ID: 102, DESCRIPTION: null }] },
  row: workOrder,
  ids: [101, "102"],
  failure: { status: "500", message: "ORA-00001: unique constraint (AMS.WO_PK) violated" }
}

/** An HTTP client that answers every request with `reply`, as a server would have sent it. */
const fakeClient = (given: Fuzz.Reply) =>
  HttpClient.make((request) =>
    Effect.sync(() =>
      HttpClientResponse.fromWeb(
        request,
        new Response([204, 205, 304].includes(given.status) ? null : given.body, {
          status: given.status,
          headers: given.headers
        })
      )
    )
  )

const client = (given: Fuzz.Reply) =>
  AgileClient.make.pipe(
    Effect.provide(Layer.mergeAll(
      AgileConfig.layer({ url: "https://agile.example.com/ams_dev/rest/v1", timeout: "5 seconds" }),
      RetryPolicy.layer({ maxRetries: 0 }),
      Layer.succeed(HttpClient.HttpClient, fakeClient(given))
    )),
    Effect.orDie
  )

describe("AgileAssets decoders under garbage", () => {
  describe("internals", () => {
    it.prop(
      "expectSuccess: the response for a success status, else a typed error",
      [
        Fuzz.reply([shapes.failure, { message: null }, { status: 404 }, { status: "ERROR", message: "x" }]),
        fc.constantFrom([200], [200, 204])
      ],
      ([given, success]) => {
        const exit = Fuzz.check(
          Answer.expectSuccess(Fuzz.toResponse(AmsRequest.get("agile", "workOrder/1"), given), success),
          answerErrors
        )
        expect(Exit.isSuccess(exit)).toBe(success.includes(given.status))
        if (Exit.isFailure(exit) && exit.cause._tag === "Fail" && "status" in exit.cause.error) {
          expect(Number.isSafeInteger(exit.cause.error.status)).toBe(true)
        }
      },
      { fastCheck: { numRuns } }
    )

    it.prop(
      "decode: a value, a typed error, or ResponseDecodeError",
      [Fuzz.reply([shapes.tables, shapes.failure])],
      ([given]) => {
        const Tables = Schema.Record({ key: Schema.String, value: Schema.Array(Schema.Unknown) })
        Fuzz.check(Answer.decode(Tables)(Fuzz.toResponse(AmsRequest.get("agile", "workOrder"), given)), readErrors)
      },
      { fastCheck: { numRuns } }
    )
  })

  describe("AgileClient", () => {
    const families: ReadonlyArray<Fuzz.Family<AgileClient.Service>> = [
      {
        name: "workOrders",
        shapes: [shapes.tables, shapes.failure],
        allowed: readErrors,
        call: (c) => c.workOrders({ projection: ["WORK_ORDER_ID"], page: { number: 1, size: 10 } })
      },
      { name: "workOrder", shapes: [shapes.row, shapes.failure], allowed: readErrors, call: (c) => c.workOrder(101) },
      { name: "assetByName", shapes: [shapes.row], allowed: readErrors, call: (c) => c.assetByName("Guard Rail") },
      { name: "query", shapes: [shapes.tables], allowed: readErrors, call: (c) => c.query("lookup/STATUS") },
      {
        name: "createWorkOrders",
        shapes: [shapes.ids, shapes.failure],
        allowed: writeErrors,
        call: (c) => c.createWorkOrders([{ DESCRIPTION: "a" }, { DESCRIPTION: "b" }])
      },
      {
        name: "updateWorkOrder",
        shapes: [shapes.failure],
        allowed: readErrors,
        call: (c) => c.updateWorkOrder(101, { STATUS: 3 })
      },
      { name: "deleteWorkOrder", shapes: [shapes.failure], allowed: writeErrors, call: (c) => c.deleteWorkOrder(101) },
      {
        name: "putDayCard",
        shapes: [shapes.failure],
        allowed: readErrors,
        call: (c) => c.putDayCard(101, [{ LABOR_ID: 1, DATE_WORK: "20240105", TRC_ID: 2, TOTAL_HOURS: 7.5 }])
      }
    ]

    for (const family of families) {
      it.live.prop(
        `${family.name}: a value or ${family.allowed.join(" | ")}`,
        [Fuzz.reply(family.shapes)],
        ([given]) =>
          Effect.gen(function*() {
            const agile = yield* client(given)
            const started = performance.now()
            const exit = yield* Effect.exit(family.call(agile).pipe(Effect.timeout("5 seconds")))
            expect(Garbage.problem(exit, family.allowed)).toBeUndefined()
            expect(performance.now() - started).toBeLessThan(2_000)
          }),
        { fastCheck: { numRuns: 100 } }
      )
    }
  })

  describe("regressions", () => {
    // Was `status: NaN`: the body's status is text, and not always a number.
    it("a failure body whose status is not a number keeps the HTTP status", () => {
      const response = Fuzz.toResponse(AmsRequest.get("agile", "workOrder/1"), {
        status: 500,
        headers: {},
        body: "{\"status\":\"ERROR\",\"message\":\"ORA-01400\"}"
      })
      const exit = Effect.runSyncExit(Answer.expectSuccess(response, [200]))
      expect(exit).toStrictEqual(Exit.fail(expect.objectContaining({ _tag: "AgileOperationFailed", status: 500 })))
    })
  })
})
