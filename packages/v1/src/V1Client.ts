/**
 * The Smartabase API v1 client: users and groups (and, in later versions of this module, events, profiles,
 * imports and synchronisation).
 *
 * v1 answers HTTP 200 whether or not an operation succeeded and says so in the body; 401 and 403 come without
 * a JSON body. Every method's error type lists exactly what it can fail with, so `Effect.catchTags` over it is
 * checked by the compiler.
 *
 * @since 0.1.0
 */
import * as AmsError from "@ams-effect/core/AmsError"
import * as AmsHttp from "@ams-effect/core/AmsHttp"
import * as AmsRequest from "@ams-effect/core/AmsRequest"
import * as AmsResponse from "@ams-effect/core/AmsResponse"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { decodeOk } from "./internal/answer.js"
import { User, type UserQuery, type UserSearchResult } from "./User.js"

/**
 * What the v1 reads can fail with.
 *
 * @since 0.1.0
 * @category errors
 */
export type ReadError = AmsHttp.ReadError

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The names of the groups the account can see (`listgroups`). */
  readonly listGroups: Effect.Effect<ReadonlyArray<string>, ReadError>
  /**
   * One result per query, in order (`usersearch`). Users outside the account's coach groups are not found.
   */
  readonly searchUsers: (
    queries: ReadonlyArray<UserQuery>
  ) => Effect.Effect<ReadonlyArray<UserSearchResult>, ReadError>
  /** Every user the account can see. */
  readonly allUsers: Effect.Effect<ReadonlyArray<User>, ReadError>
  /** The members of a group, by its exact (case-sensitive) name (`groupmembers`). */
  readonly groupMembers: (group: string) => Effect.Effect<ReadonlyArray<User>, ReadError>
  /** The members of the group last opened by the account in the web app (`currentgroup`). */
  readonly currentGroup: Effect.Effect<ReadonlyArray<User>, ReadError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class V1Client extends Context.Tag("@ams-effect/v1/V1Client")<V1Client, Service>() {}

const GroupNames = Schema.Struct({ name: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }) })

const UserResults = Schema.Struct({
  results: Schema.optionalWith(
    Schema.Array(Schema.Struct({
      search: Schema.optional(Schema.Unknown),
      results: Schema.optionalWith(Schema.Array(User), { default: () => [] })
    })),
    { default: () => [] }
  )
})

const noResults = () => ({ results: [] })

const invalid = (endpoint: string, field: string, reason: string) =>
  new AmsError.InvalidRequest({ endpoint, field, reason })

const checkName = (endpoint: string, field: string, value: string) =>
  value.trim() === "" ? Effect.fail(invalid(endpoint, field, "must not be empty")) : Effect.void

const checkQuery = (query: UserQuery, index: number): Effect.Effect<void, AmsError.InvalidRequest> => {
  const endpoint = "v1/usersearch"
  const field = (name: string) => `queries[${index}].${name}`
  if ("userId" in query) {
    return Number.isSafeInteger(query.userId) && query.userId > 0
      ? Effect.void
      : Effect.fail(invalid(endpoint, field("userId"), `${query.userId} is not a positive integer`))
  }
  if ("username" in query) return checkName(endpoint, field("username"), query.username)
  if ("emailAddress" in query) return checkName(endpoint, field("emailAddress"), query.emailAddress)
  return Effect.zipRight(
    checkName(endpoint, field("firstName"), query.firstName),
    checkName(endpoint, field("lastName"), query.lastName)
  )
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, AmsHttp.AmsHttp> = Effect.gen(function*() {
  const http = yield* AmsHttp.AmsHttp
  const decodeGroups = decodeOk(GroupNames, () => ({ name: [] }))
  const decodeUsers = decodeOk(UserResults, noResults)

  const users = (path: string, body: unknown) =>
    http.execute(AmsRequest.read("v1", path, body)).pipe(
      Effect.flatMap(decodeUsers),
      Effect.map((answer) => answer.results.flatMap((result) => result.results))
    )

  const searchUsers = (queries: ReadonlyArray<UserQuery>) =>
    Effect.gen(function*() {
      yield* Effect.forEach(queries, checkQuery, { discard: true })
      const response = yield* http.execute(AmsRequest.read("v1", "usersearch", { identification: queries }))
      const answer = yield* decodeUsers(response)
      const expected = Math.max(queries.length, 1)
      if (answer.results.length !== expected && !(queries.length > 0 && answer.results.length === 0)) {
        return yield* new AmsError.ResponseDecodeError({
          endpoint: response.request.endpoint,
          method: response.request.method,
          url: response.url,
          path: "results",
          issue: `expected ${expected} result(s), one per query, got ${answer.results.length}`,
          issues: 1,
          bodyExcerpt: AmsResponse.excerpt(response.body)
        })
      }
      return queries.length === 0
        ? [{ query: undefined, users: answer.results[0]?.results ?? [] }]
        : queries.map((query, i): UserSearchResult => ({ query, users: answer.results[i]?.results ?? [] }))
    }).pipe(Effect.withSpan("V1Client.searchUsers"))

  return {
    listGroups: http.execute(AmsRequest.read("v1", "listgroups", { name: "" })).pipe(
      Effect.flatMap(decodeGroups),
      Effect.map((answer) => answer.name)
    ),
    searchUsers,
    allUsers: Effect.map(searchUsers([]), (results) => results.flatMap((result) => result.users)),
    groupMembers: (group) =>
      Effect.zipRight(checkName("v1/groupmembers", "group", group), users("groupmembers", { name: group })),
    currentGroup: users("currentgroup", { name: "" })
  }
})

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<V1Client, never, AmsHttp.AmsHttp> = Layer.effect(V1Client, make)
