/**
 * The v2 convention's one error: HTTP 200 with `{"__is_rpc_exception__": true, "type", "value": {"detailMessage",
 * "cause"}}`. The server's exception type and detail say what went wrong (a duplicate username, an unknown id…).
 *
 * @since 0.1.0
 */
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"

/**
 * Marks every error of this module, so that `isV2Error` can recognise them whatever their tag.
 *
 * @since 0.1.0
 * @category type ids
 */
export const TypeId: unique symbol = Symbol.for("@ams-effect/v2/V2Error")

/**
 * The type of {@link TypeId}.
 *
 * @since 0.1.0
 * @category type ids
 */
export type TypeId = typeof TypeId

const hints: ReadonlyArray<readonly [RegExp, string]> = [
  [/Duplicate/i, "Choose another value: it must be unique on the site."],
  [/NotFound/i, "Check the id: it does not exist, or this account cannot see it."],
  [/Permission|Access|Denied/i, "The account lacks the right for this operation in the AMS Admin portal."],
  [/Validation|InvalidRequest/i, "Check the fields the detail names."]
]

/**
 * A v2 call answered with an RPC exception.
 *
 * @since 0.1.0
 * @category errors
 */
export class V2RpcException extends Schema.TaggedError<V2RpcException>("@ams-effect/v2/V2Error/V2RpcException")(
  "V2RpcException",
  {
    endpoint: Schema.String,
    exceptionType: Schema.String,
    detailMessage: Schema.optional(Schema.String),
    cause: Schema.optional(Schema.Unknown)
  }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    const hint = hints.find(([pattern]) => pattern.test(this.exceptionType))?.[1]
    return `${this.endpoint} failed with ${this.exceptionType}: ${this.detailMessage ?? "no detail"}.` +
      (hint === undefined ? "" : ` ${hint}`)
  }
}

/**
 * No person with this id is visible to the account (so it cannot be changed).
 *
 * @since 0.1.0
 * @category errors
 */
export class PersonNotFound extends Schema.TaggedError<PersonNotFound>("@ams-effect/v2/V2Error/PersonNotFound")(
  "PersonNotFound",
  { id: Schema.Number }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    return `No person with id ${this.id} is visible to this account: check the id, and that the account coaches a ` +
      `group the person belongs to.`
  }
}

/**
 * The server stored no file: `getUploadStatus` answered `error: true`, or the login gave no upload token.
 *
 * @since 0.1.0
 * @category errors
 */
export class V2UploadFailed extends Schema.TaggedError<V2UploadFailed>("@ams-effect/v2/V2Error/V2UploadFailed")(
  "V2UploadFailed",
  { fileName: Schema.String, serverMessage: Schema.String }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    return `The upload of "${this.fileName}" was not stored: ${this.serverMessage}.`
  }
}

/**
 * Any error of this module.
 *
 * @since 0.1.0
 * @category models
 */
export type V2Error = V2RpcException | PersonNotFound | V2UploadFailed

/**
 * Whether a value is one of the v2 errors (any tag of {@link V2Error}).
 *
 * @since 0.1.0
 * @category guards
 */
export const isV2Error = (u: unknown): u is V2Error => Predicate.hasProperty(u, TypeId)
