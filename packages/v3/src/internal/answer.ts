/**
 * The v3 REST convention, in one place: a 2xx answer is decoded with the endpoint's schema; any other status is
 * read as a v3 error body `{status, href, errors: [{errorCode, message, metaData}]}` and mapped to its error.
 *
 * Rules:
 * - 404 with any `itemNotFound` entry → `V3ItemNotFound`.
 * - 422 with any `requiredFieldMissing` entry → `V3RequiredFieldMissing`; else 422 with any `valueNotParsable`
 *   entry → `V3ValueNotParsable`. Either way **every** entry of the body is kept, so a 422 that mixes both codes
 *   is `V3RequiredFieldMissing` whose `body.errors` also holds the `valueNotParsable` entries.
 * - An endpoint names the typed errors it is documented to answer (`expected`); a mapped error it does not name,
 *   and any other error body (other code, other status), is `V3ApiError` with the whole body.
 * - No error body: 5xx → core `ServerError`, anything else (an HTML 404 page, a 3xx) → core `UnexpectedResponse`.
 */
import type * as AmsError from "@ams-effect/core/AmsError"
import * as AmsResponse from "@ams-effect/core/AmsResponse"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import {
  ErrorBody,
  ErrorDetail,
  V3ApiError,
  V3ItemNotFound,
  V3RequiredFieldMissing,
  V3ValueNotParsable
} from "../V3Error.js"

/** The typed errors of the v3 error body, by name. */
export interface Mapped {
  readonly ItemNotFound: V3ItemNotFound
  readonly RequiredFieldMissing: V3RequiredFieldMissing
  readonly ValueNotParsable: V3ValueNotParsable
}

/** A typed v3 error an endpoint may answer. */
export type Kind = keyof Mapped

/** What an endpoint is documented to answer, and what it was asked for (for `V3ItemNotFound`). */
export interface Expected<K extends Kind> {
  readonly expected: ReadonlyArray<K>
  /** `"group 9999"`, `"event form 1001"`: what a 404 could not find. */
  readonly item: string
}

/** What mapping a non-2xx answer can fail with. */
export type AnswerError<K extends Kind> = Mapped[K] | V3ApiError | AmsError.ServerError | AmsError.UnexpectedResponse

const decodeErrorBody = Schema.decodeUnknownOption(ErrorBody, { onExcessProperty: "ignore" })

/** The v3 error body of an answer, if it has one. */
export const errorBody = (response: AmsResponse.AmsResponse): Option.Option<ErrorBody> => {
  const text = response.body.trim()
  if (!text.startsWith("{")) return Option.none()
  try {
    return decodeErrorBody(JSON.parse(text))
  } catch {
    return Option.none()
  }
}

/**
 * The error body with the secrets of the request (its session, a `Redacted` value of its body) taken out of what the
 * server wrote, should it echo the request; `metaData` that may echo one is left out whole.
 */
const withoutSecrets = (response: AmsResponse.AmsResponse, body: ErrorBody): ErrorBody => {
  if (AmsResponse.redactSecrets(response, response.body) === response.body) return body
  const redact = (text: string) => AmsResponse.redactSecrets(response, text)
  return new ErrorBody({
    status: body.status,
    href: redact(body.href),
    errors: body.errors.map((error) =>
      new ErrorDetail({
        errorCode: redact(error.errorCode),
        message: redact(error.message),
        metaData: error.metaData === null ? null : "<redacted>"
      })
    )
  })
}

const classify = (status: number, body: ErrorBody): Kind | undefined => {
  const has = (code: string) => body.errors.some((error) => error.errorCode === code)
  if (status === 404 && has("itemNotFound")) return "ItemNotFound"
  if (status === 422 && has("requiredFieldMissing")) return "RequiredFieldMissing"
  if (status === 422 && has("valueNotParsable")) return "ValueNotParsable"
  return undefined
}

/** The error of a non-2xx answer. */
export const failure = <K extends Kind>(
  response: AmsResponse.AmsResponse,
  expected: Expected<K>
): AnswerError<K> => {
  const body = errorBody(response)
  if (Option.isNone(body)) {
    return response.status >= 500
      ? AmsResponse.serverError(response)
      : AmsResponse.unexpected(response, "HTTP 2xx or a v3 error body")
  }
  const fields = {
    endpoint: response.request.endpoint,
    method: response.request.method,
    url: response.url,
    status: response.status,
    body: withoutSecrets(response, body.value)
  }
  const kind = classify(response.status, body.value)
  if (kind === undefined || !(expected.expected as ReadonlyArray<Kind>).includes(kind)) return new V3ApiError(fields)
  switch (kind) {
    case "ItemNotFound":
      return new V3ItemNotFound({ ...fields, item: expected.item }) as Mapped[K]
    case "RequiredFieldMissing":
      return new V3RequiredFieldMissing(fields) as Mapped[K]
    case "ValueNotParsable":
      return new V3ValueNotParsable(fields) as Mapped[K]
  }
}

/** Whether the status is a success. */
export const isSuccess = (response: AmsResponse.AmsResponse): boolean => response.status >= 200 && response.status < 300

/**
 * Decodes a 2xx answer with `schema` (an empty body decodes as `undefined`), and maps any other answer with
 * `failure`.
 */
export const decode = <A, I, K extends Kind>(schema: Schema.Schema<A, I>, expected: Expected<K>) => {
  const decodeBody = AmsResponse.decode(schema, { onEmpty: () => undefined })
  return (
    response: AmsResponse.AmsResponse
  ): Effect.Effect<A, AnswerError<K> | AmsError.ResponseDecodeError> =>
    isSuccess(response) ? decodeBody(response) : Effect.fail(failure(response, expected))
}
