/**
 * The shared path of every v1 answer: HTTP 200 or a typed error, then JSON decoded by content (v1 answers
 * carry no Content-Type), an empty body standing for "nothing found".
 */
import type * as AmsHttp from "@ams-effect/core/AmsHttp"
import * as AmsResponse from "@ams-effect/core/AmsResponse"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Schema from "effect/Schema"

/**
 * Decodes a v1 answer that must be HTTP 200 into what `project` takes from it: `empty` is what an empty body means;
 * `fast` builds a large answer of the usual shape directly (see `AmsResponse.decode`).
 */
export const decodeOk = <A, I, B>(
  schema: Schema.Schema<A, I>,
  options: {
    readonly empty: () => unknown
    readonly project: (answer: A) => B
    readonly fast?: (json: unknown) => A | undefined
  }
) => {
  const decode = AmsResponse.decode(schema, { onEmpty: options.empty, fast: options.fast })
  const project = (decoded: Effect.Effect<A, AmsHttp.ReadError>): Effect.Effect<B, AmsHttp.ReadError> =>
    // An answer decoded at once (the usual case) is projected at once too, rather than in a step of its own
    Exit.isExit(decoded)
      ? Exit.map(decoded as Exit.Exit<A, AmsHttp.ReadError>, options.project)
      : Effect.map(decoded, options.project)
  return (response: AmsResponse.AmsResponse): Effect.Effect<B, AmsHttp.ReadError> =>
    // The usual 200 goes straight to the decoder: one step less on every call
    response.status === 200
      ? project(decode(response))
      : project(Effect.flatMap(AmsResponse.expectStatus(response, 200), decode))
}
