/**
 * The seed data of the simulator's AgileAssets AMS REST API v1 ("API 1"): Oracle-style tables (UPPER_SNAKE_CASE
 * columns, typed, with key columns) and `make()`, a deterministic demo instance: asset types (the rows the vendor
 * docs show), thirty work orders, their labor day cards, lookups, users, repair orders and authorities.
 *
 * Which entity path serves which table (`{base}` = `/{instance}/rest/v1`):
 *
 * | Table | Key columns | Served by |
 * |---|---|---|
 * | `SETUP_ASSET_TYPE` | `ASSET_TYPE_ID` | `{base}/asset`, `asset/{id}`, `asset/{name}`, `asset/{name}/parent` |
 * | `WORK_ORDERS` | `WORK_ORDER_ID` | `{base}/workOrder`, `workOrder/{id}` |
 * | `WORK_ORDERS_LABOR_DC` | `WORK_ORDER_ID`, `LABOR_ID`, `DATE_WORK`, `TRC_ID` | `{base}/workOrder/{id}/DayCard` |
 * | `LOOKUP_WORK_ORDER_STATUS` | `STATUS_ID` | `{base}/lookup/LOOKUP_WORK_ORDER_STATUS[/{id}]` |
 * | `LOOKUP_TRC` | `TRC_ID` | `{base}/lookup/LOOKUP_TRC[/{id}]` |
 * | `USERS` | `USER_ID` | `{base}/user[/{id}]` |
 * | `REPAIR_ORDERS` | `REPAIR_ORDER_ID` | `{base}/repairOrder[/{id}]` |
 * | `AUTHORITY` | `AUTHORITY_ID` | `{base}/authority[/{id}]` |
 *
 * @since 0.1.0
 */

/**
 * A cell: numbers are JSON numbers, text, dates (`yyyyMMdd`) and timestamps (`yyyyMMddHHmmss`) are strings.
 *
 * @since 0.1.0
 * @category models
 */
export type AgileValue = string | number | null

/**
 * A row: column name → value.
 *
 * @since 0.1.0
 * @category models
 */
export type AgileRow = Readonly<Record<string, AgileValue>>

/**
 * What a column holds. `"number"` compares numerically; `"string"`, `"date"` (8 digits, `yyyyMMdd`) and
 * `"timestamp"` (14 digits, `yyyyMMddHHmmss`) compare as text. Dates and timestamps are checked on writes.
 *
 * @since 0.1.0
 * @category models
 */
export type ColumnType = "number" | "string" | "date" | "timestamp"

/**
 * A table: its columns in order (name → type), its key columns (never null), and its rows in table order. A key
 * of one `"number"` column is assigned on POST (the largest id + 1) when a row does not carry it.
 *
 * @since 0.1.0
 * @category models
 */
export interface AgileTable {
  readonly columns: Readonly<Record<string, ColumnType>>
  readonly key: ReadonlyArray<string>
  readonly rows: ReadonlyArray<AgileRow>
}

/**
 * Every table of an instance, by table name (upper case).
 *
 * @since 0.1.0
 * @category models
 */
export type AgileTables = Readonly<Record<string, AgileTable>>

/**
 * The work-order `STATUS` that the demo instance's "business logic" protects: an approved work order cannot be
 * deleted (the vendor's own example of a customer rule).
 *
 * @since 0.1.0
 * @category constants
 */
export const approvedStatus = 4

const asset = (
  id: number,
  name: string,
  parent: number | null,
  level: number,
  order: number,
  extra: Partial<Record<string, AgileValue>>
): AgileRow => ({
  ASSET_TYPE_ID: id,
  ASSET_TYPE_NAME: name,
  PARENT_ID: parent,
  LEVEL_ID: level,
  INVENTORY_TABLE_NAME: null,
  NUM_CHILD: 0,
  USER_UPDATE: "ADMIN",
  DATE_UPDATE: "20090115103000",
  ORDER_ID: order,
  PM_APPL: 0,
  DEFECT_SURV_APPL: 0,
  LOCATION_APPL: 1,
  MODULE_ID: 1,
  INVENTORY_MEASURE_EXP: "1",
  MOBILE_LAYER_NAME: null,
  ...extra
})

/**
 * The asset types, in table order: the docs' example (`page` number 4, size 2) answers Equipment (3) and
 * Employee (5), rows 7 and 8.
 */
