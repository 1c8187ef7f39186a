/**
 * The shared path of every v1 answer: HTTP 200 or a typed error, then JSON decoded by content (v1 answers
 * carry no Content-Type), an empty body standing for "nothing found".
 */
import type * as AmsHttp from "@ams-effect/core/AmsHttp"
import * as AmsResponse from "@ams-effect/core/AmsResponse"
import * as Effect from "effect/Effect"
import type * as Schema from "effect/Schema"

/**
 * Decodes a v1 answer that must be HTTP 200; `empty` is what an empty body means; `fast` builds a large answer of the
 * usual shape directly (see `AmsResponse.decode`).
 */
export const decodeOk = <A, I>(
  schema: Schema.Schema<A, I>,
  empty: () => unknown,
  fast?: (json: unknown) => A | undefined
) => {
  const decode = AmsResponse.decode(schema, { onEmpty: empty, fast })
  return (response: AmsResponse.AmsResponse): Effect.Effect<A, AmsHttp.ReadError> =>
    // The usual 200 goes straight to the decoder: one step less on every call
    response.status === 200 ? decode(response) : Effect.flatMap(AmsResponse.expectStatus(response, 200), decode)
}
