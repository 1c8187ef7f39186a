/**
 * The demo site's forms and their history: about four weeks of deterministic events (19/04/2025–16/05/2025) and
 * a profile per athlete. Values come from a fixed-seed generator, so every build is identical.
 *
 * @since 0.1.0
 * @internal
 */
import type * as DemoData from "../DemoData.js"
import { mulberry32 } from "./prng.js"
import { formatDate, formatTime, parseDate } from "./wireTime.js"

/** The demo forms (see `DemoData.forms`). @internal */
export const demoForms: ReadonlyArray<DemoData.FormDef> = [
  {
    name: "Wellness",
    type: "event",
    id: 1001,
    mainCategory: "Monitoring",
    fields: [
      { name: "Sleep Quality", kind: "number", instructions: "1 = very poor, 5 = very good" },
      { name: "Fatigue", kind: "number" },
      { name: "Soreness", kind: "number" },
      { name: "Stress", kind: "number" },
      { name: "Mood", kind: "number" },
      { name: "Comments", kind: "text" }
    ]
  },
  {
    name: "Training Load",
    type: "event",
    id: 1002,
    mainCategory: "Training",
    fields: [
      { name: "Session Type", kind: "option", options: ["Field", "Gym", "Recovery"] },
      { name: "Duration", kind: "number", required: true },
      { name: "RPE", kind: "number", required: true }
    ]
  },
  {
    name: "Jump Testing",
    type: "event",
    id: 1003,
    mainCategory: "Testing",
    groupEntryEnabled: false,
    fields: [
      { name: "Jump Type", kind: "option", table: true, options: ["CMJ", "SJ", "DJ"] },
      { name: "Height", kind: "number", table: true },
      { name: "Contact Time", kind: "number", table: true }
    ]
  },
  {
    name: "Injury Report",
    type: "event",
    id: 1004,
    mainCategory: "Medical",
    groupEntryEnabled: false,
    fields: [
      { name: "Body Part", kind: "option", options: ["Ankle", "Calf", "Hamstring", "Knee", "Shoulder", "Other"] },
      { name: "Severity", kind: "option", options: ["Mild", "Moderate", "Severe"] },
      { name: "Notes", kind: "text" },
      { name: "Attachment", kind: "file" }
    ]
  },
  {
    name: "Athlete Profile",
    type: "profile",
    id: 2001,
    mainCategory: "Profile",
    fields: [
      { name: "Position", kind: "option", options: ["Forward", "Midfield", "Defence", "Goalkeeper"] },
      { name: "Dominant Side", kind: "option", options: ["Left", "Right"] },
      { name: "Squad Number", kind: "number" }
    ]
  }
]

/** The athletes of the demo squads. @internal */
export interface DemoSquads {
  readonly mens: ReadonlyArray<number>
  readonly womens: ReadonlyArray<number>
  readonly academy: ReadonlyArray<number>
}

const firstDay = parseDate("19/04/2025") ?? 0
const days = 28
const coachUserId = 20100
const physioUserId = 20102
const strengthUserId = 20103

const pairs = (values: Readonly<Record<string, string>>): ReadonlyArray<DemoData.Pair> =>
  Object.entries(values).filter(([, value]) => value !== "").map(([key, value]) => ({ key, value }))

const comments = [
  "Felt tight after travel",
  "Poor sleep, noisy hotel",
  "Great session yesterday",
  "Minor calf soreness"
]
const sessionTypes = ["Field", "Gym", "Recovery"]
const jumpTypes = ["CMJ", "SJ", "DJ"]

/** Events of the demo site, day by day, so ids grow with the date. @internal */
export const demoEvents = (squads: DemoSquads): ReadonlyArray<DemoData.EventSeed> => {
  const random = mulberry32(20250419)
  const score = () => String(1 + Math.floor(random() * 5))
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1))
  const squadAthletes = [...squads.mens, ...squads.womens]
  const events: Array<DemoData.EventSeed> = []
  for (let d = 0; d < days; d++) {
    const startDate = formatDate(firstDay + d)
    const wellnessUsers = d % 2 === 0 ? [...squadAthletes, ...squads.academy] : squadAthletes
    for (const [i, userId] of wellnessUsers.entries()) {
      events.push({
        formName: "Wellness",
        userId,
        startDate,
        startTime: formatTime(7 * 60 + (i % 4) * 15),
        enteredByUserId: userId,
        rows: [{
          row: 0,
          pairs: pairs({
            "Sleep Quality": score(),
            "Fatigue": score(),
            "Soreness": score(),
            "Stress": score(),
            "Mood": score(),
            "Comments": random() < 0.1 ? comments[between(0, comments.length - 1)] ?? "" : ""
          })
        }]
      })
    }
    if (d % 7 === 0 || d % 7 === 2 || d % 7 === 4) {
      for (const userId of squadAthletes) {
        events.push({
          formName: "Training Load",
          userId,
          startDate,
          startTime: "4:00 PM",
          finishDate: startDate,
          finishTime: "5:30 PM",
          enteredByUserId: coachUserId,
          rows: [{
            row: 0,
            pairs: pairs({
              "Session Type": sessionTypes[d % 3] ?? "Field",
              "Duration": String(between(6, 10) * 10),
              "RPE": String(between(3, 9))
            })
          }]
        })
      }
    }
    if (d % 7 === 6) {
      for (const userId of squads.mens.slice(0, 6)) {
        events.push({
          formName: "Jump Testing",
          userId,
          startDate,
          startTime: "10:00 AM",
          enteredByUserId: strengthUserId,
          rows: jumpTypes.map((jumpType, row) => ({
            row,
            pairs: pairs({
              "Jump Type": jumpType,
              "Height": (between(300, 450) / 10).toFixed(1),
              "Contact Time": jumpType === "DJ" ? (between(180, 260) / 1000).toFixed(3) : ""
            })
          }))
        })
      }
    }
    const injured = d === 10 ? squads.mens[3] : d === 20 ? squads.womens[5] : undefined
    if (injured !== undefined) {
      events.push({
        formName: "Injury Report",
        userId: injured,
        startDate,
        startTime: "11:30 AM",
        enteredByUserId: physioUserId,
        rows: [{
          row: 0,
          pairs: pairs({
            "Body Part": d === 10 ? "Hamstring" : "Ankle",
            "Severity": d === 10 ? "Moderate" : "Mild",
            "Notes": d === 10 ? "Felt a pull during sprints<br>Physio review booked" : "Rolled ankle at training",
            "Attachment": d === 10 ? "94196|hamstring_scan_1747654002120.pdf" : ""
          })
        }]
      })
    }
  }
  return events
}

const positions = ["Forward", "Midfield", "Defence", "Goalkeeper"]

/** An "Athlete Profile" for every athlete but the last two. @internal */
export const demoProfiles = (athletes: ReadonlyArray<number>): ReadonlyArray<DemoData.ProfileSeed> =>
  athletes.slice(0, -2).map((userId, i) => ({
    formName: "Athlete Profile",
    userId,
    enteredByUserId: coachUserId,
    rows: [{
      row: 0,
      pairs: pairs({
        "Position": positions[i % positions.length] ?? "Forward",
        "Dominant Side": i % 5 === 0 ? "Left" : "Right",
        "Squad Number": String((i % 12) + 1)
      })
    }]
  }))
