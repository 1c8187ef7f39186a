import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { Simulator } from "../src/index.js"
import { agile, agileGet, isPage, jsonError, rowsOf } from "./agileUtils.js"
import { TestLayer } from "./utils.js"

const workOrders = Effect.flatMap(Simulator.Simulator, (sim) => sim.agileTable("WORK_ORDERS"))
const laborRows = (workOrderId: number) =>
  Effect.map(
    Effect.flatMap(Simulator.Simulator, (sim) => sim.agileTable("WORK_ORDERS_LABOR_DC")),
    (rows) => rows.filter((r) => r.WORK_ORDER_ID === workOrderId)
  )
const ids = (rows: ReadonlyArray<Readonly<Record<string, unknown>>>) => rows.map((r) => r.WORK_ORDER_ID)

/** The seed's broken body: `"OR"` sits outside the filter array. */
const seedMalformed = "{\"filter\":[[\"WORK_ORDER_ID\",\"=\",1622], [\"WORK_ORDER_ID\",\"=\",1621]], \"OR\"}"

describe("AgileAssets REST API v1: work orders", () => {
  it.effect("GET workOrder lists the rows; GET workOrder/{id} is one flat row; unknown id → 404 JSON", () =>
    Effect.gen(function*() {
      const all = rowsOf(yield* agileGet("workOrder"), "WORK_ORDERS")
      expect(all).toHaveLength(30)
      expect(ids(all)).toEqual(expect.arrayContaining([1621, 1622, 1643]))
      const one = yield* agileGet("workOrder/1643")
      expect(Object.keys(one)).toEqual(["WORK_ORDER_ID", "STATUS", "START_DATE", "DESCRIPTION", "ASSET_TYPE_ID"])
      expect(one.WORK_ORDER_ID).toBe(1643)
      expect(one.START_DATE).toMatch(/^\d{8}$/)
      const missing = yield* agile("GET", "workOrder/9999")
      expect(missing.status).toBe(404)
      expect(jsonError(missing)).toEqual({ status: "404", message: "WORK_ORDERS has no row with WORK_ORDER_ID 9999" })
    }).pipe(Effect.provide(TestLayer())))

  it.effect("POST workOrder inserts the rows and answers the JSON array of their new ids", () =>
    Effect.gen(function*() {
      const answer = yield* agile("POST", "workOrder", {
        body: {
          WORK_ORDERS: [
            { STATUS: 1, START_DATE: "20130401", DESCRIPTION: "Clear debris", ASSET_TYPE_ID: 9 },
            { STATUS: 2, DESCRIPTION: "Paint stripes" }
          ]
        }
      })
      expect(answer.status).toBe(200)
      expect(answer.headers["content-type"]).toBe("application/json")
      expect(JSON.parse(answer.text)).toEqual([1650, 1651])
      expect(yield* agileGet("workOrder/1651")).toEqual({
        WORK_ORDER_ID: 1651,
        STATUS: 2,
        START_DATE: null,
        DESCRIPTION: "Paint stripes",
        ASSET_TYPE_ID: null
      })
      expect(yield* workOrders).toHaveLength(32)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("POST with one bad row (unknown column, wrong type, bad date) writes none: 400 JSON", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const bad: ReadonlyArray<readonly [Record<string, unknown>, string]> = [
        [{ NO_SUCH_COLUMN: 1 }, "NO_SUCH_COLUMN"],
        [{ STATUS: "open" }, "expects a number"],
        [{ START_DATE: "2013-04-01" }, "yyyyMMdd"],
        [{ WORK_ORDER_ID: 1621 }, "already has WORK_ORDER_ID 1621"]
      ]
      for (const [row, message] of bad) {
        const answer = yield* agile("POST", "workOrder", { body: { WORK_ORDERS: [{ STATUS: 1 }, row] } })
        expect(answer.status).toBe(400)
        const error = jsonError(answer)
        expect(error.message).toContain("Row 2")
        expect(error.message).toContain(message)
      }
      expect(yield* workOrders).toHaveLength(30)
      expect((yield* sim.agileApiLog).map((e) => e.status)).toEqual([400, 400, 400, 400])
      const wrongShape = yield* agile("POST", "workOrder", { body: { ORDERS: [{ STATUS: 1 }] } })
      expect(wrongShape.status).toBe(400)
      expect(isPage(wrongShape)).toBe(true)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("PUT workOrder/{id} changes the columns sent: 204 without a body; unknown id → 404 JSON", () =>
    Effect.gen(function*() {
      const answer = yield* agile("PUT", "workOrder/1622", { body: { WORK_ORDERS: [{ STATUS: 3, DESCRIPTION: "x" }] } })
      expect(answer.status).toBe(204)
      expect(answer.text).toBe("")
      const again = yield* agile("PUT", "workOrder/1622", { body: { WORK_ORDERS: [{ STATUS: 3, DESCRIPTION: "x" }] } })
      expect(again.status).toBe(204)
      expect(yield* agileGet("workOrder/1622")).toMatchObject({ WORK_ORDER_ID: 1622, STATUS: 3, DESCRIPTION: "x" })
      const missing = yield* agile("PUT", "workOrder/9999", { body: { WORK_ORDERS: [{ STATUS: 3 }] } })
      expect(missing.status).toBe(404)
      expect(jsonError(missing).status).toBe("404")
      const rekey = yield* agile("PUT", "workOrder/1622", { body: { WORK_ORDERS: [{ WORK_ORDER_ID: 1 }] } })
      expect(rekey.status).toBe(400)
      expect(jsonError(rekey).message).toContain("cannot be changed")
      expect((yield* agileGet("workOrder/1622")).WORK_ORDER_ID).toBe(1622)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("DELETE workOrder/{id}: 204, then 404 JSON; its day cards go with it", () =>
    Effect.gen(function*() {
      expect(yield* laborRows(1621)).toHaveLength(2)
      const answer = yield* agile("DELETE", "workOrder/1621")
      expect(answer.status).toBe(204)
      expect(answer.text).toBe("")
      expect(ids(yield* workOrders)).not.toContain(1621)
      expect(yield* laborRows(1621)).toEqual([])
      const again = yield* agile("DELETE", "workOrder/1621")
      expect(again.status).toBe(404)
      expect(jsonError(again).message).toContain("1621")
    }).pipe(Effect.provide(TestLayer())))

  it.effect("DELETE workOrder with a filter body deletes the matches (204); none matching → 404 JSON", () =>
    Effect.gen(function*() {
      const body = { filter: [["WORK_ORDER_ID", "=", 1622], ["WORK_ORDER_ID", "=", 1621], "OR"] }
      const answer = yield* agile("DELETE", "workOrder/", { body })
      expect(answer.status).toBe(204)
      expect(ids(yield* workOrders)).not.toEqual(expect.arrayContaining([1621]))
      expect(ids(yield* workOrders)).not.toEqual(expect.arrayContaining([1622]))
      expect(yield* workOrders).toHaveLength(28)
      const none = yield* agile("DELETE", "workOrder", { body })
      expect(none.status).toBe(404)
      expect(jsonError(none).message).toBe("No WORK_ORDERS row matches the filter")
      for (
        const invalid of [{}, { filter: [] }, { filter: [["NOPE", "=", 1]] }, { filter: [["STATUS", "=", 1], "AND"] }]
      ) {
        const rejected = yield* agile("DELETE", "workOrder", { body: invalid })
        expect(rejected.status).toBe(400)
        expect(jsonError(rejected).status).toBe("400")
      }
      expect(yield* workOrders).toHaveLength(28)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("the business rule: an approved work order (STATUS 4) cannot be deleted, and nothing is", () =>
    Effect.gen(function*() {
      const approved = yield* agileGet("workOrder/1624")
      expect(approved.STATUS).toBe(4)
      const one = yield* agile("DELETE", "workOrder/1624")
      expect(one.status).toBe(400)
      expect(jsonError(one).message).toBe("Work order 1624 is approved (STATUS 4) and cannot be deleted")
      // 1621 and 1622 may go, 1624 may not: the whole call is rolled back.
      const filter = [["WORK_ORDER_ID", "IN", [1621, 1622, 1624]]]
      const bulk = yield* agile("DELETE", "workOrder", { body: { filter } })
      expect(bulk.status).toBe(400)
      expect(jsonError(bulk).message).toContain("approved")
      expect(ids(yield* workOrders)).toEqual(expect.arrayContaining([1621, 1622, 1624]))
      expect(yield* workOrders).toHaveLength(30)
      expect(yield* laborRows(1621)).toHaveLength(2)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("pre-execution: a body without Content-Type: application/json → 415 page, nothing deleted", () =>
    Effect.gen(function*() {
      const body = { filter: [["WORK_ORDER_ID", "=", 1622], ["WORK_ORDER_ID", "=", 1621], "OR"] }
      for (const contentType of [null, "application/x-www-form-urlencoded", "text/plain"]) {
        const answer = yield* agile("DELETE", "workOrder", { body, contentType })
        expect(answer.status).toBe(415)
        expect(isPage(answer)).toBe(true)
        expect(answer.text).toContain("Unsupported Media Type")
      }
      const post = yield* agile("POST", "workOrder", { body: { WORK_ORDERS: [{ STATUS: 1 }] }, contentType: null })
      expect(post.status).toBe(415)
      const charset = yield* agile("POST", "workOrder", {
        body: { WORK_ORDERS: [{ STATUS: 1 }] },
        contentType: "application/json; charset=UTF-8"
      })
      expect(charset.status).toBe(200)
      expect(yield* workOrders).toHaveLength(31)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("pre-execution: the seed's malformed JSON → 400 page (not JSON), nothing deleted", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const answer = yield* agile("DELETE", "workOrder/", {
        body: seedMalformed,
        headers: { accept: "application/json" }
      })
      expect(answer.status).toBe(400)
      expect(isPage(answer)).toBe(true)
      expect(() => JSON.parse(answer.text)).toThrow()
      expect(yield* workOrders).toHaveLength(30)
      expect(yield* sim.agileApiLog).toEqual([])
      const log = yield* sim.requests
      expect(log[0]).toMatchObject({ route: "agile/workOrder", method: "DELETE", status: 400, body: seedMalformed })
    }).pipe(Effect.provide(TestLayer())))

  it.effect("an error JSON carries status as a string and is written to the api.log", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const answer = yield* agile("DELETE", "workOrder/9999")
      expect(answer.headers["content-type"]).toBe("application/json")
      const body = JSON.parse(answer.text) as Record<string, unknown>
      expect(typeof body.status).toBe("string")
      expect(Object.keys(body)).toEqual(["status", "message"])
      const apiLog = yield* sim.agileApiLog
      expect(apiLog).toHaveLength(1)
      expect(apiLog[0]).toMatchObject({ method: "DELETE", path: "/ams_dev/rest/v1/workOrder/9999", status: 404 })
    }).pipe(Effect.provide(TestLayer())))

  it.effect("the api.log keeps the latest logLimit errors", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      for (const id of [9997, 9998, 9999]) yield* agile("DELETE", `workOrder/${id}`)
      expect((yield* sim.agileApiLog).map((entry) => entry.path)).toEqual([
        "/ams_dev/rest/v1/workOrder/9998",
        "/ams_dev/rest/v1/workOrder/9999"
      ])
    }).pipe(Effect.provide(TestLayer({ logLimit: 2 }))))
})
