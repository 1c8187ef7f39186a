import { Q } from "@ams-effect/agileassets"
import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"

describe("Q", () => {
  it("compiles conditions and combinations to RPN", () => {
    expect(Q.toRpn(Q.eq("STATUS", 4))).toEqual([["STATUS", "=", 4]])
    expect(Q.toRpn(Q.or(Q.eq("WORK_ORDER_ID", 1622), Q.eq("WORK_ORDER_ID", 1621)))).toEqual([
      ["WORK_ORDER_ID", "=", 1622],
      ["WORK_ORDER_ID", "=", 1621],
      "OR"
    ])
    expect(Q.toRpn(Q.and(Q.gt("A", 1), Q.lt("A", 9), Q.neq("B", "x")))).toEqual([
      ["A", ">", 1],
      ["A", "<", 9],
      "AND",
      ["B", "<>", "x"],
      "AND"
    ])
    expect(Q.toRpn(Q.or(Q.and(Q.eq("A", 1), Q.eq("B", 2)), Q.isIn("C", [3, 4])))).toEqual([
      ["A", "=", 1],
      ["B", "=", 2],
      "AND",
      ["C", "IN", [3, 4]],
      "OR"
    ])
    expect(Q.toRpn(Q.between("START_DATE", "20240101", "20241231"))).toEqual([["START_DATE", "BETWEEN", [
      "20240101",
      "20241231"
    ]]])
    expect(Q.toRpn(Q.like("DESCRIPTION", "%rail%"))).toEqual([["DESCRIPTION", "LIKE", "%rail%"]])
  })

  it("cannot express the vendor example's malformed filter: every combination has two operands or more", () => {
    // @ts-expect-error `or` needs at least two filters
    const lonely = () => Q.or(Q.eq("WORK_ORDER_ID", 1622))
    expect(lonely).toBeTypeOf("function")
  })

  it("builds the documented q object: projection, filter, sort in order, 1-based page", () => {
    const wire = Q.toWire({
      filter: Q.eq("STATUS", 4),
      projection: ["WORK_ORDER_ID", "STATUS"],
      sort: [["START_DATE", "DESC"], ["WORK_ORDER_ID", "ASC"]],
      page: { size: 20, number: 2 }
    }, "agile/workOrder")
    expect(Either.getOrThrow(wire)).toEqual({
      filter: [["STATUS", "=", 4]],
      projection: ["WORK_ORDER_ID", "STATUS"],
      sort: { START_DATE: "DESC", WORK_ORDER_ID: "ASC" },
      page: { size: 20, number: 2 }
    })
    expect(Object.keys(Either.getOrThrow(wire).sort!)).toEqual(["START_DATE", "WORK_ORDER_ID"])
  })

  it("rejects bad queries with InvalidRequest naming the field", () => {
    const cases: ReadonlyArray<[Q.Query, string]> = [
      [{ page: { size: 20, number: 0 } }, "q.page.number"],
      [{ page: { size: 1.5, number: 1 } }, "q.page.size"],
      [{ projection: [] }, "q.projection"],
      [{ projection: ["A", " "] }, "q.projection[1]"],
      [{ sort: [["", "ASC"]] }, "q.sort[0]"],
      [{ filter: Q.isIn("A", []) }, "q.filter.value"],
      [{ filter: Q.or(Q.eq("A", 1), Q.eq("", 2)) }, "q.filter.filters[1].column"],
      [{ filter: Q.gt("A", Number.NaN) }, "q.filter.value"]
    ]
    for (const [query, field] of cases) {
      const result = Q.toWire(query, "agile/workOrder")
      expect(Either.isLeft(result) && result.left.field, field).toBe(field)
    }
  })

  it("refuses a filter nested deeper than any query needs (built in a loop), rather than overflowing the stack", () => {
    let deep: Q.Filter = Q.eq("A", 1)
    for (let i = 0; i < 20_000; i++) deep = Q.and(deep, Q.eq("B", i))
    const result = Q.toWire({ filter: deep }, "agile/workOrder")
    expect(Either.isLeft(result) && result.left.reason).toContain("levels deep")
  })
})