const assetTypes: ReadonlyArray<AgileRow> = [
  asset(1, "Roadway Assets", null, 1, 10, { NUM_CHILD: 5 }),
  asset(6, "Sign", 1, 2, 20, {
    INVENTORY_TABLE_NAME: "SIGN_INVENTORY",
    DATE_UPDATE: "20100909121727",
    MODULE_ID: 3,
    MOBILE_LAYER_NAME: "ASSET_LOC_POINT"
  }),
  asset(7, "Guard Rail", 1, 2, 30, {
    INVENTORY_TABLE_NAME: "GUARDRAIL_INVENTORY",
    MOBILE_LAYER_NAME: "ASSET_LOC_LINE"
  }),
  asset(8, "Culvert/Pipe", 1, 2, 35, { INVENTORY_TABLE_NAME: "CULVERT_INVENTORY", PM_APPL: 1 }),
  asset(2, "Traffic Control", 1, 2, 40, { NUM_CHILD: 1 }),
  asset(639, "Signals", 2, 3, 50, {
    INVENTORY_TABLE_NAME: "SIGNAL_INVENTORY",
    USER_UPDATE: "EUGENE",
    DATE_UPDATE: "20110531173140",
    PM_APPL: 1,
    MODULE_ID: 3
  }),
  asset(3, "Equipment", null, 1, 60, { INVENTORY_TABLE_NAME: "EQUIPMENT_INVENTORY", MODULE_ID: 2, LOCATION_APPL: 0 }),
  asset(5, "Employee", null, 1, 70, { INVENTORY_TABLE_NAME: "EMPLOYEE_INVENTORY", MODULE_ID: 2, LOCATION_APPL: 0 }),
  asset(4, "Material", null, 1, 80, { INVENTORY_TABLE_NAME: "MATERIAL_INVENTORY", MODULE_ID: 2, LOCATION_APPL: 0 }),
  asset(9, "Pavement Section", 1, 2, 90, { INVENTORY_TABLE_NAME: "PAVEMENT_INVENTORY", DEFECT_SURV_APPL: 1 })
]

const activities: ReadonlyArray<readonly [string, number]> = [
  ["Pothole patching", 9],
  ["Replace damaged stop sign", 6],
  ["Guard rail repair after collision", 7],
  ["Clean culvert inlet", 8],
  ["Signal timing adjustment", 639],
  ["Crack sealing", 9],
  ["Sign post straightening", 6],
  ["Mower maintenance", 3],
  ["Culvert pipe replacement", 8],
  ["Signal head replacement", 639]
]

const roads: ReadonlyArray<string> = ["US-60", "KY-4", "I-64", "US-27", "KY-922"]

const statusCycle: ReadonlyArray<number> = [2, 3, 1, 5, 4, 2, 6, 3, 1, 4]

const yyyymmdd = (date: Date): string => date.toISOString().slice(0, 10).replaceAll("-", "")

const workOrders = (): ReadonlyArray<AgileRow> =>
  Array.from({ length: 30 }, (_, i): AgileRow => {
    const [activity, assetTypeId] = activities[i % activities.length] ?? ["Inspection", 1]
    return {
      WORK_ORDER_ID: 1620 + i,
      STATUS: statusCycle[i % statusCycle.length] ?? 1,
      START_DATE: yyyymmdd(new Date(Date.UTC(2013, 2, 1 + i * 2))),
      DESCRIPTION: `${activity} on ${roads[i % roads.length] ?? "US-60"}`,
      ASSET_TYPE_ID: assetTypeId
    }
  })

const dayCard = (
  workOrderId: number,
  laborId: number,
  dateWork: string,
  trcId: number,
  hours: number,
  wac: number | null
): AgileRow => ({
  WORK_ORDER_ID: workOrderId,
  LABOR_ID: laborId,
  DATE_WORK: dateWork,
  TRC_ID: trcId,
  TOTAL_HOURS: hours,
  WAC_CODE_ID: wac
})

