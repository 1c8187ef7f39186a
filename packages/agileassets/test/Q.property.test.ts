import { AgileClient, Q } from "@ams-effect/agileassets"
import { Simulator } from "@ams-effect/simulator"
import { describe, expect, it } from "@effect/vitest"
import { Effect, FastCheck as fc } from "effect"
import { layer } from "./fixtures.js"

/** What a condition tree means, written here independently of both the builder and the simulator (SQL-like). */
const holds = (filter: Q.Filter, row: Readonly<Record<string, unknown>>): boolean => {
  if (filter._tag === "And") return filter.filters.every((child) => holds(child, row))
  if (filter._tag === "Or") return filter.filters.some((child) => holds(child, row))
  const cell = row[filter.column]
  if (cell === null || cell === undefined) return false
  const v = cell as string | number
  const value = filter.value
  switch (filter.operator) {
    case "=":
      return v === value
    case "<>":
      return v !== value
    case "<":
      return v < (value as string | number)
    case ">":
      return v > (value as string | number)
    case "<=":
      return v <= (value as string | number)
    case ">=":
      return v >= (value as string | number)
    case "BETWEEN": {
      const [low, high] = value as ReadonlyArray<string | number>
      return v >= low! && v <= high!
    }
    case "IN":
      return (value as ReadonlyArray<unknown>).includes(v)
    case "LIKE": {
      const pattern = String(value).replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replaceAll("%", ".*").replaceAll("_", ".")
      return new RegExp(`^${pattern}$`, "s").test(String(v))
    }
  }
}

const numberColumn = fc.constantFrom("STATUS", "ASSET_TYPE_ID", "WORK_ORDER_ID")
const smallNumber = fc.integer({ min: 0, max: 8 })
const date = fc.date({ min: new Date(2023, 0, 1), max: new Date(2026, 11, 31), noInvalidDate: true }).map((d) =>
  `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, "0")}${String(d.getDate()).padStart(2, "0")}`
)

const condition: fc.Arbitrary<Q.Filter> = fc.oneof(
  fc.tuple(numberColumn, fc.constantFrom("=", "<>", "<", ">", "<=", ">=" as const), smallNumber).map((
    [column, operator, value]
  ) => ({ _tag: "Condition", column, operator, value }) as Q.Filter),
  fc.tuple(fc.constantFrom("<", ">", "<=", ">=" as const), date).map(([operator, value]) =>
    ({ _tag: "Condition", column: "START_DATE", operator, value }) as Q.Filter
  ),
  fc.tuple(numberColumn, smallNumber, smallNumber).map(([column, a, b]) =>
    Q.between(column, Math.min(a, b), Math.max(a, b))
  ),
  fc.tuple(date, date).map(([a, b]) => Q.between("START_DATE", a < b ? a : b, a < b ? b : a)),
  fc.tuple(numberColumn, fc.uniqueArray(smallNumber, { minLength: 1, maxLength: 4 })).map(([column, values]) =>
    Q.isIn(column, values)
  ),
  fc.constantFrom("%e%", "Re%", "%sign%", "_a%", "%", "Inspect%", "%ail").map((pattern) =>
    Q.like("DESCRIPTION", pattern)
  )
)

const filter: fc.Arbitrary<Q.Filter> = fc.letrec<{ filter: Q.Filter }>((tie) => ({
  filter: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    condition,
    fc.tuple(tie("filter"), tie("filter")).map(([a, b]) => Q.and(a, b)),
    fc.tuple(tie("filter"), tie("filter"), tie("filter")).map(([a, b, c]) => Q.or(a, b, c))
  )
})).filter

describe("Q property", () => {
  it.scoped("random condition trees compile to RPN that the server evaluates to the rows the tree means", () =>
    Effect.gen(function*() {
      const client = yield* AgileClient.AgileClient
      const simulator = yield* Simulator.Simulator
      const rows = yield* simulator.agileTable("WORK_ORDERS")
      let nonTrivial = 0
      for (const tree of fc.sample(filter, { numRuns: 150, seed: 20261124 })) {
        const expected = rows.filter((row) => holds(tree, row)).map((row) => row["WORK_ORDER_ID"]).sort()
        const got = (yield* client.workOrders({ filter: tree, projection: ["WORK_ORDER_ID"] }))
          .map((row) => row["WORK_ORDER_ID"])
          .sort()
        expect(got, JSON.stringify(Q.toRpn(tree))).toEqual(expected)
        if (expected.length > 0 && expected.length < rows.length) nonTrivial++
      }
      // The sample exercises real selections, not only "everything" or "nothing".
      expect(nonTrivial).toBeGreaterThan(20)
    }).pipe(Effect.provide(layer())))
})
