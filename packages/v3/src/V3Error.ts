/**
 * The failures API v3 reports, and the ones the client finds before sending an import.
 *
 * v3 is plain REST: a failure has a meaningful status and the body
 * `{"status", "href", "errors": [{"errorCode", "message", "metaData"}]}`. 404 `itemNotFound` is `V3ItemNotFound`;
 * a 422 is `V3RequiredFieldMissing` when any of its errors is `requiredFieldMissing`, otherwise
 * `V3ValueNotParsable` when any is `valueNotParsable`; each keeps **every** error of the body, not only the first.
 * Any other error body (another code, another status, or a code the endpoint is not documented to answer) is
 * `V3ApiError`, with the whole body. `V3FormUnknown` and `V3ImportInvalid` come from `validateImport`, before
 * anything is sent to v1.
 *
 * @since 0.1.0
 */
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"

/**
 * Marks every error of this module, so that `isV3Error` can recognise them whatever their tag.
 *
 * @since 0.1.0
 * @category type ids
 */
export const TypeId: unique symbol = Symbol.for("@ams-effect/v3/V3Error")

/**
 * The type of {@link TypeId}.
 *
 * @since 0.1.0
 * @category type ids
 */
export type TypeId = typeof TypeId

/**
 * One entry of a v3 error body. `metaData` is kept as the server sent it (usually `null`).
 *
 * @since 0.1.0
 * @category models
 */
export class ErrorDetail extends Schema.Class<ErrorDetail>("@ams-effect/v3/V3Error/ErrorDetail")({
  errorCode: Schema.String,
  message: Schema.optionalWith(Schema.String, { nullable: true, default: () => "" }),
  metaData: Schema.optionalWith(Schema.Unknown, { default: () => null })
}) {}

/**
 * A v3 error body: `{"status": 404, "href": "/api/v3/group-athletes/9999", "errors": [...]}`.
 *
 * @since 0.1.0
 * @category models
 */
export class ErrorBody extends Schema.Class<ErrorBody>("@ams-effect/v3/V3Error/ErrorBody")({
  status: Schema.optionalWith(Schema.Number, { nullable: true }),
  href: Schema.optionalWith(Schema.String, { nullable: true, default: () => "" }),
  errors: Schema.Array(ErrorDetail)
}) {
  /**
   * The entries with this `errorCode`.
   *
   * @since 0.1.0
   */
  withCode(errorCode: string): ReadonlyArray<ErrorDetail> {
    return this.errors.filter((error) => error.errorCode === errorCode)
  }
}

/**
 * Where a v3 call went and what came back: `endpoint` is `"v3/<path>"`, `status` the HTTP status, `body` the
 * whole error body.
 *
 * @since 0.1.0
 * @category models
 */
export const AnswerFields = {
  endpoint: Schema.String,
  method: Schema.String,
  url: Schema.String,
  status: Schema.Number,
  body: ErrorBody
}

const quoted = (errors: ReadonlyArray<ErrorDetail>): string =>
  errors.map((error) => `${error.errorCode} ${JSON.stringify(error.message)}`).join("; ")

/**
 * 404 `itemNotFound`: the server has no such item, or not one the account can find. `item` says what was asked
 * for (`group 9999`, `event form 1001`).
 *
 * @since 0.1.0
 * @category errors
 */
export class V3ItemNotFound extends Schema.TaggedError<V3ItemNotFound>("@ams-effect/v3/V3Error/V3ItemNotFound")(
  "V3ItemNotFound",
  { ...AnswerFields, item: Schema.String }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    return `AMS could not find ${this.item} (HTTP ${this.status} from ${this.method} ${this.endpoint}: ` +
      `${quoted(this.body.errors)}). Check the id: form ids and types come from formSummaries, group ids from ` +
      `the AMS Admin portal; the account must also be able to see the item.`
  }
}

/**
 * 422 with at least one `requiredFieldMissing`: the request lacked fields the server requires. `body.errors`
 * holds every error of the answer (one per missing field, and any `valueNotParsable` sent with them).
 *
 * @since 0.1.0
 * @category errors
 */
export class V3RequiredFieldMissing extends Schema.TaggedError<V3RequiredFieldMissing>(
  "@ams-effect/v3/V3Error/V3RequiredFieldMissing"
)("V3RequiredFieldMissing", AnswerFields) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /**
   * The `requiredFieldMissing` entries: one per missing field.
   *
   * @since 0.1.0
   */
  get missing(): ReadonlyArray<ErrorDetail> {
    return this.body.withCode("requiredFieldMissing")
  }

  /** @since 0.1.0 */
  override get message(): string {
    const missing = this.missing
    const others = this.body.errors.filter((error) => error.errorCode !== "requiredFieldMissing")
    const also = others.length === 0 ? "" : `; and ${others.length} other error(s): ${quoted(others)}`
    return `${this.method} ${this.endpoint} was refused (HTTP ${this.status}): ${missing.length} required ` +
      `field(s) missing: ${missing.map((error) => JSON.stringify(error.message)).join("; ")}${also}. ` +
      `Send every required field, with a value (null counts as missing).`
  }
}

/**
 * 422 with `valueNotParsable` (and no `requiredFieldMissing`): the body was not JSON, or a value had the wrong
 * type. `body.errors` holds every error of the answer.
 *
 * @since 0.1.0
 * @category errors
 */
