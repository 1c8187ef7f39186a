/**
 * Where and as whom to connect: the site URL, the API account and the transport settings, validated once.
 *
 * A site URL is `https://{server}/{site}`; the site (Smartabase's "appName") is its last path segment. Plain
 * `http://` is refused for anything but a loopback host unless `allowInsecure` is set, because HTTP Basic
 * credentials would travel in clear. Invalid settings fail with a `ConfigError` that names the key.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as AmsRequest from "./AmsRequest.js"
import * as Transport from "./Transport.js"

/**
 * How v1 calls authenticate: with the session of the v2 login (`"session"`, the default, like the Python
 * client) or with HTTP Basic on every call (`"basic"`, like the R client; no login, no session expiry).
 *
 * @since 0.1.0
 * @category models
 */
export type V1Auth = "session" | "basic"

/**
 * The validated connection settings.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** `https://server/site`, without a trailing slash. */
  readonly siteUrl: string
  /** The server part of the site URL (`https://server`), where `/x/fileupload` lives. */
  readonly serverUrl: string
  /** The site ("appName"), the last path segment of the site URL. */
  readonly site: string
  readonly username: string
  readonly password: Redacted.Redacted<string>
  /** Sent as `X-APP-ID` so that Teamworks support can identify the integration. */
  readonly appId: Option.Option<string>
  readonly userAgent: string
  /** Limit for one attempt of one request, body included. */
  readonly timeout: Duration.Duration
  readonly v1Auth: V1Auth
}

/**
 * The connection settings, as a service.
 *
 * @since 0.1.0
 * @category tags
 */
export class AmsConfig extends Context.Tag("@ams-effect/core/AmsConfig")<AmsConfig, Service>() {}

/**
 * What a program gives to connect. Either `url` (the site URL) or `server` + `site`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** The site URL, `https://server/site`. `https://` is assumed when no scheme is given. */
  readonly url?: string | undefined
  /** The server (`https://example.smartabase.com`), used with `site` when `url` is not given. */
  readonly server?: string | undefined
  readonly site?: string | undefined
  /** The login name of the API account (not its e-mail address). */
  readonly username: string
  readonly password: Redacted.Redacted<string>
  readonly appId?: string | undefined
  /** Default `ams-effect/0.1.0`. */
  readonly userAgent?: string | undefined
  /** Per-attempt request timeout. Default 60 seconds. */
  readonly timeout?: Duration.DurationInput | undefined
  /** Allow plain `http://` to a non-loopback host. Default `false`. */
  readonly allowInsecure?: boolean | undefined
  /** Default `"session"`. */
  readonly v1Auth?: V1Auth | undefined
}

/**
 * The names under which each option is reported in a `ConfigError`.
 *
 * @since 0.1.0
 * @category models
 */
export type KeyNames = { readonly [K in keyof Required<Options>]: string }

const optionKeys: KeyNames = {
  url: "url",
  server: "server",
  site: "site",
  username: "username",
  password: "password",
  appId: "appId",
  userAgent: "userAgent",
  timeout: "timeout",
  allowInsecure: "allowInsecure",
  v1Auth: "v1Auth"
}

/**
 * The environment variables read by {@link layerConfig}.
 *
 * @since 0.1.0
 * @category constants
 */
export const envKeys: KeyNames = {
  url: "AMS_URL",
  server: "AMS_SERVER",
  site: "AMS_SITE",
  username: "AMS_USERNAME",
  password: "AMS_PASSWORD",
  appId: "AMS_APP_ID",
  userAgent: "AMS_USER_AGENT",
  timeout: "AMS_TIMEOUT",
  allowInsecure: "AMS_ALLOW_INSECURE",
  v1Auth: "AMS_V1_AUTH"
}

const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]", "::1"])
const isLoopback = (hostname: string) => loopbackHosts.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname)

const invalid = (key: string, message: string) => ConfigError.InvalidData([key], message)

