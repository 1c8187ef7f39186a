/**
 * The Smartabase API v1 client: users and groups, event search, incremental synchronise, bulk import, profiles
 * and deletes.
 *
 * v1 answers HTTP 200 whether or not an operation succeeded and says so in the body; 401 and 403 come without a
 * JSON body. Every method's error type lists exactly what it can fail with, so `Effect.catchTags` over it is
 * checked by the compiler.
 *
 * @example
 * ```ts
 * import type { Event } from "@ams-effect/v1"
 * import { V1Client } from "@ams-effect/v1"
 * import { Console, Effect } from "effect"
 *
 * const events: ReadonlyArray<Event.EventInput> = [
 *   { formName: "Wellness", userId: 12, start: new Date(2025, 0, 6, 7, 30), values: { Sleep: 7, Soreness: 3 } },
 *   { formName: "Wellness", userId: 13, start: new Date(2025, 0, 6, 7, 45), values: { Sleep: 8, Soreness: 2 } }
 * ]
 *
 * const program = Effect.gen(function*() {
 *   const v1 = yield* V1Client.V1Client
 *   const report = yield* v1.importEvents(events, { chunkSize: 100 }).pipe(
 *     // v1 answered HTTP 200 but refused records: the report says which, and has the ids of the others.
 *     // A refused chunk is all-or-nothing, so fix the record the message names and send that chunk again.
 *     Effect.catchTag("V1ImportFailed", (error) =>
 *       Console.log(error.message).pipe(Effect.as(error.report))
 *     )
 *   )
 *   yield* Console.log(`event ids: ${report.eventIds.join(", ")}`)
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as AmsError from "@ams-effect/core/AmsError"
import * as AmsHttp from "@ams-effect/core/AmsHttp"
import * as AmsRequest from "@ams-effect/core/AmsRequest"
import * as AmsResponse from "@ams-effect/core/AmsResponse"
import * as Session from "@ams-effect/core/Session"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { Event, type EventInput, Profile, type ProfileInput } from "./Event.js"
import type * as EventSearch from "./EventSearch.js"
import { decodeOk } from "./internal/answer.js"
import { checkId, checkName, encodeEvent, encodeProfile } from "./internal/encode.js"
import * as Imports from "./internal/imports.js"
import * as ProfileImport from "./internal/profileImport.js"
import * as Search from "./internal/search.js"
import { expectSuccess } from "./internal/state.js"
import * as Sync from "./internal/sync.js"
import { eventsFromWire } from "./internal/wireEvent.js"
import { User, type UserQuery, type UserSearchResult } from "./User.js"
import type {
  ImportReport,
  V1ImportFailed,
  V1ImportIncomplete,
  V1PayloadTooLarge,
  V1StateFailed,
  V1UnknownFields
} from "./V1Error.js"

/**
 * What the v1 reads can fail with.
 *
 * @since 0.1.0
 * @category errors
 */
export type ReadError = AmsHttp.ReadError

/**
 * What `synchronise` can fail with.
 *
 * @since 0.1.0
 * @category errors
 */
export type SynchroniseError = AmsHttp.ReadError | V1PayloadTooLarge

/**
 * What `importEvents` can fail with.
 *
 * @since 0.1.0
 * @category errors
 */
export type ImportError = AmsHttp.WriteError | V1ImportFailed | V1ImportIncomplete | V1UnknownFields

/**
 * What `importProfile` can fail with.
 *
 * @since 0.1.0
 * @category errors
 */
export type ImportProfileError = AmsHttp.ReadError | V1StateFailed | V1UnknownFields

/**
 * The answer of one `synchronise` request (or of several merged).
 *
 * @since 0.1.0
 * @category models
 */
export type SyncBatch = Sync.SyncBatch

/**
 * A whole synchronise, merged: every event, every deleted id, and the next cursor.
 *
 * @since 0.1.0
 * @category models
 */
export type SyncResult = Sync.SyncResult

/**
 * Which form and users to synchronise, and from which server time.
 *
 * @since 0.1.0
 * @category models
 */
export interface SynchroniseOptions {
  readonly formName: string
  /** The users to synchronise (the server returns nothing without them); sent 100 at a time. */
  readonly userIds: ReadonlyArray<number>
  /** The `lastSynchronisationTimeOnServer` of the previous run; 0 (the default) for everything. */
  readonly since?: number | undefined
}

/**
 * How `importEvents` sends its records: insert, update or upsert, how many per request, how many at once.
 *
 * @since 0.1.0
 * @category models
 */
