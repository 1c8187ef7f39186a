/**
 * What the client refuses before sending, over HTTP against the simulator: paths that would reach another entity,
 * text with no UTF-8 form, a bulk delete without a filter, numbers JSON cannot carry, impossible dates; and new ids
 * that are not ids.
 */
import type { Q as QModule } from "@ams-effect/agileassets"
import { AgileClient, Q } from "@ams-effect/agileassets"
import { Fault, Simulator } from "@ams-effect/simulator"
import { AmsTest } from "@ams-effect/testing"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { layer } from "./fixtures.js"

const client = AgileClient.AgileClient

const refusal = AmsTest.refusal

const sent = Effect.flatMap(Simulator.Simulator, (simulator) => simulator.requests)

describe("AgileClient input checks", () => {
  it.scoped("\".\" and \"..\" segments, queries and fragments in paths are InvalidRequest naming the argument", () =>
    Effect.gen(function*() {
      const agile = yield* client
      // "." answered the whole SETUP_ASSET_TYPE collection as if it were one asset row.
      for (const name of [".", "..", " . ", "/./", ". ."]) {
        expect(yield* refusal(agile.assetByName(name))).toMatch(/^name: .*must not be "\." or "\.\."/)
        expect(yield* refusal(agile.assetParent(name))).toMatch(/^name: /)
      }
      // "lookup/../workOrder" answered work orders.
      for (const entity of ["lookup/../workOrder", "./workOrder", "lookup/.", "lookup/", "/user", "lookup//x"]) {
        const refused = /^entity: a segment must not (be "\." or "\.\."|be empty)/
        expect(yield* refusal(agile.query(entity as AgileClient.Entity))).toMatch(refused)
        expect(yield* refusal(agile.get(entity as AgileClient.Entity, 1))).toMatch(refused)
        expect(yield* refusal(agile.create(entity as AgileClient.Entity, "WORK_ORDERS", [{}]))).toMatch(refused)
        expect(yield* refusal(agile.update(entity as AgileClient.Entity, 1, "WORK_ORDERS", {}))).toMatch(refused)
        expect(yield* refusal(agile.remove(entity as AgileClient.Entity, 1))).toMatch(refused)
      }
      for (const entity of ["workOrder?x=1", "lookup/LOOKUP_TRC#x", ""]) {
        expect(yield* refusal(agile.query(entity as AgileClient.Entity))).toMatch(/^entity: must not (hold|be empty)/)
      }
      expect(yield* sent).toEqual([])
      // Dots inside a name or a table are ordinary text, sent percent-encoded.
      expect(yield* refusal(agile.assetByName("a.b"))).toBe("AgileNotFound")
      expect(yield* refusal(agile.query("lookup/LOOKUP TRC"))).toBe("AgileNotFound")
      expect((yield* sent).map((request) => request.path)).toEqual([
        "/ams_dev/rest/v1/asset/a.b",
        "/ams_dev/rest/v1/lookup/LOOKUP%20TRC"
      ])
    }).pipe(Effect.provide(layer())))

  it.scoped("text with a lone surrogate is InvalidRequest, and no method throws when called", () =>
    Effect.gen(function*() {
      const agile = yield* client
      // encodeURIComponent threw "URIError: URI malformed" at the moment assetByName was called.
      expect(() => agile.assetByName("a\ud800")).not.toThrow()
      expect(yield* refusal(agile.assetByName("a\ud800"))).toMatch(/^name: holds a lone UTF-16 surrogate/)
      expect(yield* refusal(agile.assetParent("\udc00b"))).toMatch(/^name: holds a lone UTF-16 surrogate/)
      expect(yield* refusal(agile.query("lookup/\ud83d"))).toMatch(/^entity: holds a lone UTF-16 surrogate/)
      const notText = 7 as unknown as string
      expect(() => agile.assetByName(notText)).not.toThrow()
      expect(yield* refusal(agile.assetByName(notText))).toBe("name: must be text")
      expect(() => agile.deleteWorkOrders({ _tag: "Condition" } as unknown as QModule.Filter)).not.toThrow()
      expect(yield* sent).toEqual([])
    }).pipe(Effect.provide(layer())))

  it.scoped("a bulk delete without a filter, or with an empty one, is refused and deletes nothing", () =>
    Effect.gen(function*() {
      const agile = yield* client
      const simulator = yield* Simulator.Simulator
      const before = (yield* simulator.agileTable("WORK_ORDERS")).length
      const filters: ReadonlyArray<readonly [unknown, RegExp]> = [
        [undefined, /^filter: is required: without one every work order would be deleted$/],
        [null, /^filter: is required/],
        [{}, /^q\.filter: is not a filter$/],
        [{ _tag: "And", filters: [] }, /^q\.filter\.filters: And needs at least two filters$/],
        [{ _tag: "Or", filters: [Q.eq("WORK_ORDER_ID", 1)] }, /^q\.filter\.filters: Or needs at least two filters$/],
        [{ _tag: "Condition", operator: "=", value: 1 }, /^q\.filter\.column: is an empty column name$/]
      ]
      for (const [filter, reason] of filters) {
        expect(yield* refusal(agile.deleteWorkOrders(filter as QModule.Filter))).toMatch(reason)
      }
      expect(yield* sent).toEqual([])
      expect((yield* simulator.agileTable("WORK_ORDERS")).length).toBe(before)
    }).pipe(Effect.provide(layer())))

  it.scoped("NaN and ±Infinity anywhere in a filter (JSON would send null) are InvalidRequest naming the place", () =>
    Effect.gen(function*() {
      const agile = yield* client
      expect(yield* refusal(agile.workOrders({ filter: Q.isIn("STATUS", [1, Number.NaN]) }))).toBe(
        "q.filter.value[1]: NaN is not a number (JSON would send it as null)"
      )
      expect(yield* refusal(agile.deleteWorkOrders(Q.between("WORK_ORDER_ID", Number.NaN, Number.POSITIVE_INFINITY))))
        .toMatch(/^q\.filter\.value\[0\]: NaN is not a number/)
      expect(yield* refusal(agile.workOrders({ filter: Q.between("WORK_ORDER_ID", 1, Number.NEGATIVE_INFINITY) })))
        .toMatch(/^q\.filter\.value\[1\]: -Infinity is not a number/)
      const nested = Q.or(Q.eq("STATUS", 1), Q.and(Q.gt("STATUS", 0), Q.isIn("ASSET_TYPE_ID", [3, Infinity])))
      expect(yield* refusal(agile.query("workOrder", { filter: nested }))).toMatch(
        /^q\.filter\.filters\[1\]\.filters\[1\]\.value\[1\]: Infinity is not a number/
      )
      const lopsided = { _tag: "Condition", column: "STATUS", operator: "BETWEEN", value: [1] } as const
      expect(yield* refusal(agile.workOrders({ filter: lopsided }))).toMatch(/^q\.filter\.value: BETWEEN needs two/)
      expect(yield* sent).toEqual([])
      expect(yield* agile.workOrders({ filter: Q.isIn("WORK_ORDER_ID", [1621, 1622]) })).toHaveLength(2)
    }).pipe(Effect.provide(layer())))

  it.scoped("new ids that are not positive integers (\"NaN\", 1.5, -3, 0) are ResponseDecodeError", () =>
    Effect.gen(function*() {
      const agile = yield* client
      const simulator = yield* Simulator.Simulator
      const row = { STATUS: 1, START_DATE: "20250301", DESCRIPTION: "Patch pothole" }
      for (const body of ["[\"NaN\"]", "[1.5]", "[-3]", "[0]", "[\"Infinity\"]"]) {
        yield* simulator.addFault(
          Fault.rule(Fault.Status({ status: 200, body }), { route: "agile/workOrder", times: 1 })
        )
        const error = yield* Effect.flip(agile.createWorkOrders([row]))
        expect(error._tag).toBe("ResponseDecodeError")
        if (error._tag === "ResponseDecodeError") expect(error.path).toBe("[0]")
      }
      yield* simulator.addFault(
        Fault.rule(Fault.Status({ status: 200, body: "[\"7\"]" }), { route: "agile/workOrder" })
      )
      expect(yield* agile.createWorkOrders([row])).toEqual([7])
    }).pipe(Effect.provide(layer())))

  it.scoped("a day card with an invalid Date, a year outside 1900–2100 or a DATE_WORK not yyyyMMdd is refused", () =>
    Effect.gen(function*() {
      const agile = yield* client
      const row = (DATE_WORK: string | Date) => ({ LABOR_ID: 2412555, DATE_WORK, TRC_ID: 1, TOTAL_HOURS: 2 })
      const cases: ReadonlyArray<readonly [string | Date, string]> = [
        [new Date(Number.NaN), "is an invalid Date"],
        [new Date(20000, 0, 1), "year 20000 is out of range (1900–2100)"],
        [new Date(1899, 11, 31), "year 1899 is out of range (1900–2100)"],
        ["2025-03-14", "\"2025-03-14\" is not a date in the form yyyyMMdd"],
        ["20250230", "\"20250230\" is not a date in the form yyyyMMdd"],
        ["21010101", "year 2101 is out of range (1900–2100)"]
      ]
      for (const [date, reason] of cases) {
        expect(yield* refusal(agile.putDayCard(1643, [row("20250314"), row(date)]))).toBe(
          `rows[1].DATE_WORK: ${reason}`
        )
      }
      expect(yield* sent).toEqual([])
      yield* agile.putDayCard(1643, [row(new Date(2025, 2, 14))])
      const [request] = yield* sent
      expect(request?.body).toEqual({ WORK_ORDERS_LABOR_DC: [row("20250314")] })
    }).pipe(Effect.provide(layer())))
})