const parseSiteUrl = (
  options: Options,
  keys: KeyNames
): Either.Either<{ siteUrl: string; serverUrl: string; site: string }, ConfigError.ConfigError> => {
  const fromParts = options.url === undefined
  if (fromParts && (options.server === undefined || options.site === undefined)) {
    return Either.left(
      ConfigError.MissingData(
        [keys.url],
        `Expected ${keys.url} (https://server/site), or both ${keys.server} and ${keys.site}`
      )
    )
  }
  const key = fromParts ? keys.server : keys.url
  // A caller without the types may pass anything
  for (const [name, value] of [[key, fromParts ? options.server : options.url], [keys.site, options.site]] as const) {
    if (value !== undefined && typeof value !== "string") return Either.left(invalid(name, "must be text"))
  }
  const trimmed = (fromParts ? options.server! : options.url!).trim().replace(/\/+$/, "")
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`
  let parsed: URL
  try {
    parsed = new URL(withScheme)
  } catch {
    return Either.left(invalid(key, `${JSON.stringify(trimmed)} is not a valid URL`))
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    return Either.left(invalid(key, `${parsed.protocol} is not supported; use https://`))
  }
  // Port 0 means "any free port" to a server; no client can connect to it
  if (parsed.port === "0") return Either.left(invalid(key, "port 0 is not a port a server listens on"))
  if (parsed.search !== "" || parsed.hash !== "" || parsed.username !== "" || parsed.password !== "") {
    return Either.left(invalid(key, "must not contain credentials, a query or a fragment"))
  }
  if (parsed.protocol === "http:" && !isLoopback(parsed.hostname) && options.allowInsecure !== true) {
    return Either.left(invalid(
      key,
      `refusing plain http:// to ${parsed.hostname}: the password would travel in clear. Use https://, or set ` +
        `${keys.allowInsecure} to allow it`
    ))
  }
  const segments = parsed.pathname.split("/").filter((s) => s !== "")
  const named = fromParts ? siteGivenAlone(options.site!, keys) : siteOfUrl(segments.pop(), trimmed, key)
  if (Either.isLeft(named)) return Either.left(named.left)
  const serverUrl = `${parsed.origin}${segments.map((s) => `/${s}`).join("")}`
  return Either.right({ siteUrl: `${serverUrl}/${named.right.segment}`, serverUrl, site: named.right.site })
}

/** A site's name, and the path segment that carries it (percent-encoded). */
interface SiteName {
  readonly site: string
  readonly segment: string
}

