/**
 * The AgileAssets API 1 error convention, as typed errors:
 *
 * - a failure **before** the call executes (no or wrong content type, malformed JSON, missing key columns, an
 *   unknown path, refused credentials) is a 4xx with a **non-JSON** body → `AgileRejected`;
 * - a failure **during** execution is a non-200 with a JSON `{status, message}` (`status` a string), after the
 *   server rolled back every change of the call → `AgileOperationFailed`, or `AgileNotFound` for a 404.
 *
 * @since 0.1.0
 */
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"

/**
 * Marks every error of this module, so that `isAgileError` can recognise them whatever their tag.
 *
 * @since 0.1.0
 * @category type ids
 */
export const TypeId: unique symbol = Symbol.for("@ams-effect/agileassets/AgileError")

/**
 * The type of {@link TypeId}.
 *
 * @since 0.1.0
 * @category type ids
 */
export type TypeId = typeof TypeId

const where = { endpoint: Schema.String, method: Schema.String, url: Schema.String }

const rejectionHints: Readonly<Record<number, string>> = {
  400: "The body is not valid JSON, or a row lacks one of the table's key columns.",
  401: "Check AGILE_USERNAME/AGILE_PASSWORD or AGILE_TOKEN: the server refused the credentials.",
  403: "The credentials are valid but may not use this entity.",
  404: "The path does not exist: check the entity name and the base URL (…/{instance}/rest/v1).",
  415: "The request had no JSON content type."
}

/**
 * The server refused the request before executing it (non-JSON 4xx): nothing was changed.
 *
 * @since 0.1.0
 * @category errors
 */
export class AgileRejected
  extends Schema.TaggedError<AgileRejected>("@ams-effect/agileassets/AgileError/AgileRejected")(
    "AgileRejected",
    { ...where, status: Schema.Number, contentType: Schema.optional(Schema.String), text: Schema.String }
  )
{
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    const hint = rejectionHints[this.status] ?? "Check the request's path, headers and body."
    return `AgileAssets refused ${this.method} ${this.endpoint} before executing it (HTTP ${this.status}: ${
      JSON.stringify(this.text)
    }). Nothing was changed. ${hint}`
  }
}

/**
 * The call failed while executing (JSON `{status, message}`); the server rolled back every change it had made.
 *
 * @since 0.1.0
 * @category errors
 */
export class AgileOperationFailed extends Schema.TaggedError<AgileOperationFailed>(
  "@ams-effect/agileassets/AgileError/AgileOperationFailed"
)("AgileOperationFailed", { ...where, status: Schema.Number, serverMessage: Schema.String }) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    return `${this.method} ${this.endpoint} failed (HTTP ${this.status}): ${this.serverMessage}. The server rolled ` +
      `back the whole call: none of its changes were kept.`
  }
}

/**
 * The record does not exist (404 with a JSON body), e.g. deleting a work order that is not there.
 *
 * @since 0.1.0
 * @category errors
 */
export class AgileNotFound
  extends Schema.TaggedError<AgileNotFound>("@ams-effect/agileassets/AgileError/AgileNotFound")(
    "AgileNotFound",
    { ...where, serverMessage: Schema.String }
  )
{
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    return `${this.method} ${this.endpoint}: no such record (${this.serverMessage}).`
  }
}

/**
 * Any error of this module.
 *
 * @since 0.1.0
 * @category models
 */
export type AgileError = AgileRejected | AgileOperationFailed | AgileNotFound

/**
 * Whether a value is one of the AgileAssets errors (any tag of {@link AgileError}).
 *
 * @since 0.1.0
 * @category guards
 */
export const isAgileError = (u: unknown): u is AgileError => Predicate.hasProperty(u, TypeId)
