import { AmsConfig } from "@ams-effect/core"
import { describe, expect, it } from "@effect/vitest"
import type { ConfigError } from "effect"
import { ConfigProvider, Duration, Effect, Either, Layer, Option, Redacted } from "effect"

const fromEnv = (env: Record<string, string>) =>
  Effect.gen(function*() {
    const context = yield* Layer.build(AmsConfig.layerConfig())
    return yield* AmsConfig.AmsConfig.pipe(Effect.provide(context))
  }).pipe(Effect.scoped, Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))), Effect.either)

const failurePath = (error: ConfigError.ConfigError): ReadonlyArray<string> => {
  switch (error._op) {
    case "InvalidData":
    case "MissingData":
    case "SourceUnavailable":
    case "Unsupported":
      return error.path
    case "And":
    case "Or":
      return failurePath(error.left)
  }
}

const credentials = { AMS_USERNAME: "api.coach", AMS_PASSWORD: "pw" }

describe("AmsConfig", () => {
  it.effect("reads AMS_URL and derives the site and server", () =>
    Effect.gen(function*() {
      const config = yield* fromEnv({
        ...credentials,
        AMS_URL: "https://learn.smartabase.com/ankle/",
        AMS_APP_ID: "x.y"
      })
      const value = Either.getOrThrow(config)
      expect(value.siteUrl).toBe("https://learn.smartabase.com/ankle")
      expect(value.serverUrl).toBe("https://learn.smartabase.com")
      expect(value.site).toBe("ankle")
      expect(value.appId).toEqual(Option.some("x.y"))
      expect(Redacted.value(value.password)).toBe("pw")
      expect(value.v1Auth).toBe("session")
      expect(Duration.toMillis(value.timeout)).toBe(60_000)
    }))

  it.effect("builds the site URL from AMS_SERVER and AMS_SITE, assuming https", () =>
    Effect.gen(function*() {
      const value = Either.getOrThrow(
        yield* fromEnv({ ...credentials, AMS_SERVER: "example.smartabase.com", AMS_SITE: "site" })
      )
      expect(value.siteUrl).toBe("https://example.smartabase.com/site")
    }))

  it.effect("names the missing key", () =>
    Effect.gen(function*() {
      const missingUser = yield* fromEnv({ AMS_URL: "https://h/site", AMS_PASSWORD: "pw" })
      expect(failurePath(Either.getLeft(missingUser).pipe(Option.getOrThrow))).toEqual(["AMS_USERNAME"])
      const missingUrl = yield* fromEnv(credentials)
      const error = Either.getLeft(missingUrl).pipe(Option.getOrThrow)
      expect(failurePath(error)).toEqual(["AMS_URL"])
      expect(String(error)).toContain("AMS_SERVER")
    }))

  it.effect("refuses plain http to a non-loopback host unless allowed", () =>
    Effect.gen(function*() {
      const refused = Either.getLeft(yield* fromEnv({ ...credentials, AMS_URL: "http://example.com/site" }))
      const error = Option.getOrThrow(refused)
      expect(failurePath(error)).toEqual(["AMS_URL"])
      expect(String(error)).toContain("AMS_ALLOW_INSECURE")
      const allowed = yield* fromEnv({ ...credentials, AMS_URL: "http://example.com/site", AMS_ALLOW_INSECURE: "true" })
      expect(Either.isRight(allowed)).toBe(true)
      const loopback = yield* fromEnv({ ...credentials, AMS_URL: "http://127.0.0.1:8080/demo" })
      expect(Either.getOrThrow(loopback).siteUrl).toBe("http://127.0.0.1:8080/demo")
    }))

  it.effect("rejects bad values with the key in the error", () =>
    Effect.gen(function*() {
      const cases: ReadonlyArray<[Record<string, string>, string]> = [
        [{ ...credentials, AMS_URL: "https://example.com" }, "AMS_URL"],
        [{ ...credentials, AMS_URL: "ftp://example.com/site" }, "AMS_URL"],
        [{ ...credentials, AMS_URL: "https://u:p@example.com/site" }, "AMS_URL"],
        [{ ...credentials, AMS_URL: "https://exa mple.com/site" }, "AMS_URL"],
        [{ ...credentials, AMS_SERVER: "https://example.com", AMS_SITE: " " }, "AMS_SITE"],
        [{ ...credentials, AMS_URL: "https://example.com/site", AMS_USERNAME: "  " }, "AMS_USERNAME"],
        [{ ...credentials, AMS_URL: "https://example.com/site", AMS_PASSWORD: "" }, "AMS_PASSWORD"],
        [{ ...credentials, AMS_URL: "https://example.com/site", AMS_TIMEOUT: "soon" }, "AMS_TIMEOUT"],
        [{ ...credentials, AMS_URL: "https://example.com/site", AMS_TIMEOUT: "0 seconds" }, "AMS_TIMEOUT"],
        [{ ...credentials, AMS_URL: "https://example.com/site", AMS_V1_AUTH: "token" }, "AMS_V1_AUTH"],
        [{ ...credentials, AMS_URL: "https://example.com/site", AMS_TIMEOUT: "25 days" }, "AMS_TIMEOUT"],
        [{ ...credentials, AMS_URL: "https://example.com/site", AMS_TIMEOUT: "500 micros" }, "AMS_TIMEOUT"],
        [{ ...credentials, AMS_URL: "https://example.com/si%ZZte" }, "AMS_URL"],
        [{ ...credentials, AMS_URL: "https://example.com:0/site" }, "AMS_URL"],
        [{ ...credentials, AMS_URL: "https://example.com/site/%2F" }, "AMS_URL"],
        [{ ...credentials, AMS_SERVER: "https://example.com", AMS_SITE: "demo?x=1" }, "AMS_SITE"],
        [{ ...credentials, AMS_SERVER: "https://example.com", AMS_SITE: ".." }, "AMS_SITE"],
        [{ ...credentials, AMS_SERVER: "https://example.com", AMS_SITE: "%2E%2e" }, "AMS_SITE"],
        [{ ...credentials, AMS_SERVER: "https://example.com", AMS_SITE: "demo\ud800" }, "AMS_SITE"],
        [{ ...credentials, AMS_URL: "https://example.com/site", AMS_USERNAME: "api:coach" }, "AMS_USERNAME"],
        [{ ...credentials, AMS_URL: "https://example.com/site", AMS_APP_ID: "app\r\nX-Injected: 1" }, "AMS_APP_ID"],
        [{ ...credentials, AMS_URL: "https://example.com/site", AMS_USER_AGENT: "scripts ✓" }, "AMS_USER_AGENT"]
      ]
      for (const [env, key] of cases) {
        const result = yield* fromEnv(env)
        const error = Option.getOrThrow(Either.getLeft(result))
        expect(failurePath(error), JSON.stringify(env)).toEqual([key])
      }
    }))

  it.effect("a site given alone is one path segment, encoded; a timeout may be as long as a timer waits", () =>
    Effect.gen(function*() {
      const value = Either.getOrThrow(
        yield* fromEnv({ ...credentials, AMS_SERVER: "example.com", AMS_SITE: "club één", AMS_TIMEOUT: "24 days" })
      )
      expect(value.siteUrl).toBe("https://example.com/club%20%C3%A9%C3%A9n")
      expect(value.site).toBe("club één")
      expect(Duration.toDays(value.timeout)).toBe(24)
      const fromUrl = Either.getOrThrow(
        yield* fromEnv({ ...credentials, AMS_URL: "https://example.com/club%20%C3%A9%C3%A9n" })
      )
      expect(fromUrl.site).toBe("club één")
      const huge = yield* AmsConfig.make({
        url: "https://example.com/site",
        username: "u",
        password: Redacted.make("p"),
        timeout: 1e308
      })
        .pipe(Effect.flip)
      expect(failurePath(huge)).toEqual(["timeout"])
      // From a caller without the types: a plain-string password, a username that is not text
      const untyped = (options: Record<string, unknown>) =>
        AmsConfig.make({ url: "https://example.com/site", ...options } as unknown as AmsConfig.Options).pipe(
          Effect.flip,
          Effect.map(failurePath)
        )
      expect(yield* untyped({ username: "u", password: "p" })).toEqual(["password"])
      expect(yield* untyped({ username: 5, password: Redacted.make("p") })).toEqual(["username"])
      expect(
        yield* AmsConfig.make(undefined as unknown as AmsConfig.Options).pipe(Effect.flip, Effect.map(failurePath))
      )
        .toEqual(["options"])
      expect(yield* untyped({ url: 443, username: "u", password: Redacted.make("p") })).toEqual(["url"])
      expect(
        yield* untyped({ url: undefined, server: "example.com", site: 7, username: "u", password: Redacted.make("p") })
      )
        .toEqual(["site"])
    }))

  it.effect("names option keys when built from options", () =>
    Effect.gen(function*() {
      const result = yield* AmsConfig.make({
        url: "http://example.com/site",
        username: "u",
        password: Redacted.make("p")
      })
        .pipe(Effect.either)
      expect(failurePath(Option.getOrThrow(Either.getLeft(result)))).toEqual(["url"])
    }))

  it.effect("never shows the password", () =>
    Effect.gen(function*() {
      const config = yield* AmsConfig.make({
        url: "https://example.com/site",
        username: "u",
        password: Redacted.make("hunter2-secret")
      })
      expect(JSON.stringify(config)).not.toContain("hunter2-secret")
      expect(String(config.password)).not.toContain("hunter2-secret")
    }))
})
