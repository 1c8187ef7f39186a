/**
 * Bulk event import: sends checked wire events in chunks, reads each chunk's body state (v1 answers 200 even when
 * every record failed), matches returned ids to input records form by form, and gathers one report in which
 * every input record is imported, failed or unconfirmed. A failed chunk never hides another's success.
 */
import type * as AmsHttp from "@ams-effect/core/AmsHttp"
import * as AmsRequest from "@ams-effect/core/AmsRequest"
import * as AmsResponse from "@ams-effect/core/AmsResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import {
  DroppedFields,
  ImportedRecord,
  ImportFailure,
  ImportReport,
  V1ImportFailed,
  V1ImportIncomplete,
  V1UnknownFields
} from "../V1Error.js"
import type { WireEvent } from "./encode.js"
import { isSuccess } from "./state.js"

const ImportAnswer = Schema.Struct({
  result: Schema.Struct({
    state: Schema.String,
    message: Schema.optional(Schema.NullOr(Schema.String))
  }),
  eventImportResultForForm: Schema.optionalWith(
    Schema.Array(Schema.Struct({
      formName: Schema.String,
      eventImportResults: Schema.Struct({
        state: Schema.String,
        message: Schema.optional(Schema.NullOr(Schema.String)),
        ids: Schema.optionalWith(Schema.Array(Schema.Number), { default: () => [] })
      })
    })),
    { default: () => [] }
  )
})
type ImportAnswer = typeof ImportAnswer.Type

const unknownFieldsPattern = /The following names \[([^\]]*)\] were sent in the message but do not exist in the form/

/** The field names an import message says the form does not have. */
export const unknownFields = (message: string): ReadonlyArray<string> => {
  const match = unknownFieldsPattern.exec(message)
  return match === null ? [] : match[1]!.split(",").map((name) => name.trim()).filter((name) => name !== "")
}

/** An input record on its way: its index in the caller's input and its wire form. */
export interface Indexed {
  readonly index: number
  readonly event: WireEvent
}

interface ChunkReport {
  readonly imported: ReadonlyArray<ImportedRecord>
  readonly failed: ReadonlyArray<ImportFailure>
  readonly unconfirmed: ReadonlyArray<ImportFailure>
  readonly droppedFields: ReadonlyArray<DroppedFields>
  /** The core error that stopped the chunk, if one did. */
  readonly error?: AmsHttp.WriteError
}

const byForm = (chunk: ReadonlyArray<Indexed>): ReadonlyMap<string, ReadonlyArray<Indexed>> => {
  const groups = new Map<string, Array<Indexed>>()
  for (const record of chunk) {
    const group = groups.get(record.event.formName)
    if (group === undefined) groups.set(record.event.formName, [record])
    else group.push(record)
  }
  return groups
}

/** Reads the answer to one chunk, form by form. */
const readAnswer = (chunk: ReadonlyArray<Indexed>, answer: ImportAnswer): ChunkReport => {
  const imported: Array<ImportedRecord> = []
  const failed: Array<ImportFailure> = []
  const unconfirmed: Array<ImportFailure> = []
  const droppedFields: Array<DroppedFields> = []
  const overallOk = isSuccess(answer.result.state)
  for (const [formName, records] of byForm(chunk)) {
    const indexes = records.map((record) => record.index)
    const entry = answer.eventImportResultForForm.find((result) => result.formName === formName)?.eventImportResults
    if (!overallOk || (entry !== undefined && !isSuccess(entry.state))) {
      const failedEntry = entry !== undefined && !isSuccess(entry.state)
      failed.push(
        new ImportFailure({
          indexes,
          formName,
          state: failedEntry ? entry.state : answer.result.state,
          serverMessage: (failedEntry ? entry.message : answer.result.message) ?? answer.result.message ?? ""
        })
      )
      continue
    }
    if (entry === undefined || entry.ids.length !== records.length) {
      unconfirmed.push(
        new ImportFailure({
          indexes,
          formName,
          state: "IdsMissing",
          serverMessage: entry === undefined
            ? "the answer has no result for this form"
            : `${entry.ids.length} id(s) for ${records.length} record(s): ${entry.message ?? ""}`.trim(),
          eventIds: entry?.ids ?? []
        })
      )
      continue
    }
    records.forEach((record, i) =>
      imported.push(new ImportedRecord({ index: record.index, formName, eventId: entry.ids[i]! }))
    )
    const dropped = unknownFields(entry.message ?? "")
    if (dropped.length > 0) {
      droppedFields.push(new DroppedFields({ formName, fields: dropped, indexes, eventIds: entry.ids }))
    }
  }
  return { imported, failed, unconfirmed, droppedFields }
}

