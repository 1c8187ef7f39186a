/**
 * The AMS session: logs in with the v2 `user/loginUser` flow, keeps the token, and shares one login among
 * all callers.
 *
 * The login sends HTTP Basic and the JSON body `{username, password, loginProperties: {appName, clientTime}}`;
 * the answer carries the token in the `session-header` header and the `JSESSIONID` cookie. The token stays
 * `Redacted`. Concurrent first calls wait for the same login; a failed login is shared by those waiting for
 * it but never kept, so the next call tries again. `refresh` replaces a token the server no longer accepts.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as AmsConfig from "./AmsConfig.js"
import type {
  InvalidRequest,
  ResponseDecodeError,
  ServerError,
  Timeout,
  TransportError,
  UnexpectedResponse
} from "./AmsError.js"
import { AuthenticationFailed } from "./AmsError.js"
import * as AmsRequest from "./AmsRequest.js"
import * as AmsResponse from "./AmsResponse.js"
import * as RetryPolicy from "./RetryPolicy.js"
import * as Transport from "./Transport.js"

/**
 * Who is logged in, as the login answer says.
 *
 * @since 0.1.0
 * @category models
 */
export interface LoginInfo {
  /** The account's user id: what imports send as `enteredByUserId`. */
  readonly userId: number
  readonly username: string
  readonly applicationId: number
  readonly isAdmin: boolean
  readonly isCoach: boolean
  readonly isAthlete: boolean
  readonly permissions: ReadonlyArray<string>
  /** The per-login token (`user.skypeName`) that `/x/fileupload` wants as `session-token`. */
  readonly uploadToken: Option.Option<Redacted.Redacted<string>>
}

/**
 * A live session: the token and what the login said. `generation` tells one login from the next.
 *
 * @since 0.1.0
 * @category models
 */
export interface SessionToken {
  readonly token: Redacted.Redacted<string>
  readonly generation: number
  readonly info: LoginInfo
}

/**
 * What a login can fail with.
 *
 * @since 0.1.0
 * @category errors
 */
export type LoginError =
  | AuthenticationFailed
  | TransportError
  | Timeout
  | ServerError
  | UnexpectedResponse
  | ResponseDecodeError
  | InvalidRequest

/**
 * The shared login: the current token, a refresh when the server no longer accepts it, and a way to drop it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The current session, logging in first if there is none (one login shared by concurrent callers). */
  readonly current: Effect.Effect<SessionToken, LoginError>
  /**
   * The current session if there is one, read at once, with no login: `undefined` while there is none (before the
   * first login, during one, after `invalidate`). Like `Clock`'s `unsafeCurrentTimeMillis` beside
   * `currentTimeMillis`: for a caller that reads it on every call (the request pipeline), and runs `current` when
   * there is none.
   */
  readonly unsafeCurrent: () => SessionToken | undefined
  /** Drops `stale` if it is still the current session, then returns the current one (logging in again). */
  readonly refresh: (stale: SessionToken) => Effect.Effect<SessionToken, LoginError>
  /** Drops the current session; the next call logs in again. */
  readonly invalidate: Effect.Effect<void>
  /** How many successful logins this session service has made. */
  readonly loginCount: Effect.Effect<number>
}

/**
 * The session of one AMS connection, shared by every API client that uses it.
 *
 * @since 0.1.0
 * @category tags
 */
export class Session extends Context.Tag("@ams-effect/core/Session")<Session, Service>() {}

const LoginAnswer = Schema.Struct({
  isAthlete: Schema.Boolean,
  isCoach: Schema.Boolean,
  isAdmin: Schema.Boolean,
  applicationId: Schema.Number,
  permissions: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
  user: Schema.Struct({
    id: Schema.Number,
    username: Schema.String,
    skypeName: Schema.optional(Schema.NullOr(Schema.String))
  })
})

type State =
  | { readonly _tag: "Idle" }
  | { readonly _tag: "LoggingIn"; readonly deferred: Deferred.Deferred<SessionToken, LoginError> }
  | { readonly _tag: "Ready"; readonly session: SessionToken }

const idle: State = { _tag: "Idle" }

const pad = (n: number) => String(n).padStart(2, "0")

