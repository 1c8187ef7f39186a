/**
 * The AgileAssets AMS REST API v1 ("API 1") client: asset types, work orders and their labor day cards, and
 * table-keyed access to the other entities (lookups, users, repair orders, authorities).
 *
 * Rows are records of Oracle column names (`WORK_ORDER_ID`, `START_DATE`…) to values; collections come keyed by
 * their table (`{"WORK_ORDERS": [...]}`). Every method's error type lists exactly what it can fail with. It uses
 * core's transport (timeouts, retries, spans, redaction) with its own URLs and authentication, not the Smartabase
 * session.
 *
 * @since 0.1.0
 */
import type * as AmsError from "@ams-effect/core/AmsError"
import * as AmsRequest from "@ams-effect/core/AmsRequest"
import * as AmsResponse from "@ams-effect/core/AmsResponse"
import * as RetryPolicy from "@ams-effect/core/RetryPolicy"
import * as Transport from "@ams-effect/core/Transport"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { AgileConfig } from "./AgileConfig.js"
import type { AgileNotFound, AgileOperationFailed, AgileRejected } from "./AgileError.js"
import * as Answer from "./internal/answer.js"
import * as Check from "./internal/check.js"
import * as Q from "./Q.js"

/**
 * A row: column name → value.
 *
 * @since 0.1.0
 * @category models
 */
export type Row = Readonly<Record<string, unknown>>

/**
 * An entity path: the documented ones, or `lookup/<table>`. A `.` or `..` segment, an empty one, `?` or `#` is
 * `InvalidRequest`; each segment is sent percent-encoded.
 *
 * @since 0.1.0
 * @category models
 */
export type Entity = "asset" | "workOrder" | "user" | "repairOrder" | "authority" | `lookup/${string}`

/**
 * A labor day-card row of `WORK_ORDERS_LABOR_DC`. The key columns `LABOR_ID`, `DATE_WORK` and `TRC_ID` are
 * required (the work order comes from the path); `DATE_WORK` is `yyyyMMdd` or a `Date`, a real date in the years
 * 1900–2100.
 *
 * @since 0.1.0
 * @category models
 */
export interface DayCardRow {
  readonly LABOR_ID: number
  readonly DATE_WORK: string | Date
  readonly TRC_ID: number
  readonly TOTAL_HOURS: number
  readonly WAC_CODE_ID?: number | null | undefined
  readonly [column: string]: unknown
}

/**
 * What a read can fail with.
 *
 * @since 0.1.0
 * @category errors
 */
export type ReadError =
  | AmsError.TransportError
  | AmsError.Timeout
  | AmsError.ServerError
  | AmsError.UnexpectedResponse
  | AmsError.ResponseDecodeError
  | AmsError.InvalidRequest
  | AgileRejected
  | AgileOperationFailed
  | AgileNotFound

/**
 * What a change that must not be repeated can fail with: a read's errors, and `OutcomeUnknown`.
 *
 * @since 0.1.0
 * @category errors
 */
export type WriteError = ReadError | AmsError.OutcomeUnknown

/**
 * The AgileAssets operations; each one's error type lists exactly what it can fail with.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Asset types (`SETUP_ASSET_TYPE`), `GET asset`. */
  readonly assetTypes: (query?: Q.Query) => Effect.Effect<ReadonlyArray<Row>, ReadError>
  /** One asset type by id, `GET asset/{id}`. */
  readonly assetType: (id: number) => Effect.Effect<Row, ReadError>
  /** The header inventory of an asset by name (case-insensitive; spaces and slashes removed), `GET asset/{name}`. */
  readonly assetByName: (name: string) => Effect.Effect<Row, ReadError>
  /** The parent asset type of an asset by name, `GET asset/{name}/parent`. */
  readonly assetParent: (name: string) => Effect.Effect<Row, ReadError>
  /** Work orders (`WORK_ORDERS`), `GET workOrder`. */
  readonly workOrders: (query?: Q.Query) => Effect.Effect<ReadonlyArray<Row>, ReadError>
  readonly workOrder: (id: number) => Effect.Effect<Row, ReadError>
  /** Creates work orders, `POST workOrder`: the ids of the new rows, in order. */
  readonly createWorkOrders: (rows: ReadonlyArray<Row>) => Effect.Effect<ReadonlyArray<number>, WriteError>
  /** Changes columns of a work order, `PUT workOrder/{id}` (idempotent). */
  readonly updateWorkOrder: (id: number, changes: Row) => Effect.Effect<void, ReadError>
  /** Deletes a work order, `DELETE workOrder/{id}`; a missing one is `AgileNotFound`. */
  readonly deleteWorkOrder: (id: number) => Effect.Effect<void, WriteError>
  /**
   * Deletes the work orders matching a filter, `DELETE workOrder` with `{"filter": …}`. The filter is required: a
   * missing or empty one is `InvalidRequest`, never a delete of every work order.
   */
  readonly deleteWorkOrders: (filter: Q.Filter) => Effect.Effect<void, WriteError>
  /**
   * Writes labor day-card rows of a work order, `PUT workOrder/{id}/DayCard` (all or nothing: one refused row
   * rolls back the others).
   */
  readonly putDayCard: (workOrderId: number, rows: ReadonlyArray<DayCardRow>) => Effect.Effect<void, ReadError>
  /** The rows of any entity (`lookup/<table>`, `user`, …). */
  readonly query: (entity: Entity, query?: Q.Query) => Effect.Effect<ReadonlyArray<Row>, ReadError>
  readonly get: (entity: Entity, id: number) => Effect.Effect<Row, ReadError>
  /** `POST {entity}` with `{table: rows}`: the new ids. */
  readonly create: (
    entity: Entity,
    table: string,
    rows: ReadonlyArray<Row>
  ) => Effect.Effect<ReadonlyArray<number>, WriteError>
  /** `PUT {entity}/{id}` with `{table: [changes]}`. */
  readonly update: (entity: Entity, id: number, table: string, changes: Row) => Effect.Effect<void, ReadError>
  /** `DELETE {entity}/{id}`. */
  readonly remove: (entity: Entity, id: number) => Effect.Effect<void, WriteError>
}

