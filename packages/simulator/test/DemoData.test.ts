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

describe("DemoData forms and history", () => {
  it("has the demo forms, fields and rights", () => {
    const data = DemoData.make()
    expect(data.forms?.map((f) => [f.name, f.type, f.id])).toEqual([
      ["Wellness", "event", 1001],
      ["Training Load", "event", 1002],
      ["Jump Testing", "event", 1003],
      ["Injury Report", "event", 1004],
      ["Athlete Profile", "profile", 2001]
    ])
    const trainingLoad = data.forms?.find((f) => f.name === "Training Load")
    expect(trainingLoad?.fields.filter((f) => f.required === true).map((f) => f.name)).toEqual(["Duration", "RPE"])
    const jumps = data.forms?.find((f) => f.name === "Jump Testing")
    expect(jumps?.fields.every((f) => f.table === true)).toBe(true)
    const coach = data.accounts.find((a) => a.username === DemoData.coach.username)
    expect(coach?.formAccess?.["Injury Report"]).toBe("read")
    expect(coach?.formAccess?.["Wellness"]).toBe("write")
    const analyst = data.accounts.find((a) => a.username === DemoData.analyst.username)
    expect(analyst?.formAccess).toEqual({ Wellness: "read" })
  })

  it("has about four weeks of events for the squads and a profile for most athletes", () => {
    const data = DemoData.make()
    const events = data.events ?? []
    const count = (form: string) => events.filter((e) => e.formName === form).length
    expect(count("Wellness")).toBe(24 * 28 + 6 * 14)
    expect(count("Training Load")).toBe(24 * 12)
    expect(count("Jump Testing")).toBe(24)
    expect(count("Injury Report")).toBe(2)
    for (const event of events) {
      expect(event.startDate).toMatch(/^\d{2}\/\d{2}\/2025$/)
      expect(event.startTime).toMatch(/^\d{1,2}:\d{2} [AP]M$/)
    }
    const jump = events.find((e) => e.formName === "Jump Testing")
    expect(jump?.rows.map((r) => r.row)).toEqual([0, 1, 2])
    expect(data.profiles).toHaveLength(28)
  })
})
