/**
 * The one request pipeline of every Smartabase API version: URL (`{site}/api/{v}/{path}`, with
 * `informat=json&format=json` for v1 and v2), headers, credentials, a span per call, a per-attempt timeout and
 * the transient-retry policy. It also keeps the session alive: an answer that says the session is gone (401,
 * 403, or v2's `SessionExpiredException`) makes it log in again and repeat the call once; a second refusal is
 * `AuthenticationFailed` (401) or `AccessDenied` (403).
 *
 * It never decides what a 200 means: each version's convention does, on the `AmsResponse` it returns.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as AmsConfig from "./AmsConfig.js"
import type {
  InvalidRequest,
  OutcomeUnknown,
  ResponseDecodeError,
  ServerError,
  Timeout,
  TransportError,
  UnexpectedResponse
} from "./AmsError.js"
import { AccessDenied, AuthenticationFailed } from "./AmsError.js"
import type { AmsRequest } from "./AmsRequest.js"
import * as AmsResponse from "./AmsResponse.js"
import * as RetryPolicy from "./RetryPolicy.js"
import * as Session from "./Session.js"
import * as Transport from "./Transport.js"

/**
 * What any call that only reads can fail with.
 *
 * @since 0.1.0
 * @category errors
 */
export type ReadError =
  | AuthenticationFailed
  | AccessDenied
  | TransportError
  | Timeout
  | ServerError
  | UnexpectedResponse
  | ResponseDecodeError
  | InvalidRequest

/**
 * What a call that changes data can fail with: a read's errors, and `OutcomeUnknown`.
 *
 * @since 0.1.0
 * @category errors
 */
export type WriteError = ReadError | OutcomeUnknown

/**
 * The errors of a request, by whether it is idempotent.
 *
 * @since 0.1.0
 * @category errors
 */
export type ErrorFor<Idempotent extends boolean> = [Idempotent] extends [true] ? ReadError : WriteError

/**
 * The pipeline's one operation: send a request with the current credentials and return the raw answer.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * Sends the request with the session (or Basic for v1 when configured) and returns the raw answer; or, given
   * `decode`, what `decode` makes of it. `execute(request, decode)` is `execute(request).pipe(Effect.flatMap(decode))`
   * in one step fewer: the answer is decoded in the same step that checks it was not a refused session.
   */
  readonly execute: {
    <Idempotent extends boolean>(request: AmsRequest<Idempotent>): Effect.Effect<
      AmsResponse.AmsResponse,
      ErrorFor<Idempotent>
    >
    <Idempotent extends boolean, A, E>(
      request: AmsRequest<Idempotent>,
      decode: (response: AmsResponse.AmsResponse) => Effect.Effect<A, E>
    ): Effect.Effect<A, ErrorFor<Idempotent> | E>
  }
  /**
   * Like `execute`, but a 2xx answer comes as a `Transport.StreamingResponse` whose body is read as it arrives, for
   * answers too large to hold at once (a synchronise of a whole history). Other statuses come read.
   */
  readonly executeStream: <Idempotent extends boolean>(
    request: AmsRequest<Idempotent>
  ) => Effect.Effect<AmsResponse.AmsResponse | Transport.StreamingResponse, ErrorFor<Idempotent>>
}

/**
 * The request pipeline shared by every API client of a connection.
 *
 * @since 0.1.0
 * @category tags
 */
export class AmsHttp extends Context.Tag("@ams-effect/core/AmsHttp")<AmsHttp, Service>() {}

const expiredRpcTypes = /^(SessionExpired|InvalidSession|NotLoggedIn)/

