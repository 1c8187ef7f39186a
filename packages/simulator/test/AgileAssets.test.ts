import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { AgileData, Fault, Simulator } from "../src/index.js"
import { agile, agileGet, isPage, jsonError, rowsOf } from "./agileUtils.js"
import { TestLayer } from "./utils.js"

const basicHeader = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`

describe("AgileAssets REST API v1: service, asset types, paths, auth, log", () => {
  it.effect("serves under /ams_dev/rest/v1 by default, or under the configured instance", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      expect(sim.agileUrl).toBe(`${sim.url}/ams_dev/rest/v1`)
      const other = yield* Effect.provide(
        Effect.gen(function*() {
          const s = yield* Simulator.Simulator
          const answer = yield* agile("GET", "asset/639")
          const old = yield* agile("GET", "/ams_dev/rest/v1/asset/639")
          return { url: s.agileUrl.slice(s.url.length), answer, old }
        }),
        TestLayer({ agileAssets: { instance: "ams_ky" } })
      )
      expect(other.url).toBe("/ams_ky/rest/v1")
      expect(other.answer.status).toBe(200)
      expect(other.old.status).toBe(404)
      expect(yield* sim.agileTable("setup_asset_type")).toHaveLength(10)
      expect(yield* sim.agileTable("NO_SUCH_TABLE")).toEqual([])
    }).pipe(Effect.provide(TestLayer())))

  it.effect("GET asset lists the asset types; the docs' q (projection, page 4 of 2) answers Equipment, Employee", () =>
    Effect.gen(function*() {
      const all = yield* agile("GET", "asset")
      expect(all.status).toBe(200)
      expect(all.headers["content-type"]).toBe("application/json")
      expect(rowsOf(JSON.parse(all.text), "SETUP_ASSET_TYPE")).toHaveLength(10)
      const docs = yield* agile("GET", "asset", {
        q: { projection: ["ASSET_TYPE_ID", "ASSET_TYPE_NAME"], page: { number: 4, size: 2 } }
      })
      expect(docs.text).toBe(
        "{\"SETUP_ASSET_TYPE\":[{\"ASSET_TYPE_ID\":3,\"ASSET_TYPE_NAME\":\"Equipment\"},{\"ASSET_TYPE_ID\":5,\"ASSET_TYPE_NAME\":\"Employee\"}]}"
      )
    }).pipe(Effect.provide(TestLayer())))

  it.effect("GET asset/{id} is one flat row (the docs' 639 Signals)", () =>
    Effect.gen(function*() {
      const signals = yield* agileGet("asset/639")
      expect(signals).toMatchObject({
        ASSET_TYPE_ID: 639,
        ASSET_TYPE_NAME: "Signals",
        PARENT_ID: 2,
        LEVEL_ID: 3,
        INVENTORY_TABLE_NAME: "SIGNAL_INVENTORY",
        NUM_CHILD: 0,
        USER_UPDATE: "EUGENE",
        DATE_UPDATE: "20110531173140",
        ORDER_ID: 50,
        PM_APPL: 1,
        DEFECT_SURV_APPL: 0,
        LOCATION_APPL: 1,
        MODULE_ID: 3,
        INVENTORY_MEASURE_EXP: "1"
      })
      const projected = yield* agileGet("asset/639", { projection: ["ASSET_TYPE_NAME"] })
      expect(projected).toEqual({ ASSET_TYPE_NAME: "Signals" })
      const missing = yield* agile("GET", "asset/12345")
      expect(missing.status).toBe(404)
      expect(jsonError(missing).message).toContain("12345")
    }).pipe(Effect.provide(TestLayer())))

  it.effect("GET asset/{name}: any case, spaces and slashes removed; unknown name → 404 JSON", () =>
    Effect.gen(function*() {
      const sign = yield* agileGet("asset/sign")
      expect(sign).toMatchObject({
        ASSET_TYPE_ID: 6,
        ASSET_TYPE_NAME: "Sign",
        PARENT_ID: 1,
        LEVEL_ID: 2,
        INVENTORY_TABLE_NAME: "SIGN_INVENTORY",
        DATE_UPDATE: "20100909121727",
        MODULE_ID: 3,
        MOBILE_LAYER_NAME: "ASSET_LOC_POINT"
      })
      expect((yield* agileGet("asset/SIGN")).ASSET_TYPE_ID).toBe(6)
      expect((yield* agileGet("asset/guardrail")).ASSET_TYPE_NAME).toBe("Guard Rail")
      expect((yield* agileGet("asset/GuardRail")).ASSET_TYPE_ID).toBe(7)
      expect((yield* agileGet("asset/CULVERTPIPE")).ASSET_TYPE_NAME).toBe("Culvert/Pipe")
      expect((yield* agileGet("asset/Culvert%2FPipe")).ASSET_TYPE_ID).toBe(8)
      expect((yield* agileGet("asset/trafficcontrol")).ASSET_TYPE_ID).toBe(2)
      const missing = yield* agile("GET", "asset/nosuchasset")
      expect(missing.status).toBe(404)
      expect(jsonError(missing)).toEqual({ status: "404", message: "There is no asset type nosuchasset" })
    }).pipe(Effect.provide(TestLayer())))

  it.effect("GET asset/{name}/parent is the parent row; a root has none (404 JSON)", () =>
    Effect.gen(function*() {
      expect((yield* agileGet("asset/signals/parent")).ASSET_TYPE_NAME).toBe("Traffic Control")
      expect((yield* agileGet("asset/sign/parent")).ASSET_TYPE_ID).toBe(1)
      expect((yield* agileGet("asset/639/parent")).ASSET_TYPE_ID).toBe(2)
      expect((yield* agileGet("asset/CulvertPipe/Parent/")).ASSET_TYPE_NAME).toBe("Roadway Assets")
      const root = yield* agile("GET", "asset/roadwayassets/parent")
      expect(root.status).toBe(404)
      expect(jsonError(root).message).toBe("Asset type Roadway Assets has no parent")
    }).pipe(Effect.provide(TestLayer())))

  it.effect("paths match in any case and with a trailing slash; unknown paths are the 404 page", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      for (const path of ["workorder/1621", "WORKORDER/1621/", "workOrder/1621/", "/AMS_DEV/REST/V1/WorkOrder/1621"]) {
        const answer = yield* agile("GET", path)
        expect(answer.status, path).toBe(200)
        expect(JSON.parse(answer.text).WORK_ORDER_ID).toBe(1621)
      }
      expect((yield* agile("GET", "workorder/1643/daycard/")).status).toBe(200)
      expect((yield* agile("GET", "ASSET/")).status).toBe(200)
      for (
        const path of ["nosuchentity", "workOrder/1621/nothing", "asset/sign/parent/more", "", "/ams_dev/rest/v2/asset"]
      ) {
        const answer = yield* agile("GET", path)
        expect(answer.status, path).toBe(404)
        expect(answer.headers["content-type"]).toMatch(/^text\/html/)
        expect(answer.text).toContain("HTTP Status 404 – Not Found")
      }
      const wrongMethod = yield* agile("POST", "asset/639", { body: {} })
      expect(wrongMethod.status).toBe(405)
      expect(isPage(wrongMethod)).toBe(true)
      expect(wrongMethod.headers["allow"]).toBe("GET")
      const notAnId = yield* agile("GET", "workOrder/abc")
      expect(notAnId.status).toBe(404)
      expect(isPage(notAnId)).toBe(true)
      const log = yield* sim.requests
      expect(log.map((e) => e.route)).toContain("agile/workOrder/:id")
      expect(log.map((e) => e.route)).toContain("agile/unknown")
      expect(log.find((e) => e.path === "/ams_dev/rest/v2/asset")?.route).toBe("unknown")
    }).pipe(Effect.provide(TestLayer())))

  it.effect("auth None (default) accepts any request, with or without a credential", () =>
    Effect.gen(function*() {
      expect((yield* agile("GET", "asset")).status).toBe(200)
      expect((yield* agile("GET", "asset", { headers: { authorization: "Bearer whatever" } })).status).toBe(200)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("auth Basic: right credentials pass; missing or wrong → 401 text/plain, even on unknown paths", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const ok = yield* agile("GET", "asset", { headers: { authorization: basicHeader("api", "secret-pw") } })
      expect(ok.status).toBe(200)
      for (
        const headers of [{}, { authorization: basicHeader("api", "wrong") }, { authorization: "Bearer secret-pw" }]
      ) {
        const answer = yield* agile("GET", "asset", { headers })
        expect(answer.status).toBe(401)
        expect(answer.headers["content-type"]).toMatch(/^text\/plain/)
        expect(answer.headers["www-authenticate"]).toBe("Basic realm=\"AMS\"")
        expect(answer.text).toBe("Unauthorized")
      }
      expect((yield* agile("GET", "nosuchentity")).status).toBe(401)
      const unchanged = yield* agile("DELETE", "workOrder/1621")
      expect(unchanged.status).toBe(401)
      expect((yield* sim.agileTable("WORK_ORDERS")).some((r) => r.WORK_ORDER_ID === 1621)).toBe(true)
      const log = yield* sim.requests
      expect(log[0]).toMatchObject({ auth: "basic", account: "api", route: "agile/asset", status: 200 })
      expect(log[0]?.headers["authorization"]).toBe("<redacted>")
      expect(log[1]?.auth).toBe("none")
      expect(log[2]?.auth).toBe("invalid")
      expect(JSON.stringify(log)).not.toContain("secret-pw")
    }).pipe(
      Effect.provide(TestLayer({ agileAssets: { auth: { _tag: "Basic", username: "api", password: "secret-pw" } } }))
    ))

  it.effect("auth Bearer: the right token passes; missing or wrong → 401 text/plain", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const ok = yield* agile("GET", "workOrder/1621", { headers: { authorization: "Bearer tok-123" } })
      expect(ok.status).toBe(200)
      for (const headers of [{}, { authorization: "Bearer tok-999" }, { authorization: basicHeader("a", "tok-123") }]) {
        const answer = yield* agile("GET", "workOrder/1621", { headers })
        expect(answer.status).toBe(401)
        expect(answer.headers["content-type"]).toMatch(/^text\/plain/)
        expect(answer.headers["www-authenticate"]).toBe("Bearer realm=\"AMS\"")
      }
      const log = yield* sim.requests
      expect(log.map((e) => e.auth)).toEqual(["bearer", "none", "invalid", "invalid"])
      expect(JSON.stringify(log)).not.toContain("tok-123")
    }).pipe(Effect.provide(TestLayer({ agileAssets: { auth: { _tag: "Bearer", token: "tok-123" } } }))))

  it.effect("faults and counters cover the agile routes by route key", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.addFault({ route: "agile/workOrder/:id/DayCard", fault: Fault.Status({ status: 503 }), times: 1 })
      yield* sim.addFault({ route: "agile/asset/*", fault: Fault.RateLimited({ retryAfterSeconds: 7 }), times: 1 })
      const unavailable = yield* agile("GET", "workorder/1643/DAYCARD")
      expect(unavailable.status).toBe(503)
      expect((yield* agile("GET", "workOrder/1643/DayCard")).status).toBe(200)
      const limited = yield* agile("GET", "asset/sign/parent")
      expect(limited.status).toBe(429)
      expect(limited.headers["retry-after"]).toBe("7")
      expect((yield* agile("GET", "asset/sign")).status).toBe(200)
      const counters = yield* sim.counters
      expect(counters.byRoute["agile/workOrder/:id/DayCard"]).toBe(2)
      expect(counters.byRoute["agile/asset/:id/parent"]).toBe(1)
      expect(counters.byRoute["agile/asset/:id"]).toBe(1)
      expect(counters.faults).toEqual({ Status: 1, RateLimited: 1 })
    }).pipe(Effect.provide(TestLayer())))

  it.effect("custom tables replace the demo ones", () =>
    Effect.gen(function*() {
      const tables: AgileData.AgileTables = {
        WORK_ORDERS: {
          columns: { WORK_ORDER_ID: "number", STATUS: "number", DESCRIPTION: "string" },
          key: ["WORK_ORDER_ID"],
          rows: [{ WORK_ORDER_ID: 1, STATUS: 1, DESCRIPTION: "Only one" }]
        }
      }
      const answer = yield* Effect.provide(agileGet("workOrder"), TestLayer({ agileAssets: { tables } }))
      expect(answer).toEqual({ WORK_ORDERS: [{ WORK_ORDER_ID: 1, STATUS: 1, DESCRIPTION: "Only one" }] })
      const noAssets = yield* Effect.provide(agile("GET", "asset"), TestLayer({ agileAssets: { tables } }))
      expect(noAssets.status).toBe(404)
      expect(jsonError(noAssets).message).toBe("There is no table SETUP_ASSET_TYPE")
      expect(AgileData.make().WORK_ORDERS?.rows).toHaveLength(30)
    }))
})
