import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { agile, agileGet, jsonError, rowsOf, workOrderIds } from "./agileUtils.js"
import { TestLayer } from "./utils.js"

// The demo work orders: ids 1620–1649, STATUS cycling 2,3,1,5,4,2,6,3,1,4, START_DATE 20130301 + 2 days per id,
// DESCRIPTION "<activity> on <road>" (activities repeat every 10 ids, roads every 5, "US-60" for 1620, 1625, …).
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)
const approved = [1624, 1629, 1634, 1639, 1644, 1649]

describe("AgileAssets REST API v1: the q parameter", () => {
  it.effect("filter: each comparison operator", () =>
    Effect.gen(function*() {
      expect(yield* workOrderIds({ filter: [["STATUS", "=", 4]] })).toEqual(approved)
      expect(yield* workOrderIds({ filter: [["STATUS", "=", "4"]] })).toEqual(approved)
      expect(yield* workOrderIds({ filter: [["STATUS", "<>", 4]] })).toHaveLength(24)
      expect(yield* workOrderIds({ filter: [["WORK_ORDER_ID", "<", 1623]] })).toEqual([1620, 1621, 1622])
      expect(yield* workOrderIds({ filter: [["WORK_ORDER_ID", ">", 1646]] })).toEqual([1647, 1648, 1649])
      expect(yield* workOrderIds({ filter: [["WORK_ORDER_ID", "<=", 1621]] })).toEqual([1620, 1621])
      expect(yield* workOrderIds({ filter: [["WORK_ORDER_ID", ">=", 1648]] })).toEqual([1648, 1649])
      expect(yield* workOrderIds({ filter: [["START_DATE", ">=", "20130402"]] })).toEqual(range(1636, 1649))
    }).pipe(Effect.provide(TestLayer())))

  it.effect("filter: BETWEEN (inclusive), IN, LIKE (% and _, case-sensitive)", () =>
    Effect.gen(function*() {
      expect(yield* workOrderIds({ filter: [["WORK_ORDER_ID", "BETWEEN", [1630, 1632]]] })).toEqual([1630, 1631, 1632])
      expect(yield* workOrderIds({ filter: [["START_DATE", "between", ["20130301", "20130305"]]] })).toEqual([
        1620,
        1621,
        1622
      ])
      expect(yield* workOrderIds({ filter: [["WORK_ORDER_ID", "IN", [1643, 1621, 9999]]] })).toEqual([1621, 1643])
      expect(yield* workOrderIds({ filter: [["DESCRIPTION", "LIKE", "Pothole%"]] })).toEqual([1620, 1630, 1640])
      expect(yield* workOrderIds({ filter: [["DESCRIPTION", "LIKE", "pothole%"]] })).toEqual([])
      expect(yield* workOrderIds({ filter: [["DESCRIPTION", "LIKE", "%on US-6_"]] })).toEqual([
        1620,
        1625,
        1630,
        1635,
        1640,
        1645
      ])
    }).pipe(Effect.provide(TestLayer())))

  it.effect("number columns compare as numbers, text columns as text; = null is IS NULL", () =>
    Effect.gen(function*() {
      // As text "1620" < "999"; as numbers every id is above 999.
      expect(yield* workOrderIds({ filter: [["WORK_ORDER_ID", ">", 999]] })).toHaveLength(30)
      const afterS = yield* workOrderIds({ filter: [["DESCRIPTION", ">", "S"]] })
      expect(afterS).toEqual(expect.arrayContaining([1624, 1626, 1629]))
      expect(afterS).not.toContain(1621)
      const nullWac = rowsOf(
        yield* agileGet("workOrder/1622/DayCard", { filter: [["WAC_CODE_ID", "=", null]] }),
        "WORK_ORDERS_LABOR_DC"
      )
      expect(nullWac).toHaveLength(2)
      const withWac = rowsOf(
        yield* agileGet("workOrder/1621/DayCard", { filter: [["WAC_CODE_ID", "<>", null]] }),
        "WORK_ORDERS_LABOR_DC"
      )
      expect(withWac).toHaveLength(2)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("filter: AND / OR in Reverse Polish Notation", () =>
    Effect.gen(function*() {
      expect(
        yield* workOrderIds({ filter: [["WORK_ORDER_ID", "=", 1622], ["WORK_ORDER_ID", "=", 1621], "OR"] })
      ).toEqual([1621, 1622])
      expect(yield* workOrderIds({ filter: [["STATUS", "=", 4], ["WORK_ORDER_ID", "<", 1640], "AND"] })).toEqual([
        1624,
        1629,
        1634,
        1639
      ])
      // (id = 1621 OR id = 1622) AND STATUS = 1
      expect(
        yield* workOrderIds({
          filter: [["WORK_ORDER_ID", "=", 1621], ["WORK_ORDER_ID", "=", 1622], "OR", ["STATUS", "=", 1], "AND"]
        })
      ).toEqual([1622])
      // STATUS = 3 AND (id = 1621 OR id = 1627 OR id = 1622)
      expect(
        yield* workOrderIds({
          filter: [
            ["STATUS", "=", 3],
            ["WORK_ORDER_ID", "=", 1621],
            ["WORK_ORDER_ID", "=", 1627],
            "or",
            ["WORK_ORDER_ID", "=", 1622],
            "OR",
            "and"
          ]
        })
      ).toEqual([1621, 1627])
    }).pipe(Effect.provide(TestLayer())))

  it.effect("sort: ASC / DESC applied in key order; projection keeps its order and may omit the sort column", () =>
    Effect.gen(function*() {
      const byStatus = yield* workOrderIds({ sort: { STATUS: "ASC", WORK_ORDER_ID: "DESC" } })
      expect(byStatus.slice(0, 6)).toEqual([1648, 1642, 1638, 1632, 1628, 1622])
      expect(byStatus.slice(-3)).toEqual([1646, 1636, 1626])
      expect(yield* workOrderIds({ sort: { WORK_ORDER_ID: "DESC", STATUS: "ASC" } })).toEqual(
        range(1620, 1649).reverse()
      )
      // The docs' example: approved work orders by START_DATE, newest first, page 2 of size 2.
      const docs = yield* agile("GET", "workOrder", {
        q: {
          filter: [["STATUS", "=", 4]],
          projection: ["WORK_ORDER_ID", "STATUS"],
          sort: { START_DATE: "DESC" },
          page: { size: 2, number: 2 }
        }
      })
      expect(docs.text).toBe(
        "{\"WORK_ORDERS\":[{\"WORK_ORDER_ID\":1639,\"STATUS\":4},{\"WORK_ORDER_ID\":1634,\"STATUS\":4}]}"
      )
      const lower = yield* agileGet("workOrder", {
        projection: ["status", "work_order_id"],
        page: { size: 1, number: 1 }
      })
      expect(rowsOf(lower, "WORK_ORDERS")).toEqual([{ STATUS: 2, WORK_ORDER_ID: 1620 }])
    }).pipe(Effect.provide(TestLayer())))

  it.effect("page: 1-based size and number; past the end is empty; no page is every row", () =>
    Effect.gen(function*() {
      expect(yield* workOrderIds({ page: { size: 7, number: 1 } })).toEqual(range(1620, 1626))
      expect(yield* workOrderIds({ page: { size: 7, number: 2 } })).toEqual(range(1627, 1633))
      expect(yield* workOrderIds({ page: { size: 7, number: 5 } })).toEqual([1648, 1649])
      expect(yield* workOrderIds({ page: { size: 7, number: 6 } })).toEqual([])
      expect(yield* workOrderIds({ filter: [["STATUS", "=", 4]], page: { size: 20, number: 2 } })).toEqual([])
      expect(yield* workOrderIds({})).toHaveLength(30)
      expect(yield* workOrderIds({ filter: [] })).toHaveLength(30)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("an invalid q → 400 JSON naming the problem", () =>
    Effect.gen(function*() {
      const cases: ReadonlyArray<readonly [unknown, string]> = [
        ["{not json", "not valid JSON"],
        ["[1, 2]", "must be a JSON object"],
        [{ limit: 3 }, "unknown member limit"],
        [{ projection: ["NOPE"] }, "unknown column NOPE"],
        [{ projection: "WORK_ORDER_ID" }, "projection must be an array"],
        [{ filter: [["NOPE", "=", 1]] }, "unknown column NOPE"],
        [{ filter: [["STATUS", "~", 1]] }, "unknown operator \"~\""],
        [{ filter: [["STATUS", "=", 1], "XOR"] }, "unknown operator \"XOR\""],
        [{ filter: [["STATUS", "=", 1], "AND"] }, "stack underflow"],
        [{ filter: ["OR"] }, "stack underflow"],
        [{ filter: [["STATUS", "=", 1], ["STATUS", "=", 2]] }, "leaves 2 values"],
        [{ filter: [["STATUS", "="]] }, "filter[0]"],
        [{ filter: "STATUS = 1" }, "filter must be an array"],
        [{ filter: [["STATUS", "=", "abc"]] }, "is not a number"],
        [{ filter: [["STATUS", "BETWEEN", 1]] }, "BETWEEN needs"],
        [{ filter: [["STATUS", "IN", []]] }, "IN needs"],
        [{ filter: [["DESCRIPTION", "LIKE", 5]] }, "LIKE needs"],
        [{ sort: { STATUS: "UP" } }, "\"ASC\" or \"DESC\""],
        [{ sort: { NOPE: "ASC" } }, "unknown column NOPE"],
        [{ sort: ["STATUS"] }, "sort must be an object"],
        [{ page: { size: 0, number: 1 } }, "page.size"],
        [{ page: { size: 2, number: 0 } }, "page.number"],
        [{ page: { size: 1.5, number: 1 } }, "page.size"]
      ]
      for (const [q, problem] of cases) {
        const answer = yield* agile("GET", "workOrder", { q })
        expect(answer.status, JSON.stringify(q)).toBe(400)
        const error = jsonError(answer)
        expect(error.message, JSON.stringify(q)).toContain("Invalid q: ")
        expect(error.message, JSON.stringify(q)).toContain(problem)
      }
      const onRecord = yield* agile("GET", "asset/639", { q: { projection: ["NOPE"] } })
      expect(onRecord.status).toBe(400)
      expect(jsonError(onRecord).message).toContain("NOPE")
    }).pipe(Effect.provide(TestLayer())))
})
