/**
 * Checking import events against their form definitions, before anything is sent: keys the form does not have
 * (v1 would drop them silently) and required fields without a value (v1 would refuse the whole batch).
 *
 * A required field counts as given when `values` or any table row holds a value for it that is not `null`,
 * `undefined` or blank text: v1 merges `values` with the first table row into row 0, so a table column given in
 * any row satisfies the form.
 */
import * as AmsError from "@ams-effect/core/AmsError"
import * as Effect from "effect/Effect"
import * as Form from "../Form.js"
import type { ImportCandidate as Candidate } from "../V3Client.js"
import { ImportProblem, UnknownField } from "../V3Error.js"
import * as Similar from "./similar.js"

const endpoint = "v3/validateImport"

/** Fails with `InvalidRequest` for events that are not a list, or an event without a form name. */
export const checkCandidates = (
  events: ReadonlyArray<Candidate>
): Effect.Effect<void, AmsError.InvalidRequest> =>
  Array.isArray(events)
    ? Effect.forEach(events, (event: Candidate | null | undefined, index) =>
      typeof event?.formName === "string" && event.formName.trim() !== ""
        ? Effect.void
        : Effect.fail(
          new AmsError.InvalidRequest({ endpoint, field: `events[${index}].formName`, reason: "must not be empty" })
        ), { discard: true })
    : Effect.fail(new AmsError.InvalidRequest({ endpoint, field: "events", reason: "must be a list of events" }))

const hasValue = (value: unknown): boolean =>
  value !== undefined && value !== null && !(typeof value === "string" && value.trim() === "")

/** The problems of one event, or `undefined` when it fits its form. */
export const check = (
  event: Candidate,
  index: number,
  definition: Form.FormDefinition
): ImportProblem | undefined => {
  const names = Form.fieldNames(definition)
  const known = new Set(names)
  // A caller without the types may put anything in a table: only objects hold fields
  const rows = [event.values ?? {}, ...(Array.isArray(event.table) ? event.table : [])]
    .filter((row): row is Readonly<Record<string, unknown>> => typeof row === "object" && row !== null)
  const keys = new Set(rows.flatMap((row) => Object.keys(row)))
  const unknownFields = [...keys].filter((key) => !known.has(key)).map((name) => {
    const suggestion = Similar.suggest(name, names)
    return suggestion === undefined ? new UnknownField({ name }) : new UnknownField({ name, suggestion })
  })
  const missingRequired = Form.requiredFieldNames(definition).filter((name) =>
    !rows.some((row) => Object.hasOwn(row, name) && hasValue(row[name]))
  )
  return unknownFields.length === 0 && missingRequired.length === 0
    ? undefined
    : new ImportProblem({ index, formName: event.formName, unknownFields, missingRequired })
}