/** Local time as `YYYY-MM-DDTHH:MM:SS`, the form the Python client sends as `clientTime`. */
const clientTime = (millis: number): string => {
  const d = new Date(millis)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${
    pad(d.getSeconds())
  }`
}

const sessionCookie = /JSESSIONID=([^;,\s]+)/

/**
 * Builds the session service. Logins run in the service's scope, so a caller that is interrupted does not
 * abort a login others are waiting for.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, AmsConfig.AmsConfig | HttpClient.HttpClient | Scope.Scope> = Effect
  .gen(
    function*() {
      const config = yield* AmsConfig.AmsConfig
      const transport = Transport.make(
        AmsConfig.transportSettings(config),
        yield* HttpClient.HttpClient,
        yield* RetryPolicy.RetryPolicy
      )
      const scope = yield* Effect.scope
      // A plain cell rather than a `Ref`: every change is one synchronous step, and reading it is then no step at all
      // on the path every call takes
      let state: State = idle
      const logins = yield* Ref.make(0)

      const authenticationFailed = (response: AmsResponse.AmsResponse, fields: {
        readonly reason: "InvalidCredentials" | "LoginRejected"
        readonly exceptionType?: string | undefined
        readonly detail?: string | undefined
      }) =>
        new AuthenticationFailed({
          endpoint: response.request.endpoint,
          method: response.request.method,
          url: response.url,
          username: config.username,
          status: response.status,
          ...fields
        })

      const login = Effect.gen(function*() {
        const now = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
        const response = yield* transport.send(
          AmsRequest.read("v2", "user/loginUser", {
            username: config.username,
            password: config.password,
            loginProperties: { appName: config.site, clientTime: clientTime(now) }
          }),
          AmsConfig.basicCredentials(config)
        )
        if (response.status === 401 || response.status === 403) {
          return yield* authenticationFailed(response, { reason: "InvalidCredentials" })
        }
        yield* AmsResponse.expectStatus(response, 200)
        const rpc = AmsResponse.rpcException(response)
        if (Option.isSome(rpc)) {
          return yield* authenticationFailed(response, {
            reason: "LoginRejected",
            exceptionType: rpc.value.exceptionType,
            detail: rpc.value.detailMessage
          })
        }
        const answer = yield* AmsResponse.decode(LoginAnswer)(response)
        const token = response.headers["session-header"] ??
          sessionCookie.exec(response.headers["set-cookie"] ?? "")?.[1]
        if (token === undefined || token === "") {
          return yield* AmsResponse.unexpected(response, "a session token in the session-header header")
        }
        const generation = yield* Ref.updateAndGet(logins, (n) => n + 1)
        yield* Effect.logInfo(`Logged in to AMS as ${config.username}`).pipe(
          Effect.annotateLogs({ "ams.site": config.site, "ams.userId": answer.user.id })
        )
        return {
          token: Redacted.make(token),
          generation,
          info: {
            userId: answer.user.id,
            username: answer.user.username,
            applicationId: answer.applicationId,
            isAdmin: answer.isAdmin,
            isCoach: answer.isCoach,
            isAthlete: answer.isAthlete,
            permissions: answer.permissions,
            uploadToken: Option.map(Option.fromNullable(answer.user.skypeName), Redacted.make)
          }
        } satisfies SessionToken
      }).pipe(Effect.withSpan("ams.session.login", { attributes: { "ams.site": config.site } }))

      const settle = (deferred: Deferred.Deferred<SessionToken, LoginError>) =>
        Effect.flatMap(Effect.exit(login), (exit) =>
          Effect.zipRight(
            Effect.sync(() => {
              state = Exit.isSuccess(exit) ? { _tag: "Ready", session: exit.value } : idle
            }),
            Deferred.done(deferred, exit)
          ))

      /** The session once there is one; else a login, shared by every caller that waits for one meanwhile. */
      const loggedIn: Effect.Effect<SessionToken, LoginError> = Effect.uninterruptibleMask((restore) =>
        Effect.gen(function*() {
          const deferred = yield* Deferred.make<SessionToken, LoginError>()
          const before = yield* Effect.sync(() => {
            const held = state
            if (held._tag === "Idle") state = { _tag: "LoggingIn", deferred }
            return held
          })
          switch (before._tag) {
            case "Ready":
              return before.session
            case "LoggingIn":
              return yield* restore(Deferred.await(before.deferred))
            case "Idle":
              yield* Effect.forkIn(settle(deferred), scope)
              return yield* restore(Deferred.await(deferred))
          }
        })
      )

      const current: Effect.Effect<SessionToken, LoginError> = Effect.suspend(() =>
        state._tag === "Ready" ? Effect.succeed(state.session) : loggedIn
      )

      const refresh = (stale: SessionToken) =>
        Effect.zipRight(
          Effect.sync(() => {
            if (state._tag === "Ready" && state.session.generation === stale.generation) state = idle
          }),
          current
        )

      return {
        current,
        unsafeCurrent: () => state._tag === "Ready" ? state.session : undefined,
        refresh,
        invalidate: Effect.sync(() => {
          if (state._tag === "Ready") state = idle
        }),
        loginCount: Ref.get(logins)
      }
    }
  )

/**
 * A session that logs in on first use, given an `AmsConfig` and an `HttpClient`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Session, never, AmsConfig.AmsConfig | HttpClient.HttpClient> = Layer.scoped(
  Session,
  make
)