/** A site name names one path segment: not empty, not `.` or `..`, no `/`, `?`, `#` or `\`. */
const isSiteName = (site: string) => site !== "" && !AmsRequest.isDotSegment(site) && !/[/?#\\]/.test(site)

/** The site given alone (`site`, `AMS_SITE`), encoded into the segment of the URL. */
const siteGivenAlone = (given: string, keys: KeyNames): Either.Either<SiteName, ConfigError.ConfigError> => {
  const site = given.trim().replace(/^\/+|\/+$/g, "")
  const notASite = invalid(keys.site, `${JSON.stringify(given)} is not a site name`)
  if (!isSiteName(site)) return Either.left(notASite)
  // encodeURIComponent throws on a lone UTF-16 surrogate
  return Either.try({ try: () => ({ site, segment: encodeURIComponent(site) }), catch: () => notASite })
}

/** The site named by the URL's last path segment, decoded. */
const siteOfUrl = (
  segment: string | undefined,
  url: string,
  key: string
): Either.Either<SiteName, ConfigError.ConfigError> => {
  if (segment === undefined) {
    return Either.left(invalid(key, `${JSON.stringify(url)} has no site segment (expected https://server/site)`))
  }
  const notASite = invalid(key, `its last segment ${JSON.stringify(segment)} is not a site name`)
  // decodeURIComponent throws on a broken escape (`%ZZ`)
  return Either.try({ try: () => decodeURIComponent(segment), catch: () => notASite }).pipe(
    Either.filterOrLeft(isSiteName, () => notASite),
    Either.map((site) => ({ site, segment }))
  )
}

/**
 * Validates options into the connection settings. `keys` names each option in errors (option names by
 * default, environment variable names for {@link layerConfig}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options, keys: KeyNames = optionKeys): Effect.Effect<Service, ConfigError.ConfigError> =>
  Effect.gen(function*() {
    if (typeof options !== "object" || options === null) {
      return yield* Effect.fail(invalid("options", "must be an object of settings"))
    }
    const { serverUrl, site, siteUrl } = yield* parseSiteUrl(options, keys)
    // Checked here rather than trusted to the types: a caller without them may pass anything
    if (typeof options.username !== "string") return yield* Effect.fail(invalid(keys.username, "must be text"))
    if (!Redacted.isRedacted(options.password)) {
      return yield* Effect.fail(
        invalid(keys.password, "must be Redacted (Redacted.make(...)), so that it is shown nowhere")
      )
    }
    const username = options.username.trim()
    if (username === "") return yield* Effect.fail(invalid(keys.username, "must not be empty"))
    if (username.includes(":")) {
      return yield* Effect.fail(
        invalid(keys.username, "must not contain ':', which HTTP Basic authentication (used to log in) cannot carry")
      )
    }
    if (Redacted.value(options.password) === "") return yield* Effect.fail(invalid(keys.password, "must not be empty"))
    const timeout = Transport.decodeTimeout(options.timeout ?? "60 seconds")
    if (Either.isLeft(timeout)) return yield* Effect.fail(invalid(keys.timeout, timeout.left))
    const v1Auth = options.v1Auth ?? "session"
    if (v1Auth !== "session" && v1Auth !== "basic") {
      return yield* Effect.fail(invalid(keys.v1Auth, `must be "session" or "basic"`))
    }
    const appId = options.appId?.trim()
    const appIdProblem = appId === undefined ? undefined : Transport.headerValueProblem(appId, "X-APP-ID")
    if (appIdProblem !== undefined) return yield* Effect.fail(invalid(keys.appId, appIdProblem))
    const userAgent = options.userAgent ?? "ams-effect/0.1.0"
    const userAgentProblem = Transport.headerValueProblem(userAgent, "User-Agent")
    if (userAgentProblem !== undefined) return yield* Effect.fail(invalid(keys.userAgent, userAgentProblem))
    return {
      siteUrl,
      serverUrl,
      site,
      username,
      password: options.password,
      appId: appId === undefined || appId === "" ? Option.none() : Option.some(appId),
      userAgent,
      timeout: timeout.right,
      v1Auth
    }
  })

/**
 * The URL of a Smartabase request: `{site}/api/{version}/{path}`, with `informat=json&format=json` for v1 and v2;
 * server-rooted requests (the file upload) go to `{server}/{path}`.
 *
 * @since 0.1.0
 * @category urls
 */
export const requestUrl = (config: Service) => (request: AmsRequest.AmsRequest): string => {
  if (request.location === "server") return `${config.serverUrl}/${request.path}`
  // The usual case, with no parameters of its own, needs no query building
  if (request.api !== "v3" && Object.keys(request.urlParams).length === 0) {
    return `${config.siteUrl}/api/${request.api}/${request.path}?informat=json&format=json`
  }
  const params = new URLSearchParams(request.urlParams)
  if (request.api !== "v3") {
    params.set("informat", "json")
    params.set("format", "json")
  }
  const query = params.toString()
  return `${config.siteUrl}/api/${request.api}/${request.path}${query === "" ? "" : `?${query}`}`
}

/**
 * The transport settings of a Smartabase connection.
 *
 * @since 0.1.0
 * @category urls
 */
export const transportSettings = (config: Service): Transport.Settings => ({
  url: requestUrl(config),
  userAgent: config.userAgent,
  headers: Option.match(config.appId, { onNone: () => ({}), onSome: (appId) => ({ "x-app-id": appId }) }),
  timeout: config.timeout
})

/**
 * The HTTP Basic credentials of the account.
 *
 * @since 0.1.0
 * @category urls
 */
export const basicCredentials = (config: Service): Transport.Credentials => ({
  _tag: "Basic",
  username: config.username,
  password: config.password
})

/**
 * Validates the options once and provides them as `AmsConfig`; invalid settings fail the layer with a `ConfigError`
 * naming the option.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<AmsConfig, ConfigError.ConfigError> =>
  Layer.effect(AmsConfig, make(options))

/**
 * Reads the options from the environment: `AMS_URL` (or `AMS_SERVER` + `AMS_SITE`), `AMS_USERNAME`,
 * `AMS_PASSWORD`, and optionally `AMS_APP_ID`, `AMS_USER_AGENT`, `AMS_TIMEOUT` (e.g. `30 seconds`),
 * `AMS_ALLOW_INSECURE` and `AMS_V1_AUTH` (`session` or `basic`).
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<Options> = Config.all({
  url: Config.string(envKeys.url).pipe(Config.option, Config.map(Option.getOrUndefined)),
  server: Config.string(envKeys.server).pipe(Config.option, Config.map(Option.getOrUndefined)),
  site: Config.string(envKeys.site).pipe(Config.option, Config.map(Option.getOrUndefined)),
  username: Config.string(envKeys.username),
  password: Config.redacted(envKeys.password),
  appId: Config.string(envKeys.appId).pipe(Config.option, Config.map(Option.getOrUndefined)),
  userAgent: Config.string(envKeys.userAgent).pipe(Config.option, Config.map(Option.getOrUndefined)),
  timeout: Config.duration(envKeys.timeout).pipe(Config.option, Config.map(Option.getOrUndefined)),
  allowInsecure: Config.boolean(envKeys.allowInsecure).pipe(Config.withDefault(false)),
  v1Auth: Config.literal("session", "basic")(envKeys.v1Auth).pipe(Config.option, Config.map(Option.getOrUndefined))
})

/**
 * The settings from a `Config` (by default {@link config}, the environment), validated with the
 * environment variable names in errors.
 *
 * @example
 * ```ts
 * import { AmsConfig } from "@ams-effect/core"
 * import { ConfigProvider, Effect } from "effect"
 * import { strictEqual } from "node:assert"
 *
 * // A program reads AMS_URL, AMS_USERNAME, AMS_PASSWORD… from the environment; here a map stands in for it
 * const env = ConfigProvider.fromMap(
 *   new Map([
 *     ["AMS_URL", "https://example.smartabase.com/demo"],
 *     ["AMS_USERNAME", "api.user"],
 *     ["AMS_PASSWORD", "secret"]
 *   ])
 * )
 *
 * const program = Effect.gen(function*() {
 *   const config = yield* AmsConfig.AmsConfig
 *   strictEqual(config.site, "demo")
 *   strictEqual(config.serverUrl, "https://example.smartabase.com")
 *   strictEqual(String(config.password), "<redacted>")
 * })
 *
 * Effect.runSync(program.pipe(Effect.provide(AmsConfig.layerConfig()), Effect.withConfigProvider(env)))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options: Config.Config<Options> = config
): Layer.Layer<AmsConfig, ConfigError.ConfigError> =>
  Layer.effect(AmsConfig, Effect.flatMap(options, (o) => make(o, envKeys)))
