/**
 * The failures API v1 reports in the body of an HTTP 200 (and the one it reports as HTTP 500): an operation
 * whose `state` says it failed, an import whose records were refused, an import that claimed success but
 * returned fewer ids than events, fields the form does not have, and a synchronise too large for the server.
 *
 * Import errors carry the whole `ImportReport`, so that a failure in one chunk never hides what other chunks
 * imported: every input record either has an event id or is listed, by its input index, as failed or
 * unconfirmed.
 *
 * @since 0.1.0
 */
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import { Profile } from "./Event.js"

/**
 * Marks every error of this module, so that `isV1Error` can recognise them whatever their tag.
 *
 * @since 0.1.0
 * @category type ids
 */
export const TypeId: unique symbol = Symbol.for("@ams-effect/v1/V1Error")

/**
 * The type of {@link TypeId}.
 *
 * @since 0.1.0
 * @category type ids
 */
export type TypeId = typeof TypeId

/**
 * An operation answered HTTP 200 with a `state` that is not a success (`deleteevent` → `FAILURE`,
 * `profileimport` → `UNEXPECTED_ERROR`).
 *
 * @since 0.1.0
 * @category errors
 */
export class V1StateFailed extends Schema.TaggedError<V1StateFailed>("@ams-effect/v1/V1Error/V1StateFailed")(
  "V1StateFailed",
  {
    endpoint: Schema.String,
    state: Schema.String,
    serverMessage: Schema.String,
    subject: Schema.String
  }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    return `${this.endpoint} failed for ${this.subject}: the server answered state ${this.state}` +
      (this.serverMessage === "" ? "." : ` (${JSON.stringify(this.serverMessage)}).`)
  }
}

/**
 * One input record that was imported: its index in the caller's input and its event id.
 *
 * @since 0.1.0
 * @category models
 */
export class ImportedRecord extends Schema.Class<ImportedRecord>("@ams-effect/v1/V1Error/ImportedRecord")({
  index: Schema.Number,
  formName: Schema.String,
  eventId: Schema.Number
}) {}

/**
 * Input records that were not imported, or whose import is not confirmed, and why. `state` is the server's
 * state (`UNEXPECTED_ERROR`…), `IdsMissing` when the server claimed success with fewer ids, or the tag of the
 * core error that stopped the chunk (`OutcomeUnknown`: the records may exist on the server).
 *
 * @since 0.1.0
 * @category models
 */
export class ImportFailure extends Schema.Class<ImportFailure>("@ams-effect/v1/V1Error/ImportFailure")({
  indexes: Schema.Array(Schema.Number),
  formName: Schema.optional(Schema.String),
  state: Schema.String,
  serverMessage: Schema.String,
  /** Ids the server returned for these records that cannot be matched to them (fewer ids than records). */
  eventIds: Schema.optionalWith(Schema.Array(Schema.Number), { default: () => [] })
}) {}

/**
 * Fields the server did not know: the events were created without them.
 *
 * @since 0.1.0
 * @category models
 */
export class DroppedFields extends Schema.Class<DroppedFields>("@ams-effect/v1/V1Error/DroppedFields")({
  formName: Schema.String,
  fields: Schema.Array(Schema.String),
  indexes: Schema.Array(Schema.Number),
  eventIds: Schema.Array(Schema.Number)
}) {}

/**
 * What an import did with every input record.
 *
 * @since 0.1.0
 * @category models
 */
export class ImportReport extends Schema.Class<ImportReport>("@ams-effect/v1/V1Error/ImportReport")({
  total: Schema.Number,
  imported: Schema.Array(ImportedRecord),
  failed: Schema.Array(ImportFailure),
  unconfirmed: Schema.Array(ImportFailure),
  droppedFields: Schema.Array(DroppedFields),
  chunks: Schema.Number
}) {
  /**
   * The event id of each input record, by input index (`undefined` where it has none).
   *
   * @since 0.1.0
   */
  get eventIds(): ReadonlyArray<number | undefined> {
    const ids = new Array<number | undefined>(this.total).fill(undefined)
    for (const record of this.imported) ids[record.index] = record.eventId
    return ids
  }

  /**
   * Input indexes without an event id (failed or unconfirmed), in order.
   *
   * @since 0.1.0
   */
  get missingIndexes(): ReadonlyArray<number> {
    return [...this.failed, ...this.unconfirmed].flatMap((failure) => failure.indexes).sort((a, b) => a - b)
  }
}

const summary = (report: ImportReport) =>
  `${report.imported.length} of ${report.total} record(s) imported in ${report.chunks} chunk(s)`

const indexList = (indexes: ReadonlyArray<number>) =>
  indexes.length <= 10 ? indexes.join(", ") : `${indexes.slice(0, 10).join(", ")}, … (${indexes.length} in all)`

/**
 * Records were refused (the server answered a failed state, or a chunk could not be sent). The report says which
 * input records, and has the ids of those that were imported.
 *
 * @since 0.1.0
 * @category errors
 */
