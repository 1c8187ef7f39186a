/**
 * The shared path of every v1 answer: HTTP 200 or a typed error, then JSON decoded by content (v1 answers
 * carry no Content-Type), an empty body standing for "nothing found".
 */
import type * as AmsHttp from "@ams-effect/core/AmsHttp"
import * as AmsResponse from "@ams-effect/core/AmsResponse"
import * as Effect from "effect/Effect"
import type * as Schema from "effect/Schema"

/** Decodes a v1 answer that must be HTTP 200; `empty` is what an empty body means. */
export const decodeOk = <A, I>(schema: Schema.Schema<A, I>, empty: () => unknown) => {
  const decode = AmsResponse.decode(schema, { onEmpty: empty })
  return (response: AmsResponse.AmsResponse): Effect.Effect<A, AmsHttp.ReadError> =>
    Effect.flatMap(AmsResponse.expectStatus(response, 200), decode)
}

/**
 * Like {@link decodeOk}, with a fast path for large answers: `fast` builds the answer from the parsed JSON when it
 * has the usual shape, and says `undefined` otherwise; the schema then decodes it, and names what is wrong.
 */
export const decodeOkFast = <A, I>(
  schema: Schema.Schema<A, I>,
  empty: () => A,
  fast: (json: unknown) => A | undefined
) =>
(response: AmsResponse.AmsResponse): Effect.Effect<A, AmsHttp.ReadError> =>
  Effect.flatMap(AmsResponse.expectStatus(response, 200), (ok) => {
    if (AmsResponse.isEmpty(ok)) return Effect.succeed(empty())
    return Effect.flatMap(AmsResponse.json(ok), (json) => {
      const built = fast(json)
      return built !== undefined ? Effect.succeed(built) : AmsResponse.decodeValue(ok, schema, json)
    })
  })
