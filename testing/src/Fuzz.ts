/**
 * What the packages' property tests share: garbage answers (from `@ams-effect/simulator/Garbage`) fed to a client
 * either through a fake pipeline (fast, many runs) or over real HTTP from the garbage server, and the one property
 * they all check — a value or an allowed typed error, never a defect, never a hang.
 */
import * as AmsConfig from "@ams-effect/core/AmsConfig"
import * as AmsHttp from "@ams-effect/core/AmsHttp"
import type * as AmsRequest from "@ams-effect/core/AmsRequest"
import type * as AmsResponse from "@ams-effect/core/AmsResponse"
import * as RetryPolicy from "@ams-effect/core/RetryPolicy"
import type * as Session from "@ams-effect/core/Session"
import type * as Transport from "@ams-effect/core/Transport"
import * as Garbage from "@ams-effect/simulator/Garbage"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Headers from "@effect/platform/Headers"
import { expect, layer } from "@effect/vitest"
import type * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import * as FastCheck from "effect/FastCheck"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"

/** An answer as the pipeline hands it over. */
export interface Reply {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** A garbage answer, its body built around `shapes` (the valid answers of the endpoint under test). */
export const reply = (
  shapes: ReadonlyArray<unknown>,
  status: FastCheck.Arbitrary<number> = Garbage.status
): FastCheck.Arbitrary<Reply> => FastCheck.record({ status, headers: Garbage.headers, body: Garbage.bodyText(shapes) })

/** One to three answers, given in turn to the requests of one call. */
export const replies = (shapes: ReadonlyArray<unknown>, status?: FastCheck.Arbitrary<number>) =>
  FastCheck.array(reply(shapes, status), { minLength: 1, maxLength: 3 })

/** A reply as the response to `request`. */
export const toResponse = (
  request: AmsRequest.AmsRequest,
  { body, headers, status }: Reply
): AmsResponse.AmsResponse => ({
  request,
  url: `https://example.smartabase.com/site/api/${request.endpoint}`,
  status,
  headers: Headers.fromInput(headers),
  body,
  attempts: 1
})

/** A 2xx answer as the pipeline streams it: the body's bytes in three pieces, cut anywhere (inside a character too). */
const streamed = ({ body, ...response }: AmsResponse.AmsResponse): Transport.StreamingResponse => {
  const bytes = new TextEncoder().encode(body)
  const third = Math.ceil(bytes.length / 3)
  return {
    ...response,
    body: Stream.make(bytes.subarray(0, third), bytes.subarray(third, 2 * third), bytes.subarray(2 * third))
  }
}

/** A pipeline that answers the i-th request with the i-th reply (cycling); `executeStream` streams a 2xx body. */
export const fakeHttp = (given: ReadonlyArray<Reply>): AmsHttp.Service => {
  let calls = 0
  const next = (request: AmsRequest.AmsRequest) => toResponse(request, given[calls++ % given.length]!)
  const execute = (
    request: AmsRequest.AmsRequest,
    decode?: (response: AmsResponse.AmsResponse) => Effect.Effect<unknown, unknown>
  ) => Effect.flatMap(Effect.sync(() => next(request)), decode ?? Effect.succeed)
  return {
    execute: execute as AmsHttp.Service["execute"],
    executeStream: (request) =>
      Effect.sync(() => {
        const response = next(request)
        return response.status >= 200 && response.status < 300 ? streamed(response) : response
      })
  }
}

const token: Session.SessionToken = {
  token: Redacted.make("token"),
  generation: 1,
  info: {
    userId: 7,
    username: "coach",
    applicationId: 1,
    isAdmin: false,
    isCoach: true,
    isAthlete: false,
    permissions: [],
    uploadToken: Option.some(Redacted.make("upload"))
  }
}

/** A session that is always logged in. */
export const session: Session.Service = {
  current: Effect.succeed(token),
  unsafeCurrent: () => token,
  refresh: () => Effect.succeed(token),
  invalidate: Effect.void,
  loginCount: Effect.succeed(1)
}

/** Runs `effect` and checks the property: a value or an `allowed` error, never a defect, within `quickMillis`. */
export const check = <A, E>(
  effect: Effect.Effect<A, E>,
  allowed: ReadonlyArray<string>,
  quickMillis = 2_000
): Exit.Exit<A, E> => {
  const started = performance.now()
  const exit = Effect.runSyncExit(effect)
  expect(Garbage.problem(exit, allowed)).toBeUndefined()
  expect(performance.now() - started).toBeLessThan(quickMillis)
  return exit
}

/** The errors every Smartabase read can end in. */
export const amsReadErrors: ReadonlyArray<string> = [
  "AuthenticationFailed",
  "AccessDenied",
  "TransportError",
  "Timeout",
  "ServerError",
  "UnexpectedResponse",
  "ResponseDecodeError",
  "InvalidRequest"
]

/** A client layer over real HTTP to the garbage server: no retries, no log output. */
export const wireLayer = <A, E, R>(client: Layer.Layer<A, E, R>) =>
  client.pipe(
    Layer.provideMerge(RetryPolicy.layer({ maxRetries: 0 })),
    Layer.provideMerge(NodeHttpClient.layerUndici),
    Layer.provideMerge(Garbage.layer),
    Layer.merge(Logger.remove(Logger.defaultLogger))
  )

/** The Smartabase pipeline configured against the garbage server (a short timeout; Basic for v1 when asked). */
export const amsWireLayer = (options: { readonly v1Auth?: AmsConfig.V1Auth } = {}) =>
  AmsHttp.layerWithSession.pipe(
    Layer.provideMerge(
      Layer.unwrapEffect(Effect.map(Garbage.GarbageServer, (server) =>
        AmsConfig.layer({
          url: `${server.url}/site`,
          username: "coach",
          password: Redacted.make("secret"),
          timeout: "2 seconds",
          v1Auth: options.v1Auth ?? "session"
        }))).pipe(Layer.orDie)
    )
  )

/** One family of calls of a wire suite: the valid answers to build garbage from, the errors allowed, the call. */
export interface Family<S> {
  readonly name: string
  readonly shapes: ReadonlyArray<unknown>
  readonly allowed: ReadonlyArray<string>
  readonly call: (client: S) => Effect.Effect<unknown, unknown>
}

const isLogin = (request: Garbage.ReceivedRequest) => request.url.includes("/api/v2/user/loginUser")

/**
 * A suite of wire-level properties: for each family, the server answers garbage (and a valid login, with
 * `login: true`), and the call ends in a value or an allowed error within five seconds, never a defect.
 */
export const wireSuite = <I, S, E>(
  name: string,
  client: Layer.Layer<I | Garbage.GarbageServer, E, never>,
  tag: Context.Tag<I, S>,
  families: ReadonlyArray<Family<S>>,
  options: { readonly numRuns: number; readonly login?: boolean }
) =>
  layer(client, { excludeTestServices: true })(name, (it) => {
    for (const family of families) {
      it.effect.prop(
        `${family.name}: a value or ${family.allowed.join(" | ")}`,
        [Garbage.reply(family.shapes)],
        ([answer]) =>
          Effect.gen(function*() {
            const server = yield* Garbage.GarbageServer
            yield* server.answer((
              request
            ) => (options.login === true && isLogin(request) ? Garbage.loginReply : answer))
            const service = yield* tag
            const exit = yield* Effect.exit(Effect.timeout(family.call(service), "5 seconds"))
            expect(Garbage.problem(exit, family.allowed)).toBeUndefined()
          }),
        { fastCheck: { numRuns: options.numRuns } }
      )
    }
  })
