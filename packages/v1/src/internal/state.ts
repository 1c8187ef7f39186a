/**
 * The v1 body-state convention, in one place: HTTP 200 whatever happened, and a `state` in the body that says
 * whether it worked (`SUCCESS`, `SUCCESSFULLY_IMPORTED`) or not (`FAILURE`, `UNEXPECTED_ERROR`, `FAILED`…).
 */
import type * as AmsHttp from "@ams-effect/core/AmsHttp"
import * as AmsResponse from "@ams-effect/core/AmsResponse"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { V1StateFailed } from "../V1Error.js"

/** Whether a state says the operation worked: it names success and no error or failure. */
export const isSuccess = (state: string): boolean => /SUCCESS/i.test(state) && !/ERROR|FAIL/i.test(state)

const StateAnswer = Schema.Struct({
  state: Schema.String,
  message: Schema.optional(Schema.NullOr(Schema.String))
})

/**
 * Decodes a `{state, message}` answer (HTTP 200 required) and fails with `V1StateFailed` unless the state is a
 * success; `subject` says what the call was about ("event 123").
 */
export const expectSuccess = (response: AmsResponse.AmsResponse, subject: string) =>
  AmsResponse.expectStatus(response, 200).pipe(
    Effect.flatMap(AmsResponse.decode(StateAnswer)),
    Effect.flatMap((answer): Effect.Effect<string, V1StateFailed | AmsHttp.ReadError> =>
      isSuccess(answer.state)
        ? Effect.succeed(answer.message ?? "")
        : Effect.fail(
          new V1StateFailed({
            endpoint: response.request.endpoint,
            state: answer.state,
            // A server may echo the request (and its secrets) in its message
            serverMessage: AmsResponse.redactSecrets(response, answer.message ?? ""),
            subject
          })
        )
    )
  )
