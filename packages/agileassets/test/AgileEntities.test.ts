import { AgileClient, AgileDate, Q } from "@ams-effect/agileassets"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { layer } from "./fixtures.js"

describe("AgileClient generic entities", () => {
  it.scoped("lookup tables: query with q, get by id, create, update, remove", () =>
    Effect.gen(function*() {
      const agile = yield* AgileClient.AgileClient
      const statuses = yield* agile.query("lookup/LOOKUP_WORK_ORDER_STATUS", { sort: [["STATUS_ID", "DESC"]] })
      expect(statuses[0]).toEqual({ STATUS_ID: 6, STATUS_NAME: "Cancelled" })
      expect(yield* agile.get("lookup/LOOKUP_TRC", 2)).toMatchObject({ TRC_NAME: "Overtime", PAY_FACTOR: 1.5 })
      const [id] = yield* agile.create("lookup/LOOKUP_TRC", "LOOKUP_TRC", [{ TRC_NAME: "Holiday", PAY_FACTOR: 2.5 }])
      yield* agile.update("lookup/LOOKUP_TRC", id!, "LOOKUP_TRC", { PAY_FACTOR: 3 })
      expect(yield* agile.get("lookup/LOOKUP_TRC", id!)).toMatchObject({ TRC_NAME: "Holiday", PAY_FACTOR: 3 })
      yield* agile.remove("lookup/LOOKUP_TRC", id!)
      expect((yield* Effect.flip(agile.get("lookup/LOOKUP_TRC", id!)))._tag).toBe("AgileNotFound")
    }).pipe(Effect.provide(layer())))

  it.scoped("users, repair orders and authorities", () =>
    Effect.gen(function*() {
      const agile = yield* AgileClient.AgileClient
      expect((yield* agile.query("user", { filter: Q.eq("USER_NAME", "EUGENE") })).map((row) => row["USER_ID"]))
        .toEqual([101])
      const open = yield* agile.query("repairOrder", { filter: Q.lt("STATUS", 5), projection: ["REPAIR_ORDER_ID"] })
      expect(open.map((row) => row["REPAIR_ORDER_ID"]).sort()).toEqual([501, 503])
      const repair = yield* agile.get("repairOrder", 501)
      expect(Option.map(AgileDate.parseDate(repair["OPEN_DATE"]), AgileDate.formatDate)).toEqual(
        Option.some("20130304")
      )
      const districts = yield* agile.query("authority", { filter: Q.eq("PARENT_ID", 1) })
      expect(districts.map((row) => row["AUTHORITY_NAME"]).sort()).toEqual(["District 1", "District 2"])
      const error = yield* Effect.flip(agile.update("user", 101, "USERS", { NO_SUCH_COLUMN: 1 }))
      expect(error._tag).toBe("AgileOperationFailed")
    }).pipe(Effect.provide(layer())))
})

describe("AgileDate", () => {
  it("reads and writes yyyyMMdd and yyyyMMddHHmmss in local time", () => {
    expect(AgileDate.parseTimestamp("20110531173140")).toEqual(Option.some(new Date(2011, 4, 31, 17, 31, 40)))
    expect(AgileDate.parseDate("20130314")).toEqual(Option.some(new Date(2013, 2, 14)))
    expect(AgileDate.formatTimestamp(new Date(2010, 8, 9, 12, 17, 27))).toBe("20100909121727")
    expect(AgileDate.formatDate(new Date(2013, 2, 14, 23, 59))).toBe("20130314")
    for (const bad of ["20130230", "2013031", "20131314", 20130314, null]) {
      expect(AgileDate.parseDate(bad), String(bad)).toEqual(Option.none())
    }
    expect(AgileDate.parseTimestamp("20110531256140")).toEqual(Option.none())
  })
})