export interface ImportOptions {
  /**
   * `insert` (no event may name an `existingEventId`), `update` (every event must) or `upsert` (the default:
   * events with an `existingEventId` update it, the others are inserted).
   */
  readonly mode?: "insert" | "update" | "upsert" | undefined
  /** Events per request. Default 100. */
  readonly chunkSize?: number | undefined
  /** Requests in flight at once. Default 1. */
  readonly concurrency?: number | undefined
}

/**
 * The v1 operations; each one's error type lists exactly what it can fail with.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The names of the groups the account can see (`listgroups`). */
  readonly listGroups: Effect.Effect<ReadonlyArray<string>, ReadError>
  /** One result per query, in order (`usersearch`). Users outside the account's coach groups are not found. */
  readonly searchUsers: (queries: ReadonlyArray<UserQuery>) => Effect.Effect<ReadonlyArray<UserSearchResult>, ReadError>
  /** Every user the account can see. */
  readonly allUsers: Effect.Effect<ReadonlyArray<User>, ReadError>
  /** The members of a group, by its exact (case-sensitive) name (`groupmembers`). */
  readonly groupMembers: (group: string) => Effect.Effect<ReadonlyArray<User>, ReadError>
  /** The members of the group last opened by the account in the web app (`currentgroup`). */
  readonly currentGroup: Effect.Effect<ReadonlyArray<User>, ReadError>
  /** Events of the forms and users between two dates, inclusive (`eventsearch`). */
  readonly searchEvents: (search: EventSearch.EventSearch) => Effect.Effect<ReadonlyArray<Event>, ReadError>
  /** Like `searchEvents`, keeping only events whose fields meet the filters (`filteredeventsearch`). */
  readonly filteredSearchEvents: (
    search: EventSearch.FilteredEventSearch
  ) => Effect.Effect<ReadonlyArray<Event>, ReadError>
  /** Everything that changed since `since`, merged from batches of 100 users (`synchronise`). */
  readonly synchronise: (options: SynchroniseOptions) => Effect.Effect<SyncResult, SynchroniseError>
  /** The same, one element per request, so that large histories are processed batch by batch. */
  readonly synchroniseStream: (options: SynchroniseOptions) => Stream.Stream<SyncBatch, SynchroniseError>
  /**
   * Imports events in chunks (`eventsimport`) and reports the event id of every input record. An update
   * replaces the whole event. Any record not imported makes it fail, with the report of all records.
   */
  readonly importEvents: (
    events: ReadonlyArray<EventInput>,
    options?: ImportOptions
  ) => Effect.Effect<ImportReport, ImportError>
  /** Records of profile forms (`profilesearch`). */
  readonly searchProfiles: (
    search: EventSearch.ProfileSearch
  ) => Effect.Effect<ReadonlyArray<Profile>, ReadError>
  /**
   * Inserts or replaces a user's record of a profile form (`profileimport`, one call per record). The server
   * replaces the **whole** record: fields not given are cleared. The record is read first (`profilesearch`), so
   * that an import naming fields the form does not have can be undone; it applies entirely or not at all.
   *
   * Fails with:
   * - `InvalidRequest` before sending: empty form name, bad user id, an empty `values` (it would clear the
   *   profile), a value that is not a string, number or boolean.
   * - `V1UnknownFields`: the form has no field of some names in `values` (names are exact, case-sensitive). The
   *   server replaced the record without them, so the previous record was imported again; `profile.outcome` says
   *   whether that worked (`restored`; `created` when there was none; `notRestored`, with the previous record in
   *   `profile.previous` so that nothing is lost). Another writer's change between the read and the put-back is
   *   overwritten.
   * - `V1StateFailed`: the server refused the import (unknown form or user, a required field empty…).
   * - the core read errors (a lost connection is retried: repeating the import is harmless).
   */
  readonly importProfile: (profile: ProfileInput) => Effect.Effect<void, ImportProfileError>
  /** Deletes one event (`deleteevent`). */
  readonly deleteEvent: (eventId: number) => Effect.Effect<void, AmsHttp.WriteError | V1StateFailed>
}

