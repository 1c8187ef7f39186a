/**
 * Incremental `synchronise`: users in batches of at most 100, and a batch answered HTTP 500 ("payload too large")
 * split in halves until it passes or a single user is still too large (`V1PayloadTooLarge`).
 */
import type * as AmsHttp from "@ams-effect/core/AmsHttp"
import * as AmsRequest from "@ams-effect/core/AmsRequest"
import * as AmsResponse from "@ams-effect/core/AmsResponse"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { Event } from "../Event.js"
import { V1PayloadTooLarge } from "../V1Error.js"

/** The most users one `synchronise` request may name. */
export const maxUsersPerRequest = 100

/**
 * What one `synchronise` answer brought: the events changed since `since`, the ids of events deleted since then,
 * and the server time to pass as `since` next time.
 */
export interface SyncBatch {
  readonly formName: string
  readonly userIds: ReadonlyArray<number>
  readonly since: number
  readonly events: ReadonlyArray<Event>
  readonly idsOfDeletedEvents: ReadonlyArray<number>
  readonly lastSynchronisationTimeOnServer: number
}

const SyncAnswer = Schema.Struct({
  export: Schema.optionalWith(
    Schema.Struct({ events: Schema.optionalWith(Schema.NullOr(Schema.Array(Event)), { default: () => [] }) }),
    { default: () => ({ events: [] }) }
  ),
  lastSynchronisationTimeOnServer: Schema.optional(Schema.Number),
  idsOfDeletedEvents: Schema.optionalWith(Schema.NullOr(Schema.Array(Schema.Number)), { default: () => [] })
})

/** What a synchronise can fail with. */
export type SyncError = AmsHttp.ReadError | V1PayloadTooLarge

const request = (
  http: AmsHttp.Service,
  formName: string,
  userIds: ReadonlyArray<number>,
  since: number
): Effect.Effect<ReadonlyArray<SyncBatch>, SyncError> =>
  Effect.gen(function*() {
    const response = yield* http.execute(
      AmsRequest.read("v1", "synchronise", { formName, userIds, lastSynchronisationTimeOnServer: since })
    )
    if (response.status === 500) {
      if (userIds.length === 1) return yield* new V1PayloadTooLarge({ formName, userId: userIds[0]!, since })
      yield* Effect.logDebug(`synchronise of ${userIds.length} users answered 500; splitting the batch`)
      const half = Math.ceil(userIds.length / 2)
      const first = yield* request(http, formName, userIds.slice(0, half), since)
      const second = yield* request(http, formName, userIds.slice(half), since)
      return [...first, ...second]
    }
    yield* AmsResponse.expectStatus(response, 200)
    const answer = yield* AmsResponse.decode(SyncAnswer, { onEmpty: () => ({}) })(response)
    const events = answer.export.events ?? []
    const deleted = answer.idsOfDeletedEvents ?? []
    if (answer.lastSynchronisationTimeOnServer === undefined && (events.length > 0 || deleted.length > 0)) {
      return yield* AmsResponse.shapeError(response, "lastSynchronisationTimeOnServer", "is missing")
    }
    return [{
      formName,
      userIds,
      since,
      events,
      idsOfDeletedEvents: deleted,
      // No changes and no server time: keep the cursor where it was rather than invent a time.
      lastSynchronisationTimeOnServer: answer.lastSynchronisationTimeOnServer ?? since
    }]
  })

/** The batches of a synchronise, one per request, users at most 100 per request. */
export const stream = (
  http: AmsHttp.Service,
  formName: string,
  userIds: ReadonlyArray<number>,
  since: number
): Stream.Stream<SyncBatch, SyncError> => {
  const groups: Array<ReadonlyArray<number>> = []
  for (let i = 0; i < userIds.length; i += maxUsersPerRequest) groups.push(userIds.slice(i, i + maxUsersPerRequest))
  return Stream.fromIterable(groups).pipe(
    Stream.mapEffect((group) => request(http, formName, group, since)),
    Stream.flattenIterables
  )
}

/**
 * Batches merged: every event and deleted id, and as the next cursor the **earliest** server time, so that a
 * change made between two requests is fetched again next time rather than missed.
 */
export const merge = (formName: string, userIds: ReadonlyArray<number>, since: number) =>
(
  batches: ReadonlyArray<SyncBatch>
): SyncBatch => ({
  formName,
  userIds,
  since,
  events: batches.flatMap((batch) => batch.events),
  idsOfDeletedEvents: [...new Set(batches.flatMap((batch) => batch.idsOfDeletedEvents))],
  lastSynchronisationTimeOnServer: batches.length === 0
    ? since
    : Math.min(...batches.map((batch) => batch.lastSynchronisationTimeOnServer))
})
