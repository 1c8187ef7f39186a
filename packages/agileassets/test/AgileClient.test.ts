import { AgileClient, AgileConfig, Q } from "@ams-effect/agileassets"
import { Fault, Simulator, TestTime } from "@ams-effect/simulator"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Redacted } from "effect"
import { layer } from "./fixtures.js"

type Auth = AgileConfig.Auth

const client = AgileClient.AgileClient
const table = (name: string) => Effect.flatMap(Simulator.Simulator, (simulator) => simulator.agileTable(name))

describe("AgileClient", () => {
  it.scoped("asset types: the documented q, by id, by name (spaces and slashes removed) and parent", () =>
    Effect.gen(function*() {
      const agile = yield* client
      const page = yield* agile.assetTypes({
        projection: ["ASSET_TYPE_ID", "ASSET_TYPE_NAME"],
        page: { number: 1, size: 2 }
      })
      expect(page).toHaveLength(2)
      expect(Object.keys(page[0]!).sort()).toEqual(["ASSET_TYPE_ID", "ASSET_TYPE_NAME"])
      const signals = yield* agile.assetType(639)
      expect(signals).toMatchObject({
        ASSET_TYPE_NAME: "Signals",
        INVENTORY_TABLE_NAME: "SIGNAL_INVENTORY",
        DATE_UPDATE: "20110531173140"
      })
      expect(yield* agile.assetByName("sign")).toMatchObject({ ASSET_TYPE_ID: 6, MOBILE_LAYER_NAME: "ASSET_LOC_POINT" })
      expect(yield* agile.assetByName("Guard Rail")).toMatchObject({ ASSET_TYPE_NAME: "Guard Rail" })
      expect(yield* agile.assetByName("culvert/pipe")).toMatchObject({ ASSET_TYPE_NAME: "Culvert/Pipe" })
      expect(yield* agile.assetParent("Signals")).toMatchObject({ ASSET_TYPE_ID: 2 })
      const missing = yield* Effect.flip(agile.assetType(99_999))
      expect(missing._tag).toBe("AgileNotFound")
    }).pipe(Effect.provide(layer())))

  it.scoped("work orders: create → read → update → delete; a second delete is AgileNotFound", () =>
    Effect.gen(function*() {
      const agile = yield* client
      const ids = yield* agile.createWorkOrders([
        { STATUS: 1, START_DATE: "20250301", DESCRIPTION: "Patch pothole", ASSET_TYPE_ID: 3 },
        { STATUS: 1, START_DATE: "20250302", DESCRIPTION: "Repaint sign", ASSET_TYPE_ID: 6 }
      ])
      expect(ids).toHaveLength(2)
      expect(yield* agile.workOrder(ids[0]!)).toMatchObject({ DESCRIPTION: "Patch pothole", STATUS: 1 })
      yield* agile.updateWorkOrder(ids[0]!, { STATUS: 2 })
      expect(yield* agile.workOrder(ids[0]!)).toMatchObject({ STATUS: 2, DESCRIPTION: "Patch pothole" })
      yield* agile.deleteWorkOrder(ids[0]!)
      const error = yield* Effect.flip(agile.deleteWorkOrder(ids[0]!))
      expect(error._tag).toBe("AgileNotFound")
      const stored = yield* table("WORK_ORDERS")
      expect(stored.some((row) => row["WORK_ORDER_ID"] === ids[0])).toBe(false)
      expect(stored.some((row) => row["WORK_ORDER_ID"] === ids[1])).toBe(true)
    }).pipe(Effect.provide(layer())))

  it.scoped("delete by filter; an approved work order is refused and the whole call rolled back", () =>
    Effect.gen(function*() {
      const agile = yield* client
      const [a, b] = yield* agile.createWorkOrders([
        { STATUS: 1, START_DATE: "20250401", DESCRIPTION: "one" },
        { STATUS: 1, START_DATE: "20250402", DESCRIPTION: "two" }
      ])
      yield* agile.deleteWorkOrders(Q.or(Q.eq("WORK_ORDER_ID", a!), Q.eq("WORK_ORDER_ID", b!)))
      expect((yield* table("WORK_ORDERS")).filter((row) => row["WORK_ORDER_ID"] === a || row["WORK_ORDER_ID"] === b))
        .toEqual([])

      const [open, approved] = yield* agile.createWorkOrders([
        { STATUS: 1, START_DATE: "20250403", DESCRIPTION: "open" },
        { STATUS: 4, START_DATE: "20250404", DESCRIPTION: "approved" }
      ])
      const before = (yield* table("WORK_ORDERS")).length
      const error = yield* Effect.flip(agile.deleteWorkOrders(Q.isIn("WORK_ORDER_ID", [open!, approved!])))
      expect(error._tag).toBe("AgileOperationFailed")
      if (error._tag === "AgileOperationFailed") {
        expect(error.status).toBe(400)
        expect(error.message).toContain("rolled back")
      }
      expect((yield* table("WORK_ORDERS")).length).toBe(before)
    }).pipe(Effect.provide(layer())))

  it.scoped("a day card with one zero-hours row among three writes none of them; the valid rows then go in", () =>
    Effect.gen(function*() {
      const agile = yield* client
      const day = new Date(2025, 2, 14)
      const rows = [
        { LABOR_ID: 2412555, DATE_WORK: day, TRC_ID: 1, TOTAL_HOURS: 3 },
        { LABOR_ID: 2412556, DATE_WORK: "20250314", TRC_ID: 1, TOTAL_HOURS: 0, WAC_CODE_ID: null },
        { LABOR_ID: 2412557, DATE_WORK: day, TRC_ID: 2, TOTAL_HOURS: 1.5 }
      ]
      const dayCard = Effect.map(
        table("WORK_ORDERS_LABOR_DC"),
        (all) => all.filter((row) => row["WORK_ORDER_ID"] === 1643)
      )
      const before = yield* dayCard
      const error = yield* Effect.flip(agile.putDayCard(1643, rows))
      expect(error._tag).toBe("AgileOperationFailed")
      if (error._tag === "AgileOperationFailed") expect(error.serverMessage.toLowerCase()).toContain("hours")
      expect(yield* dayCard).toEqual(before)

      yield* agile.putDayCard(1643, rows.filter((row) => row.TOTAL_HOURS > 0))
      const after = yield* dayCard
      expect(after.length).toBe(before.length + 2)
      expect(after).toContainEqual(
        expect.objectContaining({ LABOR_ID: 2412555, DATE_WORK: "20250314", TOTAL_HOURS: 3 })
      )
    }).pipe(Effect.provide(layer())))

  it.scoped("a day-card row without a key column is InvalidRequest naming it, and nothing is sent", () =>
    Effect.gen(function*() {
      const agile = yield* client
      const row = { LABOR_ID: 1, DATE_WORK: "20250314", TRC_ID: 1, TOTAL_HOURS: 1 }
      const { TRC_ID: _, ...withoutTrc } = row
      const error = yield* Effect.flip(agile.putDayCard(1643, [row, withoutTrc as unknown as AgileClient.DayCardRow]))
      expect(error._tag).toBe("InvalidRequest")
      if (error._tag === "InvalidRequest") expect(error.field).toBe("rows[1].TRC_ID")
      const simulator = yield* Simulator.Simulator
      expect(yield* simulator.requests).toEqual([])
    }).pipe(Effect.provide(layer())))

  it.scoped("pre-execution refusals (non-JSON 4xx) are AgileRejected with the status and the text", () =>
    Effect.gen(function*() {
      const agile = yield* client
      const simulator = yield* Simulator.Simulator
      // A wrong instance in the base URL: the path does not exist, and the server says so before executing.
      const wrongInstance = AgileClient.layer.pipe(
        Layer.provide(AgileConfig.layer({ url: `${simulator.url}/ams_prod/rest/v1` }).pipe(Layer.orDie)),
        Layer.provide(NodeHttpClient.layerUndici)
      )
      const unknown = yield* Effect.flip(
        Effect.flatMap(client, (other) => other.workOrders()).pipe(Effect.provide(wrongInstance))
      )
      expect(unknown._tag).toBe("AgileRejected")
      if (unknown._tag === "AgileRejected") {
        expect(unknown.status).toBe(404)
        expect(unknown.message).toContain("base URL")
      }
      yield* simulator.addFault(Fault.rule(Fault.Status({ status: 415, body: "Unsupported Media Type" }), { times: 1 }))
      const media = yield* Effect.flip(agile.workOrders())
      expect(media._tag).toBe("AgileRejected")
      if (media._tag === "AgileRejected") {
        expect(media.status).toBe(415)
        expect(media.text).toContain("Unsupported Media Type")
        expect(media.message).toContain("JSON content type")
      }
    }).pipe(Effect.provide(layer())))

  it.scoped("an error answer echoing the Bearer token reaches the error with the token redacted", () => {
    const token = "t0k-LEAK-CANARY-9f2c"
    const auth: AgileConfig.Auth = { _tag: "Bearer", token: Redacted.make(token) }
    return Effect.gen(function*() {
      const agile = yield* client
      const simulator = yield* Simulator.Simulator
      const echoes = [
        [400, `Bad request: Authorization: Bearer ${token}`, "AgileRejected"],
        [500, JSON.stringify({ status: "500", message: `token ${token} expired` }), "AgileOperationFailed"]
      ] as const
      for (const [status, body, tag] of echoes) {
        yield* simulator.addFault(Fault.rule(Fault.Status({ status, body }), { route: "agile/workOrder", times: 1 }))
        const error = yield* Effect.flip(agile.workOrders())
        expect(error._tag).toBe(tag)
        const text = `${String(error)} ${JSON.stringify(error)}`
        expect(text).toContain("<redacted>")
        expect(text).not.toContain("LEAK-CANARY")
      }
    }).pipe(Effect.provide(layer({ server: auth, client: auth })))
  })

  it.scoped("an HTML page with 200 is UnexpectedResponse; a 503 is retried", () =>
    Effect.gen(function*() {
      const agile = yield* client
      const simulator = yield* Simulator.Simulator
      yield* simulator.addFault(Fault.rule(Fault.HtmlOk(), { times: 1 }))
      expect((yield* Effect.flip(agile.workOrders()))._tag).toBe("UnexpectedResponse")
      yield* simulator.addFault(Fault.rule(Fault.Status({ status: 503 }), { times: 2 }))
      const rows = yield* TestTime.runWithClock(agile.workOrders({ page: { size: 3, number: 1 } }))
      expect(rows).toHaveLength(3)
    }).pipe(Effect.provide(layer())))

  for (
    const auth of [
      { _tag: "Basic", username: "eugene", password: Redacted.make("agile-LEAK-CANARY") },
      { _tag: "Bearer", token: Redacted.make("token-LEAK-CANARY") }
    ] satisfies ReadonlyArray<Auth>
  ) {
    it.scoped(`${auth._tag} authentication: accepted when right; refused credentials are AgileRejected 401`, () =>
      Effect.gen(function*() {
        expect(yield* Effect.flatMap(client, (agile) => agile.assetType(6))).toMatchObject({ ASSET_TYPE_NAME: "Sign" })
        const simulator = yield* Simulator.Simulator
        const [request] = yield* simulator.requests
        expect(request?.headers["authorization"]).toBe("<redacted>")
      }).pipe(Effect.provide(layer({ server: auth, client: auth }))))

    it.scoped(`${auth._tag} authentication: wrong credentials are AgileRejected 401, and no secret leaks`, () =>
      Effect.gen(function*() {
        const wrong: Auth = auth._tag === "Basic"
          ? { ...auth, password: Redacted.make("wrong-LEAK-CANARY") }
          : { _tag: "Bearer", token: Redacted.make("wrong-LEAK-CANARY") }
        const error = yield* Effect.flip(
          Effect.flatMap(client, (agile) => agile.assetType(6)).pipe(
            Effect.provide(layer({ server: auth, client: wrong }))
          )
        )
        expect(error._tag).toBe("AgileRejected")
        if (error._tag === "AgileRejected") expect(error.status).toBe(401)
        for (const text of [String(error), JSON.stringify(error), error.message]) {
          expect(text).not.toContain("LEAK-CANARY")
        }
      }))
  }
})
