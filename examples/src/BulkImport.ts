/**
 * Bulk import with per-record results: 300 training-load entries in chunks of 100, one of which names a user the
 * account cannot see. v1 answers HTTP 200 either way; the library reads the body and fails with a typed error that
 * says which input records were imported (with their new ids) and which were not. Every error the call can end
 * in is handled by its tag: remove a handler and the program no longer compiles.
 */
import type { Event } from "@ams-effect/v1"
import { V1Client, type V1Error } from "@ams-effect/v1"
import { Config, Console, Effect } from "effect"

export const title = "Bulk import: 300 events, one bad record, a partial failure handled exhaustively"

const describeReport = (report: V1Error.ImportReport) =>
  `${report.imported.length} imported, ${report.missingIndexes.length} not (records ${
    report.missingIndexes.slice(0, 3).join(", ")
  }${report.missingIndexes.length > 3 ? ", …" : ""})`

export const program = Effect.gen(function*() {
  const v1 = yield* V1Client.V1Client
  const formName = yield* Config.string("AMS_EXAMPLE_IMPORT_FORM").pipe(Config.withDefault("Training Load"))
  const squad = yield* v1.groupMembers(yield* Config.string("AMS_EXAMPLE_GROUP").pipe(Config.withDefault("Mens Squad")))
  const day = new Date()
  day.setHours(6, 0, 0, 0)

  const records: Array<Event.EventInput> = Array.from({ length: 300 }, (_, i) => ({
    formName,
    userId: squad[i % squad.length]!.userId,
    start: new Date(day.getTime() + i * 60_000),
    values: { "Session Type": "Field", Duration: 45 + (i % 30), RPE: 3 + (i % 6) }
  }))
  records[150] = { ...records[150]!, userId: 99_999_999 } // a user this account cannot see

  const outcome = yield* v1.importEvents(records, { chunkSize: 100 }).pipe(
    Effect.map((report) => ({ report, note: "every record imported" })),
    Effect.catchTags({
      V1ImportFailed: (error) =>
        Effect.gen(function*() {
          yield* Console.log(`  V1ImportFailed handled: ${describeReport(error.report)}`)
          const failure = error.report.failed[0]
          yield* Console.log(`  server said: ${failure?.state} ${JSON.stringify(failure?.serverMessage)}`)
          // The failed chunk was all-or-nothing: send it again without the record the server named.
          const retry = error.report.missingIndexes.filter((index) => index !== 150)
          const again = yield* v1.importEvents(retry.map((index) => records[index]!))
          return { report: again, note: `re-sent ${retry.length} record(s) of the failed chunk without record 150` }
        }),
      V1ImportIncomplete: (error) =>
        Effect.succeed({ report: error.report, note: "the server dropped records silently: search before re-sending" }),
      V1UnknownFields: (error) => Effect.succeed({ report: error.report, note: `fields dropped: ${error.message}` }),
      OutcomeUnknown: (error) => Effect.fail(error),
      AccessDenied: (error) => Effect.fail(error),
      AuthenticationFailed: (error) => Effect.fail(error),
      InvalidRequest: (error) => Effect.fail(error),
      ResponseDecodeError: (error) => Effect.fail(error),
      ServerError: (error) => Effect.fail(error),
      Timeout: (error) => Effect.fail(error),
      TransportError: (error) => Effect.fail(error),
      UnexpectedResponse: (error) => Effect.fail(error)
    })
  )
  yield* Console.log(`✓ ${outcome.note}: ${outcome.report.imported.length} more event(s) now have ids`)
})
