/**
 * Where the AgileAssets AMS REST API v1 lives and how to authenticate to it, validated once.
 *
 * The base URL is `{server}/{instance}/rest/v1` (e.g. `https://host:8080/ams_dev/rest/v1`). API 1's
 * authentication is not publicly documented, so it is pluggable: none (as in the vendor's examples), HTTP Basic,
 * or a Bearer token — secrets `Redacted`. Plain `http://` with credentials to a non-loopback host is refused
 * unless `allowInsecure` is set. Invalid settings fail with a `ConfigError` naming the key.
 *
 * @since 0.1.0
 */
import * as Transport from "@ams-effect/core/Transport"
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"

/**
 * How calls authenticate: not at all, HTTP Basic, or a Bearer token. Secrets stay `Redacted`.
 *
 * @since 0.1.0
 * @category models
 */
export type Auth =
  | { readonly _tag: "None" }
  | { readonly _tag: "Basic"; readonly username: string; readonly password: Redacted.Redacted<string> }
  | { readonly _tag: "Bearer"; readonly token: Redacted.Redacted<string> }

/**
 * The validated connection settings.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** `{server}/{instance}/rest/v1`, without a trailing slash. */
  readonly baseUrl: string
  readonly auth: Auth
  readonly userAgent: string
  readonly timeout: Duration.Duration
}

/**
 * The AgileAssets connection settings, as a service.
 *
 * @since 0.1.0
 * @category tags
 */
export class AgileConfig extends Context.Tag("@ams-effect/agileassets/AgileConfig")<AgileConfig, Service>() {}

/**
 * What a program gives to connect: the API URL, the authentication and the transport settings.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** `{server}/{instance}/rest/v1`. */
  readonly url: string
  readonly auth?: Auth | undefined
  readonly userAgent?: string | undefined
  /** Per-attempt request timeout. Default 60 seconds. */
  readonly timeout?: Duration.DurationInput | undefined
  /** Allow credentials over plain `http://` to a non-loopback host. Default `false`. */
  readonly allowInsecure?: boolean | undefined
}

/**
 * The names under which each setting is reported in a `ConfigError`.
 *
 * @since 0.1.0
 * @category models
 */
export interface KeyNames {
  readonly url: string
  readonly auth: string
  readonly timeout: string
}

const optionKeys: KeyNames = { url: "url", auth: "auth", timeout: "timeout" }

/**
 * The environment variables read by {@link layerConfig}.
 *
 * @since 0.1.0
 * @category constants
 */
export const envKeys = {
  url: "AGILE_URL",
  username: "AGILE_USERNAME",
  password: "AGILE_PASSWORD",
  token: "AGILE_TOKEN",
  timeout: "AGILE_TIMEOUT",
  allowInsecure: "AGILE_ALLOW_INSECURE"
} as const

const isLoopback = (hostname: string) =>
  hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname)

const invalid = (key: string, message: string) => Effect.fail(ConfigError.InvalidData([key], message))