export class V1ImportFailed extends Schema.TaggedError<V1ImportFailed>("@ams-effect/v1/V1Error/V1ImportFailed")(
  "V1ImportFailed",
  { report: ImportReport }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    const first = this.report.failed[0]
    const why = first === undefined
      ? ""
      : ` First failure: records ${indexList(first.indexes)}${
        first.formName === undefined ? "" : ` of "${first.formName}"`
      }: ${first.state} ${JSON.stringify(first.serverMessage)}.`
    return `Import failed for ${this.report.missingIndexes.length} record(s); ${summary(this.report)}.${why} ` +
      `A failed chunk is all-or-nothing: fix the first bad record it names (date, user the account cannot see, ` +
      `exact form name) and send that chunk again.`
  }
}

/**
 * The server claimed success but returned fewer event ids than events: some were silently dropped, and which
 * ones cannot be told. The records of those chunks are listed as unconfirmed; check them (search) before
 * sending them again.
 *
 * @since 0.1.0
 * @category errors
 */
export class V1ImportIncomplete extends Schema.TaggedError<V1ImportIncomplete>(
  "@ams-effect/v1/V1Error/V1ImportIncomplete"
)("V1ImportIncomplete", { report: ImportReport }) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    return `The server claimed success but returned fewer ids than events for record(s) ` +
      `${indexList(this.report.missingIndexes)}; ${summary(this.report)}. Search for those records before ` +
      `importing them again.`
  }
}

/**
 * What became of a user's profile record after an import that named fields the form does not have. The server
 * replaces the whole record with the fields it knows (a misspelt name alone would leave it empty), so the client
 * imports the previous record again.
 *
 * - `restored`: the record is as it was before the call (`previous`).
 * - `created`: the user had no record of this form; there is one now, with the known fields only.
 * - `notRestored`: putting `previous` back failed (`restoreError` says why): the record now holds only the known
 *   fields of the import, and `previous` is the only copy of what it held. Import it again.
 *
 * @since 0.1.0
 * @category models
 */
export class ProfileRestore extends Schema.Class<ProfileRestore>("@ams-effect/v1/V1Error/ProfileRestore")({
  userId: Schema.Number,
  outcome: Schema.Literal("restored", "created", "notRestored"),
  previous: Schema.optional(Profile),
  restoreError: Schema.optional(Schema.String)
}) {}

const quoted = (names: ReadonlyArray<string>) => names.map((name) => JSON.stringify(name)).join(", ")

const profileMessage = (formName: string, fields: ReadonlyArray<string>, profile: ProfileRestore): string => {
  const unknown = `The "${formName}" form has no field(s) ${quoted(fields)}`
  const hint = "Field names are exact and case-sensitive (a v3 form definition lists them)."
  switch (profile.outcome) {
    case "restored":
      return `${unknown}, so the profile import of user ${profile.userId} was undone: the server replaced the ` +
        `whole record without them, and the previous record was imported again. ${hint}`
    case "created":
      return `${unknown}: user ${profile.userId} had no record of it and now has one without them. ${hint}`
    case "notRestored":
      return `${unknown}: the server replaced the whole record of user ${profile.userId} without them, and the ` +
        `previous record could not be imported again (${profile.restoreError ?? "no reason given"}). ` +
        `It is in \`profile.previous\` of this error: import it again. ${hint}`
  }
}

/**
 * Fields the server did not know. Events are created without them (the server drops them silently). A profile
 * import (`profile` is set) is undone instead, since the server would have replaced the user's whole record
 * without them; `profile` says whether that worked and holds the previous record.
 *
 * @since 0.1.0
 * @category errors
 */
export class V1UnknownFields extends Schema.TaggedError<V1UnknownFields>("@ams-effect/v1/V1Error/V1UnknownFields")(
  "V1UnknownFields",
  { report: ImportReport, profile: Schema.optional(ProfileRestore) }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    const [first] = this.report.droppedFields
    if (this.profile !== undefined && first !== undefined) {
      return profileMessage(first.formName, first.fields, this.profile)
    }
    const fields = this.report.droppedFields.map((dropped) => `"${dropped.formName}": ${quoted(dropped.fields)}`)
    return `The form(s) do not have these fields, so the events were imported without them: ${fields.join("; ")}. ` +
      `Field names are exact and case-sensitive (a v3 form definition lists them).`
  }
}

/**
 * `synchronise` answered HTTP 500 for a single user: that user's records since `since` are more than the server
 * will send at once.
 *
 * @since 0.1.0
 * @category errors
 */
export class V1PayloadTooLarge extends Schema.TaggedError<V1PayloadTooLarge>(
  "@ams-effect/v1/V1Error/V1PayloadTooLarge"
)("V1PayloadTooLarge", {
  formName: Schema.String,
  userId: Schema.Number,
  since: Schema.Number
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    return `synchronise of "${this.formName}" for user ${this.userId} since ${this.since} is too large for the ` +
      `server (HTTP 500 even for this one user). Synchronise from a later time, or export with searchEvents by ` +
      `date range.`
  }
}

/**
 * Any error of this module: the failures v1 reports in the body of an HTTP 200.
 *
 * @since 0.1.0
 * @category models
 */
export type V1Error = V1StateFailed | V1ImportFailed | V1ImportIncomplete | V1UnknownFields | V1PayloadTooLarge

/**
 * Whether a value is one of the v1 errors (any tag of {@link V1Error}).
 *
 * @since 0.1.0
 * @category guards
 */
export const isV1Error = (u: unknown): u is V1Error => Predicate.hasProperty(u, TypeId)