/** Core errors after which the records certainly were not stored. */
const notApplied = new Set(["AuthenticationFailed", "AccessDenied", "InvalidRequest", "TransportError"])

const fromError = (chunk: ReadonlyArray<Indexed>, error: AmsHttp.WriteError): ChunkReport => {
  const failures = [...byForm(chunk)].map(([formName, records]) =>
    new ImportFailure({
      indexes: records.map((r) => r.index),
      formName,
      state: error._tag,
      serverMessage: error.message
    })
  )
  return notApplied.has(error._tag)
    ? { imported: [], failed: failures, unconfirmed: [], droppedFields: [], error }
    : { imported: [], failed: [], unconfirmed: failures, droppedFields: [], error }
}

const sendChunk = (http: AmsHttp.Service, chunk: ReadonlyArray<Indexed>): Effect.Effect<ChunkReport> => {
  // An update replaces the event it names, so a chunk of updates may safely be sent twice; an insert may not.
  const idempotent = chunk.every((record) => record.event.existingEventId !== undefined)
  const request = AmsRequest.make({
    api: "v1",
    method: "POST",
    path: "eventsimport",
    body: { events: chunk.map((record) => record.event) },
    idempotent
  })
  return http.execute(
    request,
    (response) => Effect.flatMap(AmsResponse.expectStatus(response, 200), AmsResponse.decode(ImportAnswer))
  ).pipe(
    Effect.either,
    Effect.map(Either.match({
      onLeft: (error: AmsHttp.WriteError) => fromError(chunk, error),
      onRight: (answer) => readAnswer(chunk, answer)
    }))
  )
}

/** What an import can fail with. */
export type ImportError = AmsHttp.WriteError | V1ImportFailed | V1ImportIncomplete | V1UnknownFields

/** Consecutive slices of at most `size` records. */
export const chunk = (records: ReadonlyArray<Indexed>, size: number): Array<ReadonlyArray<Indexed>> => {
  const chunks: Array<ReadonlyArray<Indexed>> = []
  for (let i = 0; i < records.length; i += size) chunks.push(records.slice(i, i + size))
  return chunks
}

/** Sends the chunks and reports on every record of the `total` the caller gave. */
export const run = (
  http: AmsHttp.Service,
  chunks: ReadonlyArray<ReadonlyArray<Indexed>>,
  total: number,
  options: { readonly concurrency: number }
): Effect.Effect<ImportReport, ImportError> =>
  Effect.gen(function*() {
    const reports = yield* Effect.forEach(chunks, (chunk) => sendChunk(http, chunk), {
      concurrency: options.concurrency
    })
    const report = new ImportReport({
      total,
      chunks: chunks.length,
      imported: reports.flatMap((r) => r.imported).sort((a, b) => a.index - b.index),
      failed: reports.flatMap((r) => r.failed),
      unconfirmed: reports.flatMap((r) => r.unconfirmed),
      droppedFields: reports.flatMap((r) => r.droppedFields)
    })
    const errors = reports.flatMap((r) => (r.error === undefined ? [] : [r.error]))
    // Nothing imported and every chunk stopped by a core error (a refused login, an unreachable server): that
    // error says it all, and no record is lost by reporting it alone.
    if (errors.length === reports.length && errors.length > 0 && report.imported.length === 0) {
      return yield* Effect.fail(errors[0]!)
    }
    if (report.failed.length > 0 || errors.length > 0) return yield* new V1ImportFailed({ report })
    if (report.unconfirmed.length > 0) return yield* new V1ImportIncomplete({ report })
    if (report.droppedFields.length > 0) return yield* new V1UnknownFields({ report })
    return report
  })