/**
 * The API v1 client of one AMS connection (the example at the top of this module uses it).
 *
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

const Events = Schema.Struct({ events: Schema.optionalWith(Schema.NullOr(Schema.Array(Event)), { default: () => [] }) })
const Profiles = Schema.Struct({
  profiles: Schema.optionalWith(Schema.NullOr(Schema.Array(Profile)), { default: () => [] })
})

const checkQuery = (query: UserQuery, index: number): Effect.Effect<unknown, AmsError.InvalidRequest> => {
  const endpoint = "v1/usersearch"
  const field = (name: string) => `queries[${index}].${name}`
  if (typeof query !== "object" || query === null) {
    return Effect.fail(new AmsError.InvalidRequest({ endpoint, field: `queries[${index}]`, reason: "is not a query" }))
  }
  if ("userId" in query) return checkId(query.userId, endpoint, field("userId"))
  if ("username" in query) return checkName(query.username, endpoint, field("username"))
  if ("emailAddress" in query) return checkName(query.emailAddress, endpoint, field("emailAddress"))
  return Effect.zipRight(
    checkName(query.firstName, endpoint, field("firstName")),
    checkName(query.lastName, endpoint, field("lastName"))
  )
}

const checkPositive = (value: number | undefined, fallback: number, endpoint: string, field: string) =>
  value === undefined ? Effect.succeed(fallback) : checkId(value, endpoint, field)

/**
 * Builds the client on the connection's request pipeline and session.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, AmsHttp.AmsHttp | Session.Session> = Effect.gen(function*() {
  const http = yield* AmsHttp.AmsHttp
  const session = yield* Session.Session
  const empty = () => ({})
  const decodeGroupNames = decodeOk(GroupNames, { empty, project: (answer) => answer.name })
  const decodeUserResults = decodeOk(UserResults, { empty, project: (answer) => answer.results })
  const decodeUsers = decodeOk(UserResults, {
    empty,
    project: (answer) => answer.results.flatMap((result) => result.results)
  })
  const decodeEvents = decodeOk(Events, {
    empty,
    project: (answer) => answer.events ?? [],
    fast: (json) => {
      const events = eventsFromWire(json)
      return events === undefined ? undefined : { events }
    }
  })
  const decodeProfiles = decodeOk(Profiles, { empty, project: (answer) => answer.profiles ?? [] })

  const users = (path: string, body: unknown) => http.execute(AmsRequest.read("v1", path, body), decodeUsers)

  const searchUsers = (queries: ReadonlyArray<UserQuery>) =>
    Effect.gen(function*() {
      if (!Array.isArray(queries as unknown)) {
        return yield* new AmsError.InvalidRequest({
          endpoint: "v1/usersearch",
          field: "queries",
          reason: "must be a list of queries"
        })
      }
      yield* Effect.forEach(queries, checkQuery, { discard: true })
      const response = yield* http.execute(AmsRequest.read("v1", "usersearch", { identification: queries }))
      const results = yield* decodeUserResults(response)
      const expected = Math.max(queries.length, 1)
      if (results.length !== expected && !(queries.length > 0 && results.length === 0)) {
        return yield* AmsResponse.shapeError(
          response,
          "results",
          `expected ${expected} result(s), one per query, got ${results.length}`
        )
      }
      return queries.length === 0
        ? [{ query: undefined, users: results[0]?.results ?? [] }]
        : queries.map((query, i): UserSearchResult => ({ query, users: results[i]?.results ?? [] }))
    })

  const searchEvents = (
    path: "eventsearch" | "filteredeventsearch",
    body: Effect.Effect<unknown, AmsError.InvalidRequest>
  ) => Effect.flatMap(body, (checked) => http.execute(AmsRequest.read("v1", path, checked), decodeEvents))

  const syncOptions = (options: SynchroniseOptions) =>
    Effect.gen(function*() {
      const endpoint = "v1/synchronise"
      yield* Search.checkObject(options, endpoint, "options")
      const formName = yield* checkName(options.formName, endpoint, "formName")
      const userIds = yield* Search.checkUserIds(options.userIds, endpoint)
      const since = options.since ?? 0
      if (!Number.isSafeInteger(since) || since < 0) {
        return yield* Search.invalid(endpoint, "since", `${since} is not a server time (epoch milliseconds)`)
      }
      return { formName, userIds, since }
    })

  const importEvents = (events: ReadonlyArray<EventInput>, options: ImportOptions = {}) =>
    Effect.gen(function*() {
      const endpoint = "v1/eventsimport"
      // Checked here rather than trusted to the types: a caller without them may pass anything
      if (!Array.isArray(events)) return yield* Search.invalid(endpoint, "events", "must be a list of events")
      yield* Effect.annotateCurrentSpan("ams.events", events.length)
      const mode = options.mode ?? "upsert"
      // An unknown mode must not run as an upsert
      if (mode !== "insert" && mode !== "update" && mode !== "upsert") {
        return yield* Search.invalid(endpoint, "mode", `${JSON.stringify(mode)} is not "insert", "update" or "upsert"`)
      }
      const chunkSize = yield* checkPositive(options.chunkSize, 100, endpoint, "chunkSize")
      const concurrency = yield* checkPositive(options.concurrency, 1, endpoint, "concurrency")
      for (const [index, event] of events.entries()) {
        if (typeof event !== "object" || event === null) {
          return yield* Search.invalid(endpoint, `events[${index}]`, "is not an event")
        }
        if (mode === "insert" && event.existingEventId !== undefined) {
          return yield* Search.invalid(endpoint, `events[${index}].existingEventId`, "must be absent in insert mode")
        }
        if (mode === "update" && event.existingEventId === undefined) {
          return yield* Search.invalid(endpoint, `events[${index}].existingEventId`, "is required in update mode")
        }
      }
      const enteredBy = events.every((event) => event.enteredByUserId !== undefined)
        ? 0
        : (yield* session.current).info.userId
      const wire = yield* Effect.forEach(events, (event, index) =>
        Effect.map(
          encodeEvent(event, enteredBy, endpoint, `events[${index}]`),
          (encoded) => ({ index, event: encoded })
        ))
      // Updates and inserts travel in separate chunks: a chunk of updates may be repeated safely.
      const chunks = [
        ...Imports.chunk(wire.filter((record) => record.event.existingEventId !== undefined), chunkSize),
        ...Imports.chunk(wire.filter((record) => record.event.existingEventId === undefined), chunkSize)
      ]
      return yield* Imports.run(http, chunks, events.length, { concurrency })
    }).pipe(Effect.withSpan("V1Client.importEvents"))

  const searchProfiles = (search: EventSearch.ProfileSearch) =>
    Effect.flatMap(
      Search.encodeProfiles(search, "v1/profilesearch"),
      (body) => http.execute(AmsRequest.read("v1", "profilesearch", body), decodeProfiles)
    )

  return {
    listGroups: http.execute(AmsRequest.read("v1", "listgroups", { name: "" }), decodeGroupNames),
    searchUsers,
    allUsers: Effect.map(searchUsers([]), (results) => results.flatMap((result) => result.users)),
    groupMembers: (group) =>
      Effect.zipRight(checkName(group, "v1/groupmembers", "group"), users("groupmembers", { name: group })),
    currentGroup: users("currentgroup", { name: "" }),
    searchEvents: (search) => searchEvents("eventsearch", Search.encode(search, "v1/eventsearch")),
    filteredSearchEvents: (search) =>
      searchEvents("filteredeventsearch", Search.encodeFiltered(search, "v1/filteredeventsearch")),
    synchronise: (options) =>
      Effect.flatMap(
        syncOptions(options),
        ({ formName, since, userIds }) =>
          Sync.stream(http, formName, userIds, since).pipe(
            Stream.runCollect,
            Effect.map((batches) => Sync.merge(formName, userIds, since)([...batches]))
          )
      ),
    synchroniseStream: (options) =>
      Stream.unwrap(
        Effect.map(syncOptions(options), ({ formName, since, userIds }) => Sync.stream(http, formName, userIds, since))
      ),
    importEvents,
    searchProfiles,
    importProfile: (profile) =>
      Effect.gen(function*() {
        const endpoint = "v1/profileimport"
        const enteredBy = profile.enteredByUserId ?? (yield* session.current).info.userId
        const wire = yield* encodeProfile(profile, enteredBy, endpoint)
        // Read first: if the server drops fields it does not know, this record is put back (see ProfileImport).
        const existing = yield* searchProfiles({ forms: wire.formName, userIds: [wire.userId.userId] })
        const previous = existing.find((p) => p.formName === wire.formName && p.userId === wire.userId.userId)
        yield* ProfileImport.run(http, wire, previous)
      }).pipe(Effect.withSpan("V1Client.importProfile")),
    deleteEvent: (eventId) =>
      Effect.gen(function*() {
        const id = yield* checkId(eventId, "v1/deleteevent", "eventId")
        const response = yield* http.execute(AmsRequest.write("v1", "deleteevent", { eventId: id }))
        yield* expectSuccess(response, `event ${id}`)
      })
  }
})

/**
 * The client, given `AmsHttp` and `Session` (for instance from `AmsHttp.layerWithSession`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<V1Client, never, AmsHttp.AmsHttp | Session.Session> = Layer.effect(V1Client, make)
