import { AgileConfig } from "@ams-effect/agileassets"
import { describe, expect, it } from "@effect/vitest"
import type { ConfigError } from "effect"
import { ConfigProvider, Effect, Either, Layer, Option, Redacted } from "effect"

const fromEnv = (env: Record<string, string>) =>
  Effect.gen(function*() {
    const context = yield* Layer.build(AgileConfig.layerConfig())
    return yield* AgileConfig.AgileConfig.pipe(Effect.provide(context))
  }).pipe(Effect.scoped, Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))), Effect.either)

const path = (error: ConfigError.ConfigError): ReadonlyArray<string> =>
  error._op === "And" || error._op === "Or" ? path(error.left) : error.path

const failure = (result: Either.Either<unknown, ConfigError.ConfigError>) =>
  path(Option.getOrThrow(Either.getLeft(result)))

describe("AgileConfig", () => {
  it.effect("reads the base URL and picks the authentication from what is set", () =>
    Effect.gen(function*() {
      const none = Either.getOrThrow(yield* fromEnv({ AGILE_URL: "https://host:8443/ams_dev/rest/v1/" }))
      expect(none.baseUrl).toBe("https://host:8443/ams_dev/rest/v1")
      expect(none.auth._tag).toBe("None")
      const basic = Either.getOrThrow(
        yield* fromEnv({ AGILE_URL: "https://host/ams_ky/rest/v1", AGILE_USERNAME: "eugene", AGILE_PASSWORD: "pw" })
      )
      expect(basic.auth).toMatchObject({ _tag: "Basic", username: "eugene" })
      const bearer = Either.getOrThrow(yield* fromEnv({ AGILE_URL: "https://host/ams_ky/rest/v1", AGILE_TOKEN: "t0k" }))
      expect(bearer.auth._tag).toBe("Bearer")
      if (bearer.auth._tag === "Bearer") expect(Redacted.value(bearer.auth.token)).toBe("t0k")
    }))

  it.effect("names the key of a bad setting", () =>
    Effect.gen(function*() {
      expect(failure(yield* fromEnv({}))).toEqual(["AGILE_URL"])
      expect(failure(yield* fromEnv({ AGILE_URL: "https://host/ams_dev" }))).toEqual(["AGILE_URL"])
      expect(failure(yield* fromEnv({ AGILE_URL: "not a url" }))).toEqual(["AGILE_URL"])
      expect(failure(yield* fromEnv({ AGILE_URL: "https://host:0/ams_dev/rest/v1" }))).toEqual(["AGILE_URL"])
      expect(failure(yield* fromEnv({ AGILE_URL: "https://host/ams_dev/rest/v1", AGILE_USERNAME: "u" }))).toEqual([
        "AGILE_PASSWORD"
      ])
      expect(
        failure(
          yield* fromEnv({
            AGILE_URL: "https://host/ams_dev/rest/v1",
            AGILE_TOKEN: "t",
            AGILE_USERNAME: "u",
            AGILE_PASSWORD: "p"
          })
        )
      ).toEqual(["AGILE_TOKEN"])
      expect(failure(yield* fromEnv({ AGILE_URL: "https://host/ams_dev/rest/v1", AGILE_TIMEOUT: "0 seconds" })))
        .toEqual([
          "AGILE_TIMEOUT"
        ])
    }))

  it.effect("refuses a token that cannot be sent as a header, without showing it", () =>
    Effect.gen(function*() {
      for (const token of ["t0k\r\nX-Injected: 1", "t0k-✓"]) {
        const result = yield* fromEnv({ AGILE_URL: "https://host/ams_ky/rest/v1", AGILE_TOKEN: token })
        expect(failure(result)).toEqual(["AGILE_TOKEN"])
        expect(String(Option.getOrThrow(Either.getLeft(result)))).not.toContain("t0k")
      }
    }))

  it.effect("refuses a timeout no timer keeps, a user agent that cannot be a header, a username with ':'", () =>
    Effect.gen(function*() {
      const url = "https://host/ams_ky/rest/v1"
      expect(failure(yield* fromEnv({ AGILE_URL: url, AGILE_TIMEOUT: "25 days" }))).toEqual(["AGILE_TIMEOUT"])
      const options = (more: Partial<AgileConfig.Options>) => AgileConfig.make({ url, ...more }).pipe(Effect.either)
      expect(failure(yield* options({ userAgent: "scripts\r\nX-Injected: 1" }))).toEqual(["userAgent"])
      expect(failure(yield* options({ auth: { _tag: "Basic", username: "a:b", password: Redacted.make("p") } })))
        .toEqual(["auth"])
      expect(Either.isRight(yield* options({ userAgent: "scripts/1.0", timeout: "24 days" }))).toBe(true)
      // From a caller without the types: an unknown kind sent no credentials; a plain-string secret threw
      expect(failure(yield* options({ auth: { _tag: "Digest" } as unknown as AgileConfig.Auth }))).toEqual(["auth"])
      expect(failure(yield* AgileConfig.make({ url: undefined } as unknown as AgileConfig.Options).pipe(Effect.either)))
        .toEqual(["url"])
      expect(failure(yield* AgileConfig.make(undefined as unknown as AgileConfig.Options).pipe(Effect.either)))
        .toEqual(["options"])
      expect(failure(yield* options({ auth: { _tag: "Bearer", token: "t0k" } as unknown as AgileConfig.Auth })))
        .toEqual(["auth"])
    }))

  it.effect("refuses credentials over plain http to a non-loopback host unless allowed", () =>
    Effect.gen(function*() {
      const env = { AGILE_URL: "http://vega:8080/ams_ky/rest/v1", AGILE_TOKEN: "t" }
      expect(failure(yield* fromEnv(env))).toEqual(["AGILE_URL"])
      expect(Either.isRight(yield* fromEnv({ ...env, AGILE_ALLOW_INSECURE: "true" }))).toBe(true)
      expect(Either.isRight(yield* fromEnv({ AGILE_URL: "http://vega:8080/ams_ky/rest/v1" }))).toBe(true)
      expect(Either.isRight(yield* fromEnv({ AGILE_URL: "http://127.0.0.1:8080/ams_dev/rest/v1", AGILE_TOKEN: "t" })))
        .toBe(true)
    }))
})