export class V3ValueNotParsable extends Schema.TaggedError<V3ValueNotParsable>(
  "@ams-effect/v3/V3Error/V3ValueNotParsable"
)("V3ValueNotParsable", AnswerFields) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    return `${this.method} ${this.endpoint} was refused (HTTP ${this.status}): the server could not parse ` +
      `${this.body.errors.length === 1 ? "a value" : `${this.body.errors.length} values`}: ` +
      `${quoted(this.body.errors)}. Check that the body is a JSON object and that each field has the type the ` +
      `endpoint expects (a number, not a numeric string; text, not a number).`
  }
}

/**
 * Any other v3 error body: a code this client does not model, a status other than 404/422, or a code the endpoint
 * is not documented to answer. The whole body is kept.
 *
 * @since 0.1.0
 * @category errors
 */
export class V3ApiError extends Schema.TaggedError<V3ApiError>("@ams-effect/v3/V3Error/V3ApiError")(
  "V3ApiError",
  AnswerFields
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    const errors = this.body.errors.length === 0 ? "no error entries" : quoted(this.body.errors)
    return `${this.method} ${this.endpoint} failed with HTTP ${this.status} (${errors}). The error codes say what ` +
      `the server refused; ${this.status >= 500 ? "a 5xx may pass if tried later" : "fix the request and retry"}.`
  }
}

/**
 * No form has this exact name (names are exact and case-sensitive). `similar` lists the forms whose names look
 * alike, closest first; `indexes` the input events that named it.
 *
 * @since 0.1.0
 * @category errors
 */
export class V3FormUnknown extends Schema.TaggedError<V3FormUnknown>("@ams-effect/v3/V3Error/V3FormUnknown")(
  "V3FormUnknown",
  {
    formName: Schema.String,
    similar: Schema.Array(Schema.String),
    indexes: Schema.Array(Schema.Number)
  }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    const hint = this.similar.length === 0
      ? "No form the account can read has a similar name."
      : `Did you mean ${this.similar.map((name) => JSON.stringify(name)).join(" or ")}?`
    return `No form the account can read is named ${JSON.stringify(this.formName)} (named by event(s) ` +
      `${this.indexes.join(", ")}). ${hint} Form names are exact and case-sensitive; the account also needs ` +
      `read access to the form.`
  }
}

/**
 * A field name the form does not have, and the form's field it probably meant.
 *
 * @since 0.1.0
 * @category models
 */
export class UnknownField extends Schema.Class<UnknownField>("@ams-effect/v3/V3Error/UnknownField")({
  name: Schema.String,
  suggestion: Schema.optional(Schema.String)
}) {}

/**
 * What is wrong with one input event: `index` is its position in the input.
 *
 * @since 0.1.0
 * @category models
 */
export class ImportProblem extends Schema.Class<ImportProblem>("@ams-effect/v3/V3Error/ImportProblem")({
  index: Schema.Number,
  formName: Schema.String,
  unknownFields: Schema.Array(UnknownField),
  missingRequired: Schema.Array(Schema.String)
}) {}

const describeProblem = (problem: ImportProblem): string => {
  const parts: Array<string> = []
  if (problem.unknownFields.length > 0) {
    parts.push(
      `unknown field(s) ${
        problem.unknownFields.map((field) =>
          field.suggestion === undefined
            ? JSON.stringify(field.name)
            : `${JSON.stringify(field.name)} (did you mean ${JSON.stringify(field.suggestion)}?)`
        ).join(", ")
      }`
    )
  }
  if (problem.missingRequired.length > 0) {
    parts.push(`missing required ${problem.missingRequired.map((name) => JSON.stringify(name)).join(", ")}`)
  }
  return `event ${problem.index} (${JSON.stringify(problem.formName)}): ${parts.join("; ")}`
}

/**
 * Input events do not fit their form definitions: field names the form does not have (v1 would silently drop
 * them) or required fields without a value (v1 would refuse the whole batch). Nothing was sent to v1.
 *
 * @since 0.1.0
 * @category errors
 */
export class V3ImportInvalid extends Schema.TaggedError<V3ImportInvalid>("@ams-effect/v3/V3Error/V3ImportInvalid")(
  "V3ImportInvalid",
  { problems: Schema.Array(ImportProblem) }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    const shown = this.problems.slice(0, 5).map(describeProblem)
    const more = this.problems.length > 5 ? `; … (${this.problems.length} events in all)` : ""
    return `${this.problems.length} event(s) do not fit their form: ${shown.join("; ")}${more}. Field names are ` +
      `exact and case-sensitive (form(type, id) lists them); nothing was imported.`
  }
}

/**
 * Any error of this module: the failures v3 reports, and those `validateImport` finds before sending.
 *
 * @since 0.1.0
 * @category models
 */
export type V3Error =
  | V3ItemNotFound
  | V3RequiredFieldMissing
  | V3ValueNotParsable
  | V3ApiError
  | V3FormUnknown
  | V3ImportInvalid

/**
 * Whether a value is one of the v3 errors (any tag of {@link V3Error}).
 *
 * @since 0.1.0
 * @category guards
 */
export const isV3Error = (u: unknown): u is V3Error => Predicate.hasProperty(u, TypeId)