/**
 * A deterministic demo instance. Work orders 1620–1649 (`STATUS` cycling through 1–6; 1624, 1629, 1634, 1639,
 * 1644 and 1649 are approved, `STATUS` 4; 1621, 1622 and 1643 are not), day cards for 1621, 1622 and 1643.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (): AgileTables => ({
  SETUP_ASSET_TYPE: {
    columns: {
      ASSET_TYPE_ID: "number",
      ASSET_TYPE_NAME: "string",
      PARENT_ID: "number",
      LEVEL_ID: "number",
      INVENTORY_TABLE_NAME: "string",
      NUM_CHILD: "number",
      USER_UPDATE: "string",
      DATE_UPDATE: "timestamp",
      ORDER_ID: "number",
      PM_APPL: "number",
      DEFECT_SURV_APPL: "number",
      LOCATION_APPL: "number",
      MODULE_ID: "number",
      INVENTORY_MEASURE_EXP: "string",
      MOBILE_LAYER_NAME: "string"
    },
    key: ["ASSET_TYPE_ID"],
    rows: assetTypes
  },
  WORK_ORDERS: {
    columns: {
      WORK_ORDER_ID: "number",
      STATUS: "number",
      START_DATE: "date",
      DESCRIPTION: "string",
      ASSET_TYPE_ID: "number"
    },
    key: ["WORK_ORDER_ID"],
    rows: workOrders()
  },
  WORK_ORDERS_LABOR_DC: {
    columns: {
      WORK_ORDER_ID: "number",
      LABOR_ID: "number",
      DATE_WORK: "date",
      TRC_ID: "number",
      TOTAL_HOURS: "number",
      WAC_CODE_ID: "number"
    },
    key: ["WORK_ORDER_ID", "LABOR_ID", "DATE_WORK", "TRC_ID"],
    rows: [
      dayCard(1621, 2412555, "20130303", 1, 8, 310),
      dayCard(1621, 2412556, "20130303", 1, 7.5, 310),
      dayCard(1622, 2412555, "20130305", 1, 6, null),
      dayCard(1622, 2412555, "20130305", 2, 2, null),
      dayCard(1643, 2412555, "20130314", 1, 8, null),
      dayCard(1643, 2412557, "20130314", 1, 4.5, 320)
    ]
  },
  LOOKUP_WORK_ORDER_STATUS: {
    columns: { STATUS_ID: "number", STATUS_NAME: "string" },
    key: ["STATUS_ID"],
    rows: [
      { STATUS_ID: 1, STATUS_NAME: "New" },
      { STATUS_ID: 2, STATUS_NAME: "Open" },
      { STATUS_ID: 3, STATUS_NAME: "In Progress" },
      { STATUS_ID: 4, STATUS_NAME: "Approved" },
      { STATUS_ID: 5, STATUS_NAME: "Completed" },
      { STATUS_ID: 6, STATUS_NAME: "Cancelled" }
    ]
  },
  LOOKUP_TRC: {
    columns: { TRC_ID: "number", TRC_NAME: "string", PAY_FACTOR: "number" },
    key: ["TRC_ID"],
    rows: [
      { TRC_ID: 1, TRC_NAME: "Regular Time", PAY_FACTOR: 1 },
      { TRC_ID: 2, TRC_NAME: "Overtime", PAY_FACTOR: 1.5 },
      { TRC_ID: 3, TRC_NAME: "Double Time", PAY_FACTOR: 2 },
      { TRC_ID: 4, TRC_NAME: "Standby", PAY_FACTOR: 0.5 }
    ]
  },
  USERS: {
    columns: { USER_ID: "number", USER_NAME: "string", FULL_NAME: "string" },
    key: ["USER_ID"],
    rows: [
      { USER_ID: 1, USER_NAME: "ADMIN", FULL_NAME: "System Administrator" },
      { USER_ID: 101, USER_NAME: "EUGENE", FULL_NAME: "Eugene Miller" },
      { USER_ID: 102, USER_NAME: "JSMITH", FULL_NAME: "Jane Smith" },
      { USER_ID: 103, USER_NAME: "RLOPEZ", FULL_NAME: "Ramon Lopez" }
    ]
  },
  REPAIR_ORDERS: {
    columns: {
      REPAIR_ORDER_ID: "number",
      EQUIPMENT_ID: "number",
      DESCRIPTION: "string",
      STATUS: "number",
      OPEN_DATE: "date"
    },
    key: ["REPAIR_ORDER_ID"],
    rows: [
      {
        REPAIR_ORDER_ID: 501,
        EQUIPMENT_ID: 7001,
        DESCRIPTION: "Replace hydraulic hose",
        STATUS: 2,
        OPEN_DATE: "20130304"
      },
      { REPAIR_ORDER_ID: 502, EQUIPMENT_ID: 7002, DESCRIPTION: "Brake inspection", STATUS: 5, OPEN_DATE: "20130311" },
      { REPAIR_ORDER_ID: 503, EQUIPMENT_ID: 7001, DESCRIPTION: "Oil change", STATUS: 1, OPEN_DATE: "20130320" }
    ]
  },
  AUTHORITY: {
    columns: { AUTHORITY_ID: "number", AUTHORITY_NAME: "string", PARENT_ID: "number" },
    key: ["AUTHORITY_ID"],
    rows: [
      { AUTHORITY_ID: 1, AUTHORITY_NAME: "Statewide", PARENT_ID: null },
      { AUTHORITY_ID: 10, AUTHORITY_NAME: "District 1", PARENT_ID: 1 },
      { AUTHORITY_ID: 20, AUTHORITY_NAME: "District 2", PARENT_ID: 1 },
      { AUTHORITY_ID: 101, AUTHORITY_NAME: "Franklin County", PARENT_ID: 10 }
    ]
  }
})
