import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { Simulator } from "../src/index.js"
import { agile, agileGet, isPage, jsonError, rowsOf } from "./agileUtils.js"
import { TestLayer } from "./utils.js"

const entities = [
  { path: "user", table: "USERS", key: "USER_ID", seedId: 101, row: { USER_NAME: "NEWBIE", FULL_NAME: "New Person" } },
  {
    path: "repairOrder",
    table: "REPAIR_ORDERS",
    key: "REPAIR_ORDER_ID",
    seedId: 502,
    row: { EQUIPMENT_ID: 7003, DESCRIPTION: "Tyres", STATUS: 1, OPEN_DATE: "20130401" }
  },
  { path: "authority", table: "AUTHORITY", key: "AUTHORITY_ID", seedId: 20, row: { AUTHORITY_NAME: "District 3" } },
  {
    path: "lookup/LOOKUP_TRC",
    table: "LOOKUP_TRC",
    key: "TRC_ID",
    seedId: 2,
    row: { TRC_NAME: "Holiday", PAY_FACTOR: 2.5 }
  }
] as const

describe("AgileAssets REST API v1: lookup, user, repairOrder, authority", () => {
  for (const entity of entities) {
    it.effect(`${entity.path}: list with q, get, POST, PUT, DELETE`, () =>
      Effect.gen(function*() {
        const sim = yield* Simulator.Simulator
        const seeded = rowsOf(yield* agileGet(entity.path), entity.table)
        expect(seeded.length).toBeGreaterThanOrEqual(3)
        const projected = rowsOf(
          yield* agileGet(entity.path, { projection: [entity.key], sort: { [entity.key]: "DESC" }, page: { size: 1 } }),
          entity.table
        )
        expect(projected).toHaveLength(1)
        expect(Object.keys(projected[0] ?? {})).toEqual([entity.key])
        const one = yield* agileGet(`${entity.path}/${entity.seedId}`)
        expect(one[entity.key]).toBe(entity.seedId)
        const missing = yield* agile("GET", `${entity.path}/99999`)
        expect(missing.status).toBe(404)
        expect(jsonError(missing).status).toBe("404")

        const created = yield* agile("POST", entity.path, { body: { [entity.table]: [entity.row] } })
        expect(created.status).toBe(200)
        const [id] = JSON.parse(created.text) as Array<number>
        expect(yield* agileGet(`${entity.path}/${id}`)).toMatchObject({ ...entity.row, [entity.key]: id })

        const put = yield* agile("PUT", `${entity.path}/${id}/`, { body: { [entity.table]: [{ ...entity.row }] } })
        expect(put.status).toBe(204)
        const putMissing = yield* agile("PUT", `${entity.path}/99999`, { body: { [entity.table]: [entity.row] } })
        expect(putMissing.status).toBe(404)

        expect((yield* agile("DELETE", `${entity.path}/${id}`)).status).toBe(204)
        expect((yield* agile("DELETE", `${entity.path}/${id}`)).status).toBe(404)
        expect(yield* sim.agileTable(entity.table)).toHaveLength(seeded.length)
      }).pipe(Effect.provide(TestLayer())))
  }

  it.effect("lookup/{table}: any case, with or without the LOOKUP_ prefix; unknown table → 404 JSON", () =>
    Effect.gen(function*() {
      const statuses = rowsOf(yield* agileGet("lookup/lookup_work_order_status"), "LOOKUP_WORK_ORDER_STATUS")
      expect(statuses).toContainEqual({ STATUS_ID: 4, STATUS_NAME: "Approved" })
      expect(rowsOf(yield* agileGet("Lookup/TRC/"), "LOOKUP_TRC")).toHaveLength(4)
      expect(yield* agileGet("lookup/trc/1")).toEqual({ TRC_ID: 1, TRC_NAME: "Regular Time", PAY_FACTOR: 1 })
      const unknown = yield* agile("GET", "lookup/NO_SUCH")
      expect(unknown.status).toBe(404)
      expect(jsonError(unknown).message).toBe("There is no lookup table NO_SUCH")
      const notALookup = yield* agile("GET", "lookup/WORK_ORDERS")
      expect(notALookup.status).toBe(404)
      const bare = yield* agile("GET", "lookup")
      expect(bare.status).toBe(404)
      expect(isPage(bare)).toBe(true)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("DELETE by filter and POST of several rows on a generic entity are all or nothing", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const deleted = yield* agile("DELETE", "authority", {
        body: { filter: [["AUTHORITY_NAME", "LIKE", "District%"]] }
      })
      expect(deleted.status).toBe(204)
      expect((yield* sim.agileTable("AUTHORITY")).map((r) => r.AUTHORITY_ID)).toEqual([1, 101])
      const posted = yield* agile("POST", "user", {
        body: { USERS: [{ USER_NAME: "A", FULL_NAME: "A" }, { USER_NAME: "B", FULL_NAME: 2 }] }
      })
      expect(posted.status).toBe(400)
      expect(yield* sim.agileTable("USERS")).toHaveLength(4)
      const empty = yield* agile("POST", "user", {})
      expect(empty.status).toBe(400)
      expect(isPage(empty)).toBe(true)
      const noFilter = yield* agile("DELETE", "user")
      expect(noFilter.status).toBe(400)
      expect(jsonError(noFilter).message).toContain("filter")
    }).pipe(Effect.provide(TestLayer())))
})
