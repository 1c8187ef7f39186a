/**
 * The AgileAssets answer convention, in one place: 200 is the only success of GET and POST, 200 or 204 of PUT and
 * DELETE; a JSON `{status, message}` is a failure during execution (rolled back; 404 = no such record); a non-JSON
 * 4xx is a rejection before execution; anything else is unexpected.
 */
import type * as AmsError from "@ams-effect/core/AmsError"
import * as AmsResponse from "@ams-effect/core/AmsResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { AgileNotFound, AgileOperationFailed, AgileRejected } from "../AgileError.js"

const ErrorBody = Schema.Struct({
  status: Schema.optional(Schema.Union(Schema.String, Schema.Number)),
  message: Schema.optional(Schema.NullOr(Schema.String))
})
const decodeErrorBody = Schema.decodeUnknownEither(ErrorBody)

/** The failures an AgileAssets answer maps to. */
export type AnswerError =
  | AgileRejected
  | AgileOperationFailed
  | AgileNotFound
  | AmsError.ServerError
  | AmsError.UnexpectedResponse

const parseJson = (text: string): Either.Either<unknown, void> => {
  try {
    return Either.right(JSON.parse(text))
  } catch {
    return Either.left(undefined)
  }
}

/** Fails unless the status is one of `success`; maps the failure to its typed error. */
export const expectSuccess = (
  response: AmsResponse.AmsResponse,
  success: ReadonlyArray<number>
): Effect.Effect<AmsResponse.AmsResponse, AnswerError> => {
  if (success.includes(response.status)) return Effect.succeed(response)
  const where = { endpoint: response.request.endpoint, method: response.request.method, url: response.url }
  const body = Either.flatMap(
    parseJson(response.body),
    (json) => Either.mapLeft(decodeErrorBody(json), () => undefined)
  )
  if (Either.isRight(body) && (body.right.status !== undefined || body.right.message !== undefined)) {
    const serverMessage = AmsResponse.redactSecrets(response, body.right.message ?? `HTTP ${response.status}`)
    // The body's status is a string ("500"); one that is not a number (`"ERROR"`) must not become `NaN`.
    const status = Number(body.right.status ?? response.status)
    return response.status === 404
      ? Effect.fail(new AgileNotFound({ ...where, serverMessage }))
      : Effect.fail(
        new AgileOperationFailed({
          ...where,
          status: Number.isSafeInteger(status) ? status : response.status,
          serverMessage
        })
      )
  }
  if (response.status >= 400 && response.status < 500) {
    return Effect.fail(
      new AgileRejected({
        ...where,
        status: response.status,
        contentType: AmsResponse.contentType(response),
        text: AmsResponse.excerpt(AmsResponse.redactSecrets(response, response.body.trim()))
      })
    )
  }
  if (response.status >= 500) return Effect.fail(AmsResponse.serverError(response))
  return Effect.fail(AmsResponse.unexpected(response, `HTTP ${success.join(" or ")}`))
}

/** A successful JSON answer decoded with `schema`. */
export const decode = <A, I>(schema: Schema.Schema<A, I>) => {
  const decodeBody = AmsResponse.decode(schema)
  return (response: AmsResponse.AmsResponse) => Effect.flatMap(expectSuccess(response, [200]), decodeBody)
}
