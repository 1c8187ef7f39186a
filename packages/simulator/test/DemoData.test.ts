import { describe, expect, it } from "@effect/vitest"
import { DemoData } from "../src/index.js"

describe("DemoData", () => {
  it("is deterministic", () => {
    expect(DemoData.make()).toEqual(DemoData.make())
  })

  it("has the demo groups, thirty athletes, staff and two accounts", () => {
    const data = DemoData.make()
    expect(data.groups.map((g) => g.name)).toEqual(["Mens Squad", "Womens Squad", "Academy", "All Athletes", "Staff"])
    const all = data.groups.find((g) => g.name === "All Athletes")
    expect(all?.members).toHaveLength(30)
    expect(new Set(data.users.map((u) => u.userId)).size).toBe(data.users.length)
    expect(new Set(data.users.map((u) => u.username.toLowerCase())).size).toBe(data.users.length)
    for (const user of data.users) expect(user.dob).toMatch(/^\d{2}\/\d{2}\/\d{4}$/)
    const coach = data.accounts.find((a) => a.username === DemoData.coach.username)
    expect(coach?.password).toBe("coach-demo-password")
    expect(coach?.coachGroups).not.toContain("Staff")
    expect(data.users.some((u) => u.userId === coach?.userId)).toBe(true)
    const analyst = data.accounts.find((a) => a.username === DemoData.analyst.username)
    expect(analyst?.password).toBe("analyst-demo-password")
    expect(analyst?.coachGroups).toEqual(["Academy"])
  })
})
