/**
 * The errors every AMS API version shares: authentication, access, transport, timeouts, server failures,
 * answers that are not what was due, input rejected before sending, and writes whose outcome is unknown.
 *
 * Each error carries what a caller needs to act (endpoint, URL, status, a short body excerpt) and a `message`
 * that says what happened and what to check. None carries a password or a session token.
 *
 * @since 0.1.0
 */
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"

/**
 * Marks every error of this module, so that `isAmsError` can recognise them whatever their tag.
 *
 * @since 0.1.0
 * @category type ids
 */
export const TypeId: unique symbol = Symbol.for("@ams-effect/core/AmsError")

/**
 * The type of {@link TypeId}.
 *
 * @since 0.1.0
 * @category type ids
 */
export type TypeId = typeof TypeId

/**
 * Where a failed call went: `endpoint` is the API version and path (`"v1/listgroups"`), `url` the full URL
 * (it never holds credentials: they travel in headers).
 *
 * @since 0.1.0
 * @category models
 */
export const RequestFields = {
  endpoint: Schema.String,
  method: Schema.String,
  url: Schema.String
}

/**
 * The login or the session was refused.
 *
 * - `InvalidCredentials`: the server answered 401 to the login (wrong username or password, API access off).
 * - `LoginRejected`: the login answered with an RPC exception, e.g. an unknown site (`appName`).
 * - `SessionRejected`: a call was refused with 401 even after a fresh login.
 * - `BasicRejected`: a call made with HTTP Basic credentials (no session) was refused with 401.
 *
 * @since 0.1.0
 * @category errors
 */
export class AuthenticationFailed extends Schema.TaggedError<AuthenticationFailed>(
  "@ams-effect/core/AmsError/AuthenticationFailed"
)("AuthenticationFailed", {
  ...RequestFields,
  username: Schema.String,
  status: Schema.Number,
  reason: Schema.Literal("InvalidCredentials", "LoginRejected", "SessionRejected", "BasicRejected"),
  exceptionType: Schema.optional(Schema.String),
  detail: Schema.optional(Schema.String)
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    switch (this.reason) {
      case "LoginRejected":
        return `AMS refused the login of "${this.username}" (${this.exceptionType ?? "RPC exception"}: ${
          this.detail ?? "no detail"
        }). Check the site name: it is the last segment of the site URL (https://server/<site>) and must match the ` +
          `site exactly.`
      case "SessionRejected":
        return `${this.endpoint} answered ${this.status} even after a fresh login as "${this.username}". ` +
          `The account may have lost API access, or the session is refused by this endpoint; check the account in ` +
          `the AMS Admin portal.`
      case "BasicRejected":
      case "InvalidCredentials":
        return `AMS rejected the credentials of "${this.username}" (HTTP ${this.status} from ${this.endpoint}). ` +
          `Check that the username is the login name (not the e-mail address), that the password is current, that ` +
          `API access is enabled for the site, and that the account is exempt from MFA/SSO.`
    }
  }
}

/**
 * The server answered 403: the account is logged in but may not touch this form, group or user.
 *
 * @since 0.1.0
 * @category errors
 */
export class AccessDenied extends Schema.TaggedError<AccessDenied>("@ams-effect/core/AmsError/AccessDenied")(
  "AccessDenied",
  {
    ...RequestFields,
    username: Schema.String,
    status: Schema.Number,
    resource: Schema.optional(Schema.String)
  }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    const what = this.resource === undefined ? "" : ` to ${this.resource}`
    return `AMS denied "${this.username}" access${what} (HTTP ${this.status} from ${this.endpoint}). Check that the ` +
      `account has Coach access to the groups holding these users, that it has Read/Write access to the form in ` +
      `the AMS Admin portal, and that the form name is exact (case-sensitive).`
  }
}

/**
 * The request could not be carried: connection refused, reset, DNS failure… (after the retries the policy allows).
 *
 * @since 0.1.0
 * @category errors
 */
export class TransportError extends Schema.TaggedError<TransportError>("@ams-effect/core/AmsError/TransportError")(
  "TransportError",
  {
    ...RequestFields,
    description: Schema.String,
    attempts: Schema.Number,
    cause: Schema.optional(Schema.Defect)
  }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    return `Could not reach AMS for ${this.method} ${this.endpoint} (${this.description}) after ${this.attempts} ` +
      `attempt(s). Check the server URL, the network and whether the server is up.`
  }
}

/**
 * No answer came within the configured request timeout.
 *
 * @since 0.1.0
 * @category errors
 */
