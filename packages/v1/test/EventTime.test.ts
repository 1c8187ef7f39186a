import { EventTime } from "@ams-effect/v1"
import { describe, expect, it } from "@effect/vitest"
import { Either, Option } from "effect"

describe("EventTime", () => {
  it("formats local dates and times the way v1 wants them", () => {
    expect(EventTime.formatDate(new Date(2025, 0, 5, 23, 59))).toBe("05/01/2025")
    expect(EventTime.formatTime(new Date(2025, 0, 5, 0, 5))).toBe("12:05 AM")
    expect(EventTime.formatTime(new Date(2025, 0, 5, 12, 0))).toBe("12:00 PM")
    expect(EventTime.formatTime(new Date(2025, 0, 5, 13, 30))).toBe("1:30 PM")
    expect(EventTime.formatTime(new Date(2025, 0, 5, 9, 7))).toBe("9:07 AM")
  })

  it("parses wire dates, rejecting impossible ones", () => {
    expect(EventTime.parseDate("29/02/2024")).toEqual(Option.some({ day: 29, month: 2, year: 2024 }))
    expect(EventTime.parseDate("1/3/2024")).toEqual(Option.some({ day: 1, month: 3, year: 2024 }))
    for (const bad of ["29/02/2023", "32/01/2024", "00/01/2024", "01/13/2024", "2024-01-01", "", "1/1/24"]) {
      expect(EventTime.parseDate(bad), bad).toEqual(Option.none())
    }
  })

  it("parses wire times, am/pm in any case, and the midnight hour as 00:MM AM", () => {
    expect(EventTime.parseTime("7:30 AM")).toEqual(Option.some({ hours: 7, minutes: 30 }))
    expect(EventTime.parseTime("12:00 am")).toEqual(Option.some({ hours: 0, minutes: 0 }))
    expect(EventTime.parseTime("00:15 AM")).toEqual(Option.some({ hours: 0, minutes: 15 }))
    expect(EventTime.parseTime("12:45 PM")).toEqual(Option.some({ hours: 12, minutes: 45 }))
    expect(EventTime.parseTime("11:59pm")).toEqual(Option.some({ hours: 23, minutes: 59 }))
    for (const bad of ["13:00 PM", "7:60 AM", "7:30", "0:30 PM", "7.30 AM", "noon"]) {
      expect(EventTime.parseTime(bad), bad).toEqual(Option.none())
    }
  })

  it("checks inputs and names the field in the error", () => {
    expect(EventTime.wireDate(new Date(2030, 2, 1), "v1/x", "from")).toEqual(Either.right("01/03/2030"))
    expect(EventTime.wireDate("1/3/2030", "v1/x", "from")).toEqual(Either.right("01/03/2030"))
    expect(EventTime.wireTime("7:05 pm", "v1/x", "startTime")).toEqual(Either.right("7:05 PM"))
    const bad = EventTime.wireDate("2030-03-01", "v1/x", "from")
    expect(Either.isLeft(bad) && bad.left.field).toBe("from")
    const early = EventTime.wireDate(new Date(1850, 0, 1), "v1/x", "to")
    expect(Either.isLeft(early) && early.left.reason).toContain("out of range")
  })

  it("sends the midnight hour as 00:MM AM, and nothing else changes", () => {
    expect(EventTime.importTime("12:00 AM")).toBe("00:00 AM")
    expect(EventTime.importTime("12:59 AM")).toBe("00:59 AM")
    expect(EventTime.importTime("12:00 PM")).toBe("12:00 PM")
    expect(EventTime.importTime("1:00 AM")).toBe("1:00 AM")
  })

  it("adds an hour across midnight", () => {
    expect(EventTime.plusOneHour("31/12/2030", "11:30 PM")).toEqual({ date: "01/01/2031", time: "12:30 AM" })
    expect(EventTime.toDate("05/01/2025", "1:30 PM")).toEqual(Option.some(new Date(2025, 0, 5, 13, 30)))
  })
})