/**
 * The AgileAssets API 1 client of one connection.
 *
 * @since 0.1.0
 * @category tags
 */
export class AgileClient extends Context.Tag("@ams-effect/agileassets/AgileClient")<AgileClient, Service>() {}

const RowSchema = Schema.Record({ key: Schema.String, value: Schema.Unknown })
const Tables = Schema.Record({ key: Schema.String, value: Schema.Array(RowSchema) })
/** The ids of new rows: positive integers, as numbers or their text (`"NaN"`, `1.5` or `-3` is no id). */
const NewIds = Schema.Array(
  Schema.Union(Schema.Number, Schema.NumberFromString).pipe(Schema.int(), Schema.positive())
)

const dayCardKeys = ["LABOR_ID", "DATE_WORK", "TRC_ID"] as const

/**
 * Builds the client on core's transport, with the connection settings of `AgileConfig` and an `HttpClient`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, AgileConfig | HttpClient.HttpClient> = Effect.gen(function*() {
  const config = yield* AgileConfig
  const transport = Transport.make(
    {
      url: (request) => {
        const query = new URLSearchParams(request.urlParams).toString()
        return `${config.baseUrl}/${request.path}${query === "" ? "" : `?${query}`}`
      },
      userAgent: config.userAgent,
      timeout: config.timeout
    },
    yield* HttpClient.HttpClient,
    yield* RetryPolicy.RetryPolicy
  )
  const credentials: Transport.Credentials = config.auth
  const decodeTables = Answer.decode(Tables)
  const decodeRow = Answer.decode(RowSchema)
  const decodeIds = Answer.decode(NewIds)

  const send = <I extends boolean>(request: AmsRequest.AmsRequest<I>) => transport.send(request, credentials)

  const queryParams = (query: Q.Query | undefined, endpoint: string) =>
    query === undefined
      ? Effect.succeed({})
      : Effect.map(
        Q.toWire(query, endpoint),
        (wire) => (Object.keys(wire).length === 0 ? {} : { q: JSON.stringify(wire) })
      )

  /** The rows of a table-keyed answer: the named table, or the only one. */
  const rowsOf = (
    response: AmsResponse.AmsResponse,
    tables: Readonly<Record<string, ReadonlyArray<Row>>>,
    table?: string
  ) => {
    const names = Object.keys(tables)
    if (table !== undefined && tables[table] !== undefined) return Effect.succeed(tables[table])
    if (names.length === 0) return Effect.succeed([])
    const only = names.length === 1 ? tables[names[0]!] : undefined
    return only === undefined
      ? Effect.fail(AmsResponse.shapeError(response, "(root)", `expected one table, got ${names.join(", ")}`))
      : Effect.succeed(only)
  }

  const list = (path: string, query: Q.Query | undefined, table?: string) =>
    Effect.gen(function*() {
      const endpoint = `agile/${path}`
      const urlParams = yield* queryParams(query, endpoint)
      const response = yield* send(AmsRequest.make({ api: "agile", method: "GET", path, urlParams, idempotent: true }))
      return yield* rowsOf(response, yield* decodeTables(response), table)
    })

  const one = (path: string) => Effect.flatMap(send(AmsRequest.get("agile", path)), decodeRow)

  const create = (path: string, table: string, rows: ReadonlyArray<Row>) =>
    Effect.gen(function*() {
      if (rows.length === 0) return yield* Check.invalid(`agile/${path}`, "rows", "must hold at least one row")
      const response = yield* send(
        AmsRequest.make({ api: "agile", method: "POST", path, body: { [table]: rows }, idempotent: false })
      )
      const ids = yield* decodeIds(response)
      if (ids.length !== rows.length) {
        return yield* AmsResponse.shapeError(response, "(root)", `${ids.length} id(s) for ${rows.length} new row(s)`)
      }
      return ids
    })

  const change = (path: string, body: unknown) =>
    Effect.flatMap(
      send(AmsRequest.make({ api: "agile", method: "PUT", path, body, idempotent: true })),
      (response) => Answer.expectSuccess(response, [200, 204])
    ).pipe(Effect.asVoid)

  const remove = (path: string, body?: unknown) =>
    Effect.flatMap(
      send(AmsRequest.make({ api: "agile", method: "DELETE", path, body, idempotent: false })),
      (response) => Answer.expectSuccess(response, [200, 204])
    ).pipe(Effect.asVoid)

  const byName = (name: string, suffix: string) =>
    Effect.flatMap(Check.assetName(name), (slug) => one(`asset/${slug}${suffix}`))

  /** Runs `use` with the checked, percent-encoded entity path. */
  const withEntity = <A, E>(entity: Entity, use: (path: string) => Effect.Effect<A, E>) =>
    Effect.flatMap(Check.entity(entity), use)

  /** Runs `use` with the checked entity path and id. */
  const withEntityId = <A, E>(entity: Entity, id: number, use: (path: string) => Effect.Effect<A, E>) =>
    withEntity(entity, (path) => Effect.flatMap(Check.id(id, `agile/${path}`), (checked) => use(`${path}/${checked}`)))

  const putDayCard = (workOrderId: number, rows: ReadonlyArray<DayCardRow>) =>
    Effect.gen(function*() {
      const endpoint = "agile/workOrder/DayCard"
      const id = yield* Check.id(workOrderId, endpoint)
      if (rows.length === 0) return yield* Check.invalid(endpoint, "rows", "must hold at least one row")
      const wire = yield* Effect.forEach(rows, (row, i) =>
        Effect.gen(function*() {
          for (const key of dayCardKeys) {
            if (row[key] === undefined || row[key] === null) {
              return yield* Check.invalid(
                endpoint,
                `rows[${i}].${key}`,
                "is a key column of WORK_ORDERS_LABOR_DC and is required"
              )
            }
          }
          return { ...row, DATE_WORK: yield* Check.dateWork(row.DATE_WORK, endpoint, `rows[${i}].DATE_WORK`) }
        }))
      yield* change(`workOrder/${id}/DayCard`, { WORK_ORDERS_LABOR_DC: wire })
    })

  /** A bulk delete without a filter would delete every work order: the filter is required, and not empty. */
  const deleteWorkOrders = (filter: Q.Filter) =>
    Effect.gen(function*() {
      const endpoint = "agile/workOrder"
      if (filter === undefined || filter === null) {
        return yield* Check.invalid(endpoint, "filter", "is required: without one every work order would be deleted")
      }
      const wire = yield* Q.toWire({ filter }, endpoint)
      yield* remove("workOrder", { filter: wire.filter })
    })

  return {
    assetTypes: (query) => list("asset", query, "SETUP_ASSET_TYPE"),
    assetType: (id) => Effect.flatMap(Check.id(id, "agile/asset"), (checked) => one(`asset/${checked}`)),
    assetByName: (name) => byName(name, ""),
    assetParent: (name) => byName(name, "/parent"),
    workOrders: (query) => list("workOrder", query, "WORK_ORDERS"),
    workOrder: (id) => Effect.flatMap(Check.id(id, "agile/workOrder"), (checked) => one(`workOrder/${checked}`)),
    createWorkOrders: (rows) => create("workOrder", "WORK_ORDERS", rows),
    updateWorkOrder: (id, changes) =>
      Effect.flatMap(
        Check.id(id, "agile/workOrder"),
        (checked) => change(`workOrder/${checked}`, { WORK_ORDERS: [changes] })
      ),
    deleteWorkOrder: (id) =>
      Effect.flatMap(Check.id(id, "agile/workOrder"), (checked) => remove(`workOrder/${checked}`)),
    deleteWorkOrders,
    putDayCard,
    query: (entity, query) => withEntity(entity, (path) => list(path, query)),
    get: (entity, id) => withEntityId(entity, id, one),
    create: (entity, table, rows) => withEntity(entity, (path) => create(path, table, rows)),
    update: (entity, id, table, changes) => withEntityId(entity, id, (path) => change(path, { [table]: [changes] })),
    remove: (entity, id) => withEntityId(entity, id, (path) => remove(path))
  }
})

/**
 * The client, given `AgileConfig` and an `HttpClient`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<AgileClient, never, AgileConfig | HttpClient.HttpClient> = Layer.effect(
  AgileClient,
  make
)
