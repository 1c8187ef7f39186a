/**
 * Bulk import from a CSV file with a result for every record: each row is checked (athlete known, date and time
 * valid, scores numeric) and either imported — with its new event id — or reported with the reason it was not.
 * Nothing is dropped silently: the report has one line per input row, written next to the summary.
 */
import { type Event, EventTime, V1Client } from "@ams-effect/v1"
import { Console, Effect, Either } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

export const title = "CSV import: wellness.csv, one result per row, a failure report"

/** The example file; `AMS_EXAMPLE_CSV` points at another with the same columns. */
const csvPath = process.env["AMS_EXAMPLE_CSV"] ?? path.join(import.meta.dirname, "..", "data", "wellness.csv")

/** Splits CSV text into rows of fields (quoted fields may hold commas and doubled quotes). */
export const parseCsv = (text: string): Array<Array<string>> =>
  text.split(/\r?\n/).filter((line) => line.trim() !== "").map((line) => {
    const fields: Array<string> = []
    let field = ""
    let quoted = false
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!
      if (quoted && c === "\"" && line[i + 1] === "\"") {
        field += "\""
        i++
      } else if (c === "\"") quoted = !quoted
      else if (c === "," && !quoted) {
        fields.push(field)
        field = ""
      } else field += c
    }
    fields.push(field)
    return fields
  })

const scores = ["sleep_quality", "fatigue", "soreness", "stress", "mood"] as const
const formFields: Record<(typeof scores)[number], string> = {
  sleep_quality: "Sleep Quality",
  fatigue: "Fatigue",
  soreness: "Soreness",
  stress: "Stress",
  mood: "Mood"
}

type Outcome = { readonly row: number; readonly status: "imported" | "rejected"; readonly detail: string }

export const program = Effect.gen(function*() {
  const v1 = yield* V1Client.V1Client
  const [header, ...lines] = parseCsv(fs.readFileSync(csvPath, "utf8"))
  const records = lines.map((fields) => Object.fromEntries(header!.map((name, i) => [name, fields[i] ?? ""])))

  // One usersearch for every distinct athlete.
  const usernames = [...new Set(records.map((record) => record["athlete_username"]!))]
  const found = yield* v1.searchUsers(usernames.map((username) => ({ username })))
  const userIds = new Map(
    found.flatMap((result, i) => result.users.map((user) => [usernames[i]!, user.userId] as const))
  )

  const outcomes: Array<Outcome> = []
  const events: Array<{ readonly row: number; readonly event: Event.EventInput }> = []
  records.forEach((record, i) => {
    const row = i + 2 // the file's line number
    const userId = userIds.get(record["athlete_username"]!)
    const date = EventTime.wireDate(record["date"]!, "csv", "date")
    const time = EventTime.wireTime(record["time"]!, "csv", "time")
    const bad = scores.find((name) => !/^\d+$/.test(record[name]!))
    const reason = userId === undefined
      ? `unknown athlete ${JSON.stringify(record["athlete_username"])}`
      : Either.isLeft(date)
      ? date.left.message
      : Either.isLeft(time)
      ? time.left.message
      : bad !== undefined
      ? `${bad} ${JSON.stringify(record[bad])} is not a number`
      : undefined
    if (reason !== undefined || userId === undefined || Either.isLeft(date) || Either.isLeft(time)) {
      outcomes.push({ row, status: "rejected", detail: reason ?? "invalid" })
      return
    }
    events.push({
      row,
      event: {
        formName: "Wellness",
        userId,
        start: { date: date.right, time: time.right },
        values: {
          ...Object.fromEntries(scores.map((name) => [formFields[name], Number(record[name])])),
          Comments: record["comments"]
        }
      }
    })
  })

  // Import what passed; whatever the server refuses is reported per record, by its index in `events`.
  const report = yield* v1.importEvents(events.map((e) => e.event), { chunkSize: 20 }).pipe(
    Effect.catchTags({
      V1ImportFailed: (error) => Effect.succeed(error.report),
      V1ImportIncomplete: (error) => Effect.succeed(error.report),
      V1UnknownFields: (error) => Effect.succeed(error.report)
    })
  )
  report.imported.forEach((imported) =>
    outcomes.push({ row: events[imported.index]!.row, status: "imported", detail: `event ${imported.eventId}` })
  )
  for (const failure of [...report.failed, ...report.unconfirmed]) {
    for (const index of failure.indexes) {
      outcomes.push({
        row: events[index]!.row,
        status: "rejected",
        detail: `${failure.state}: ${failure.serverMessage}`
      })
    }
  }
  outcomes.sort((a, b) => a.row - b.row)

  const out = path.join(os.tmpdir(), "ams-effect-wellness-report.csv")
  fs.writeFileSync(
    out,
    ["row,status,detail", ...outcomes.map((o) => `${o.row},${o.status},"${o.detail.replaceAll("\"", "\"\"")}"`)].join(
      "\n"
    )
  )
  const rejected = outcomes.filter((o) => o.status === "rejected")
  yield* Console.log(
    `✓ ${records.length} rows: ${outcomes.length - rejected.length} imported, ${rejected.length} rejected ` +
      `(every row accounted for: ${outcomes.length === records.length}); report in ${out}`
  )
  for (const o of rejected) yield* Console.log(`  line ${o.row}: ${o.detail}`)
})
