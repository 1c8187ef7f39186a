import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { Simulator } from "../src/index.js"
import { agile, agileGet, isPage, jsonError, rowsOf } from "./agileUtils.js"
import { TestLayer } from "./utils.js"

const laborRows = (workOrderId: number) =>
  Effect.map(
    Effect.flatMap(Simulator.Simulator, (sim) => sim.agileTable("WORK_ORDERS_LABOR_DC")),
    (rows) => rows.filter((r) => r.WORK_ORDER_ID === workOrderId)
  )

const row = (laborId: number, hours: unknown, trcId = 1) => ({
  LABOR_ID: laborId,
  DATE_WORK: "20130314",
  TRC_ID: trcId,
  TOTAL_HOURS: hours,
  WAC_CODE_ID: null
})

describe("AgileAssets REST API v1: work-order day cards", () => {
  it.effect("PUT inserts new key rows and replaces existing ones: 204 without a body", () =>
    Effect.gen(function*() {
      const before = yield* laborRows(1643)
      expect(before).toHaveLength(2)
      const answer = yield* agile("PUT", "workOrder/1643/DayCard/", {
        body: { WORK_ORDERS_LABOR_DC: [row(2412555, 6.5), row(2412558, 3), row(2412558, 1.5, 2)] }
      })
      expect(answer.status).toBe(204)
      expect(answer.text).toBe("")
      const after = yield* laborRows(1643)
      expect(after).toHaveLength(4)
      expect(after).toContainEqual({ ...row(2412555, 6.5), WORK_ORDER_ID: 1643 })
      expect(after).toContainEqual({ ...row(2412558, 1.5, 2), WORK_ORDER_ID: 1643 })
      expect(after).toContainEqual({ ...row(2412557, 4.5), WAC_CODE_ID: 320, WORK_ORDER_ID: 1643 })
      const listed = rowsOf(yield* agileGet("workOrder/1643/DayCard"), "WORK_ORDERS_LABOR_DC")
      expect(listed).toHaveLength(4)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("zero hours in one of three rows → 400 JSON and none of the rows is written", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const before = yield* laborRows(1643)
      const answer = yield* agile("PUT", "workOrder/1643/DayCard/", {
        body: { WORK_ORDERS_LABOR_DC: [row(2412555, 7), row(2412558, 0.0), row(2412559, 2)] }
      })
      expect(answer.status).toBe(400)
      const error = jsonError(answer)
      expect(error.status).toBe("400")
      expect(error.message).toContain("zero hours")
      expect(error.message).toContain("Row 2")
      expect(yield* laborRows(1643)).toEqual(before)
      for (const hours of [-1, "8", null]) {
        const bad = yield* agile("PUT", "workOrder/1643/DayCard", { body: { WORK_ORDERS_LABOR_DC: [row(1, hours)] } })
        expect(bad.status).toBe(400)
        expect(jsonError(bad).message).toContain("zero hours")
      }
      const noHours = yield* agile("PUT", "workOrder/1643/DayCard", {
        body: { WORK_ORDERS_LABOR_DC: [{ LABOR_ID: 1, DATE_WORK: "20130314", TRC_ID: 1 }] }
      })
      expect(noHours.status).toBe(400)
      expect(yield* laborRows(1643)).toEqual(before)
      expect((yield* sim.agileApiLog).length).toBe(5)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("the seed's zero-hours body (complete key) → 400 JSON", () =>
    Effect.gen(function*() {
      const answer = yield* agile("PUT", "workOrder/1643/DayCard/", {
        body:
          "{\"WORK_ORDERS_LABOR_DC\":[{\"LABOR_ID\":2412555,\"DATE_WORK\":\"20130314\",\"TRC_ID\":1,\"TOTAL_HOURS\":0.0,\"WAC_CODE_ID\":null}]}"
      })
      expect(answer.status).toBe(400)
      expect(jsonError(answer).message).toContain("zero hours are not allowed")
    }).pipe(Effect.provide(TestLayer())))

  it.effect("rows lacking key columns → 400 page (not JSON) before execution, nothing written", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const before = yield* laborRows(1643)
      const lacking: ReadonlyArray<Record<string, unknown>> = [
        { TRC_ID: 1, TOTAL_HOURS: 0.1, WAC_CODE_ID: null },
        { LABOR_ID: 2412555, TRC_ID: 1, TOTAL_HOURS: 8 },
        { LABOR_ID: 2412555, DATE_WORK: "20130314", TOTAL_HOURS: 8 },
        { LABOR_ID: null, DATE_WORK: "20130314", TRC_ID: 1, TOTAL_HOURS: 8 }
      ]
      for (const bad of lacking) {
        const answer = yield* agile("PUT", "workOrder/1643/DayCard/", {
          body: { WORK_ORDERS_LABOR_DC: [row(2412558, 8), bad] }
        })
        expect(answer.status).toBe(400)
        expect(isPage(answer)).toBe(true)
        expect(answer.text).toContain("primary key")
      }
      // The seed's own example, whose JSON is broken as well: also a 400 page.
      const seed = yield* agile("PUT", "workOrder/1643/DayCard/", {
        body: "{\"WORK_ORDERS_LABOR_DC\":[{\"LABOR_ID\":\"TRC_ID\":1,\"TOTAL_HOURS\":0.1,\"WAC_CODE_ID\":null}]}"
      })
      expect(seed.status).toBe(400)
      expect(isPage(seed)).toBe(true)
      const shape = yield* agile("PUT", "workOrder/1643/DayCard", { body: { WORK_ORDERS_EQUIPMENT_DC: [] } })
      expect(shape.status).toBe(400)
      expect(isPage(shape)).toBe(true)
      expect(yield* laborRows(1643)).toEqual(before)
      expect(yield* sim.agileApiLog).toEqual([])
    }).pipe(Effect.provide(TestLayer())))

  it.effect("an unknown work order → 404 JSON; a mismatching WORK_ORDER_ID or bad column → 400 JSON", () =>
    Effect.gen(function*() {
      const missing = yield* agile("PUT", "workOrder/9999/DayCard", { body: { WORK_ORDERS_LABOR_DC: [row(1, 8)] } })
      expect(missing.status).toBe(404)
      expect(jsonError(missing).message).toBe("Work order 9999 does not exist")
      const get = yield* agile("GET", "workOrder/9999/DayCard")
      expect(get.status).toBe(404)
      const other = yield* agile("PUT", "workOrder/1643/DayCard", {
        body: { WORK_ORDERS_LABOR_DC: [{ ...row(1, 8), WORK_ORDER_ID: 1621 }] }
      })
      expect(other.status).toBe(400)
      expect(jsonError(other).message).toContain("WORK_ORDER_ID 1621")
      const date = yield* agile("PUT", "workOrder/1643/DayCard", {
        body: { WORK_ORDERS_LABOR_DC: [{ ...row(1, 8), DATE_WORK: "14/03/2013" }] }
      })
      expect(date.status).toBe(400)
      expect(jsonError(date).message).toContain("yyyyMMdd")
    }).pipe(Effect.provide(TestLayer())))
})