/**
 * Validates options into settings; `keys` names them in errors.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options, keys: KeyNames = optionKeys): Effect.Effect<Service, ConfigError.ConfigError> =>
  Effect.gen(function*() {
    if (typeof options !== "object" || options === null) {
      return yield* invalid("options", "must be an object of settings")
    }
    if (typeof options.url !== "string") {
      return yield* invalid(keys.url, "must be text, such as https://host/ams_dev/rest/v1")
    }
    const trimmed = options.url.trim().replace(/\/+$/, "")
    let url: URL
    try {
      url = new URL(trimmed)
    } catch {
      return yield* invalid(
        keys.url,
        `${JSON.stringify(options.url)} is not a URL such as https://host/ams_dev/rest/v1`
      )
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      return yield* invalid(keys.url, `${url.protocol} is not supported`)
    }
    // Port 0 means "any free port" to a server; no client can connect to it
    if (url.port === "0") return yield* invalid(keys.url, "port 0 is not a port a server listens on")
    if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
      return yield* invalid(keys.url, "must not contain credentials, a query or a fragment")
    }
    if (!/\/[^/]+\/rest\/v1$/i.test(url.pathname)) {
      return yield* invalid(keys.url, `${JSON.stringify(trimmed)} does not end in /{instance}/rest/v1`)
    }
    const auth = options.auth ?? { _tag: "None" }
    // Checked here rather than trusted to the types: an unknown kind would send no credentials at all
    if (auth._tag !== "None" && auth._tag !== "Basic" && auth._tag !== "Bearer") {
      return yield* invalid(
        keys.auth,
        `${JSON.stringify((auth as { _tag: unknown })._tag)} is not None, Basic or Bearer`
      )
    }
    if (auth._tag === "Basic" && (typeof auth.username !== "string" || !Redacted.isRedacted(auth.password))) {
      return yield* invalid(keys.auth, "Basic authentication needs a username (text) and a Redacted password")
    }
    if (auth._tag === "Bearer" && !Redacted.isRedacted(auth.token)) {
      return yield* invalid(keys.auth, "the Bearer token must be Redacted (Redacted.make(...))")
    }
    if (auth._tag === "Basic" && (auth.username.trim() === "" || Redacted.value(auth.password) === "")) {
      return yield* invalid(keys.auth, "Basic authentication needs a username and a password")
    }
    if (auth._tag === "Basic" && auth.username.includes(":")) {
      return yield* invalid(keys.auth, "the Basic username contains ':', which HTTP Basic authentication cannot carry")
    }
    if (auth._tag === "Bearer" && Redacted.value(auth.token).trim() === "") {
      return yield* invalid(keys.auth, "the Bearer token is empty")
    }
    const tokenProblem = auth._tag === "Bearer"
      ? Transport.headerValueProblem(Redacted.value(auth.token), "Authorization")
      : undefined
    if (tokenProblem !== undefined) return yield* invalid(keys.auth, `the Bearer token ${tokenProblem}`)
    if (
      auth._tag !== "None" && url.protocol === "http:" && !isLoopback(url.hostname) && options.allowInsecure !== true
    ) {
      return yield* invalid(
        keys.url,
        `refusing to send credentials over plain http:// to ${url.hostname}; use https://`
      )
    }
    const userAgent = options.userAgent ?? "ams-effect/0.1.0"
    const userAgentProblem = Transport.headerValueProblem(userAgent, "User-Agent")
    if (userAgentProblem !== undefined) return yield* invalid("userAgent", userAgentProblem)
    const timeout = Transport.decodeTimeout(options.timeout ?? "60 seconds")
    if (Either.isLeft(timeout)) return yield* invalid(keys.timeout, timeout.left)
    return {
      baseUrl: `${url.origin}${url.pathname}`,
      auth,
      userAgent,
      timeout: timeout.right
    }
  })

/**
 * Validates the options once and provides them as `AgileConfig`; invalid settings fail the layer with a `ConfigError`
 * naming the option.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<AgileConfig, ConfigError.ConfigError> =>
  Layer.effect(AgileConfig, make(options))

const optional = (name: string) => Config.string(name).pipe(Config.option, Config.map(Option.getOrUndefined))

/**
 * Reads `AGILE_URL`, and optionally `AGILE_TOKEN` (Bearer) or `AGILE_USERNAME` + `AGILE_PASSWORD` (Basic),
 * `AGILE_TIMEOUT` and `AGILE_ALLOW_INSECURE`.
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<Options> = Config.all({
  url: Config.string(envKeys.url),
  username: optional(envKeys.username),
  password: Config.redacted(envKeys.password).pipe(Config.option, Config.map(Option.getOrUndefined)),
  token: Config.redacted(envKeys.token).pipe(Config.option, Config.map(Option.getOrUndefined)),
  timeout: Config.duration(envKeys.timeout).pipe(Config.option, Config.map(Option.getOrUndefined)),
  allowInsecure: Config.boolean(envKeys.allowInsecure).pipe(Config.withDefault(false))
}).pipe(
  Config.mapOrFail(({ password, token, username, ...rest }) => {
    if (token !== undefined && (username !== undefined || password !== undefined)) {
      return Either.left(
        ConfigError.InvalidData(
          [envKeys.token],
          `set ${envKeys.token} or ${envKeys.username}/${envKeys.password}, not both`
        )
      )
    }
    if ((username === undefined) !== (password === undefined)) {
      return Either.left(
        ConfigError.MissingData(
          [username === undefined ? envKeys.username : envKeys.password],
          "Basic authentication needs both"
        )
      )
    }
    const auth: Auth = token !== undefined
      ? { _tag: "Bearer", token }
      : username !== undefined && password !== undefined
      ? { _tag: "Basic", username, password }
      : { _tag: "None" }
    return Either.right({ ...rest, auth })
  })
)

/**
 * The settings from a `Config` (by default {@link config}, the environment), validated with the environment
 * variable names in errors.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options: Config.Config<Options> = config
): Layer.Layer<AgileConfig, ConfigError.ConfigError> =>
  Layer.effect(
    AgileConfig,
    Effect.flatMap(options, (o) => make(o, { url: envKeys.url, auth: envKeys.token, timeout: envKeys.timeout }))
  )