/**
 * Whether an answer says the session is no longer accepted: 401, 403 (the server may answer 403 to a stale
 * session), or v2's 200 with a session-expired RPC exception.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isSessionRefused = (response: AmsResponse.AmsResponse): boolean =>
  response.status === 401 || response.status === 403 || (
    response.request.api === "v2" && response.status === 200 &&
    Option.exists(AmsResponse.rpcException(response), (rpc) => expiredRpcTypes.test(rpc.exceptionType))
  )

/**
 * Builds the pipeline from the connection settings, the session, the retry policy and an `HttpClient`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, AmsConfig.AmsConfig | Session.Session | HttpClient.HttpClient> = Effect
  .gen(
    function*() {
      const config = yield* AmsConfig.AmsConfig
      const session = yield* Session.Session
      const transport = Transport.make(
        AmsConfig.transportSettings(config),
        yield* HttpClient.HttpClient,
        yield* RetryPolicy.RetryPolicy
      )

      const refused = (
        response: AmsResponse.AmsResponse,
        reason: "SessionRejected" | "BasicRejected"
      ): Effect.Effect<never, AuthenticationFailed | AccessDenied> => {
        const where = {
          endpoint: response.request.endpoint,
          method: response.request.method,
          url: response.url,
          username: config.username,
          status: response.status
        }
        return response.status === 403
          ? Effect.fail(new AccessDenied(where))
          : Effect.fail(new AuthenticationFailed({ ...where, reason }))
      }

      type Sender = <Idempotent extends boolean>(
        request: AmsRequest<Idempotent>,
        credentials: Transport.Credentials
      ) => Effect.Effect<AmsResponse.AmsResponse | Transport.StreamingResponse, Transport.SendError<Idempotent>>

      /** A streamed answer is a 2xx: only a read answer can say the session was refused. */
      const isRefused = (response: AmsResponse.AmsResponse | Transport.StreamingResponse) =>
        typeof response.body === "string" && isSessionRefused(response as AmsResponse.AmsResponse)

      /** What the caller makes of an answer that is not a refusal: its decoding, or the answer itself. */
      type Then<A, E> = (response: AmsResponse.AmsResponse | Transport.StreamingResponse) => Effect.Effect<A, E>

      const withBasic = <Idempotent extends boolean, A, E>(
        request: AmsRequest<Idempotent>,
        send: Sender,
        then: Then<A, E>
      ) =>
        Effect.flatMap(
          send(request, AmsConfig.basicCredentials(config)),
          (response): Effect.Effect<A, E | AuthenticationFailed | AccessDenied> =>
            isRefused(response) ? refused(response as AmsResponse.AmsResponse, "BasicRejected") : then(response)
        )

      const withSession = <Idempotent extends boolean, A, E>(
        request: AmsRequest<Idempotent>,
        send: Sender,
        then: Then<A, E>
      ) => {
        const sendWith = (current: Session.SessionToken) =>
          send(
            request.bodyForSession === undefined ? request : { ...request, body: request.bodyForSession(current) },
            { _tag: "Session", token: current.token }
          )
        const again = (stale: Session.SessionToken, first: AmsResponse.AmsResponse) =>
          Effect.logInfo(`AMS refused the session on ${request.endpoint} (HTTP ${first.status}); logging in again`)
            .pipe(
              Effect.zipRight(Effect.flatMap(session.refresh(stale), sendWith)),
              Effect.flatMap((second): Effect.Effect<A, E | AuthenticationFailed | AccessDenied> =>
                isRefused(second) ? refused(second as AmsResponse.AmsResponse, "SessionRejected") : then(second)
              )
            )
        const sendChecked = (current: Session.SessionToken) =>
          Effect.flatMap(
            sendWith(current),
            (first): Effect.Effect<A, E | Transport.SendError<Idempotent> | Session.LoginError | AccessDenied> =>
              isRefused(first) ? again(current, first as AmsResponse.AmsResponse) : then(first)
          )
        // Plain functions rather than a generator: this runs on every call. The session is read at once when there
        // is one, and the answer checked and decoded in one step
        return Effect.suspend(() => {
          const current = session.unsafeCurrent()
          return current === undefined ? Effect.flatMap(session.current, sendChecked) : sendChecked(current)
        })
      }

      const run = <Idempotent extends boolean, A, E>(
        request: AmsRequest<Idempotent>,
        send: Sender,
        then: Then<A, E>
      ) =>
        request.api === "v1" && config.v1Auth === "basic"
          ? withBasic(request, send, then)
          : withSession(request, send, then)

      const execute = <Idempotent extends boolean, A, E>(
        request: AmsRequest<Idempotent>,
        decode?: (response: AmsResponse.AmsResponse) => Effect.Effect<A, E>
      ) => run(request, transport.send, (decode ?? Effect.succeed) as Then<A, E>)

      const executeStream = <Idempotent extends boolean>(request: AmsRequest<Idempotent>) =>
        run(request, transport.sendStream, Effect.succeed) as Effect.Effect<
          AmsResponse.AmsResponse | Transport.StreamingResponse,
          ErrorFor<Idempotent>
        >

      return { execute: execute as Service["execute"], executeStream }
    }
  )

/**
 * The pipeline, given a `Session`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<AmsHttp, never, AmsConfig.AmsConfig | Session.Session | HttpClient.HttpClient> = Layer
  .effect(
    AmsHttp,
    make
  )

/**
 * The pipeline with its own `Session`: what most programs provide, with an `AmsConfig` and an `HttpClient`.
 *
 * @example
 * ```ts
 * import { AmsConfig, AmsHttp } from "@ams-effect/core"
 * import { V1Client } from "@ams-effect/v1"
 * import { V3Client } from "@ams-effect/v3"
 * import { NodeHttpClient } from "@effect/platform-node"
 * import type { ConfigError } from "effect"
 * import { Console, Effect, Layer } from "effect"
 *
 * // One login, shared by the v1 and v3 clients (and renewed for both when it expires)
 * const AmsLive = Layer.mergeAll(V1Client.layer, V3Client.layer).pipe(
 *   Layer.provide(AmsHttp.layerWithSession),
 *   Layer.provide(AmsConfig.layerConfig()),
 *   Layer.provide(NodeHttpClient.layerUndici)
 * )
 *
 * const program = Effect.gen(function*() {
 *   const v1 = yield* V1Client.V1Client
 *   const v3 = yield* V3Client.V3Client
 *   yield* Console.log(yield* v1.listGroups)
 *   yield* Console.log(yield* v3.formSummaries)
 * })
 *
 * // Nothing left to provide: run it with NodeRuntime.runMain(main)
 * const main: Effect.Effect<void, AmsHttp.ReadError | V3Client.ReadError | ConfigError.ConfigError> = program
 *   .pipe(Effect.provide(AmsLive))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerWithSession: Layer.Layer<
  AmsHttp | Session.Session,
  never,
  AmsConfig.AmsConfig | HttpClient.HttpClient
> = layer
  .pipe(Layer.provideMerge(Session.layer))