export class Timeout extends Schema.TaggedError<Timeout>("@ams-effect/core/AmsError/Timeout")("Timeout", {
  ...RequestFields,
  timeoutMillis: Schema.Number,
  attempts: Schema.Number
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    return `${this.method} ${this.endpoint} got no answer within ${this.timeoutMillis} ms (${this.attempts} ` +
      `attempt(s)). Large exports may need a longer timeout, or a smaller request (fewer users, a later sync time).`
  }
}

/**
 * The server kept failing (5xx, or 408/429 after every retry the policy allows), or answered a 5xx the
 * endpoint gives no meaning to.
 *
 * @since 0.1.0
 * @category errors
 */
export class ServerError extends Schema.TaggedError<ServerError>("@ams-effect/core/AmsError/ServerError")(
  "ServerError",
  {
    ...RequestFields,
    status: Schema.Number,
    attempts: Schema.Number,
    retryAfterMillis: Schema.optional(Schema.Number),
    bodyExcerpt: Schema.String
  }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    const after = this.retryAfterMillis === undefined ? "" : ` It asked to wait ${this.retryAfterMillis} ms.`
    return `AMS answered HTTP ${this.status} to ${this.method} ${this.endpoint} after ${this.attempts} attempt(s).` +
      after + ` Try again later; if it persists, the request may be malformed (misspelled path, bad filter).`
  }
}

/**
 * The answer is not of the kind that was due: an HTML page where JSON was expected, a body that is not JSON,
 * an unknown status.
 *
 * @since 0.1.0
 * @category errors
 */
export class UnexpectedResponse extends Schema.TaggedError<UnexpectedResponse>(
  "@ams-effect/core/AmsError/UnexpectedResponse"
)("UnexpectedResponse", {
  ...RequestFields,
  status: Schema.Number,
  contentType: Schema.optional(Schema.String),
  expected: Schema.String,
  bodyExcerpt: Schema.String
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    return `${this.method} ${this.endpoint} answered HTTP ${this.status} (${
      this.contentType ?? "no content type"
    }) where ${this.expected} was expected. The body starts: ${JSON.stringify(this.bodyExcerpt)}. ` +
      `A proxy, a maintenance page or a wrong server URL can cause this.`
  }
}

/**
 * The answer is JSON but not of the documented shape; `path` says where it differs.
 *
 * @since 0.1.0
 * @category errors
 */
export class ResponseDecodeError extends Schema.TaggedError<ResponseDecodeError>(
  "@ams-effect/core/AmsError/ResponseDecodeError"
)("ResponseDecodeError", {
  ...RequestFields,
  path: Schema.String,
  issue: Schema.String,
  issues: Schema.Number,
  bodyExcerpt: Schema.String
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    const more = this.issues > 1 ? ` (and ${this.issues - 1} more issue(s))` : ""
    return `The answer of ${this.endpoint} does not have the expected shape at ${this.path}: ${this.issue}${more}.`
  }
}

/**
 * The input was rejected before anything was sent; `field` names the offending input.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidRequest extends Schema.TaggedError<InvalidRequest>("@ams-effect/core/AmsError/InvalidRequest")(
  "InvalidRequest",
  {
    endpoint: Schema.String,
    field: Schema.String,
    reason: Schema.String
  }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    return `Invalid ${this.field} for ${this.endpoint}: ${this.reason}. Nothing was sent.`
  }
}

/**
 * A write may or may not have been applied: the connection broke or timed out after the request was sent,
 * and the endpoint is not safe to repeat. Check (search or synchronise) before sending it again.
 *
 * @since 0.1.0
 * @category errors
 */
export class OutcomeUnknown extends Schema.TaggedError<OutcomeUnknown>("@ams-effect/core/AmsError/OutcomeUnknown")(
  "OutcomeUnknown",
  {
    ...RequestFields,
    description: Schema.String
  }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId

  /** @since 0.1.0 */
  override get message(): string {
    return `${this.method} ${this.endpoint} may or may not have been applied (${this.description}). It was not ` +
      `repeated because repeating it could apply it twice; check the server's data before sending it again.`
  }
}

/**
 * Any error of this module.
 *
 * @since 0.1.0
 * @category models
 */
export type AmsError =
  | AuthenticationFailed
  | AccessDenied
  | TransportError
  | Timeout
  | ServerError
  | UnexpectedResponse
  | ResponseDecodeError
  | InvalidRequest
  | OutcomeUnknown

/**
 * Whether a value is one of the shared AMS errors (any tag of {@link AmsError}).
 *
 * @since 0.1.0
 * @category guards
 */
export const isAmsError = (u: unknown): u is AmsError => Predicate.hasProperty(u, TypeId)
