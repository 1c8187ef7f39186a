/**
 * The v2 convention, in one place: HTTP 200 for success and failure alike; a failure is an RPC exception envelope,
 * checked before anything else; a success is the data itself (or, for some calls, an empty body).
 */
import type * as AmsHttp from "@ams-effect/core/AmsHttp"
import * as AmsResponse from "@ams-effect/core/AmsResponse"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Schema from "effect/Schema"
import { V2RpcException } from "../V2Error.js"

/** The RPC exception an answer carries, as a failure; HTTP 200 required. */
const rejectRpcException = (
  response: AmsResponse.AmsResponse
): Effect.Effect<void, V2RpcException | AmsHttp.ReadError> =>
  Effect.flatMap(AmsResponse.expectStatus(response, 200), () =>
    Option.match(AmsResponse.rpcException(response), {
      onNone: () => Effect.void,
      onSome: (rpc) =>
        Effect.fail(
          new V2RpcException({
            endpoint: response.request.endpoint,
            exceptionType: rpc.exceptionType,
            detailMessage: rpc.detailMessage,
            cause: rpc.cause
          })
        )
    }))

/** Decodes a v2 answer with `schema`, after the RPC exception check. */
export const decode = <A, I>(schema: Schema.Schema<A, I>) => {
  const decodeBody = AmsResponse.decode(schema)
  return (response: AmsResponse.AmsResponse): Effect.Effect<A, V2RpcException | AmsHttp.ReadError> =>
    Effect.zipRight(rejectRpcException(response), decodeBody(response))
}

/** A v2 answer that succeeds with an empty body (`event/deleteAll`); any other body is unexpected. */
export const expectEmpty = (
  response: AmsResponse.AmsResponse
): Effect.Effect<void, V2RpcException | AmsHttp.ReadError> =>
  Effect.zipRight(
    rejectRpcException(response),
    AmsResponse.isEmpty(response) ? Effect.void : Effect.fail(AmsResponse.unexpected(response, "an empty body"))
  )
