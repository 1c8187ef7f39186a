/**
 * Incremental `synchronise`: users in batches of at most 100, a batch answered HTTP 500 ("payload too large") split
 * in halves until it passes or a single user is still too large (`V1PayloadTooLarge`), and each answer read as it
 * arrives — events decoded and handed on 200 at a time, so that memory stays flat however large the history.
 */
import * as AmsError from "@ams-effect/core/AmsError"
import type * as AmsHttp from "@ams-effect/core/AmsHttp"
import * as AmsRequest from "@ams-effect/core/AmsRequest"
import * as AmsResponse from "@ams-effect/core/AmsResponse"
import type * as Transport from "@ams-effect/core/Transport"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { Event } from "../Event.js"
import { V1PayloadTooLarge } from "../V1Error.js"
import { ExportScanner } from "./exportScanner.js"
import { fromWire } from "./wireEvent.js"

/** The most users one `synchronise` request may name. */
export const maxUsersPerRequest = 100

/** Events handed on per stream element. */
const eventsPerElement = 200

/**
 * A part of a `synchronise` answer: events changed since `since`; the last part of each request's answer also
 * carries the ids of events deleted since then and the server time to pass as `since` next time (`undefined` on
 * the parts before it).
 */
export interface SyncBatch {
  readonly formName: string
  readonly userIds: ReadonlyArray<number>
  readonly since: number
  readonly events: ReadonlyArray<Event>
  readonly idsOfDeletedEvents: ReadonlyArray<number>
  readonly lastSynchronisationTimeOnServer: number | undefined
}

/** A whole synchronise, merged. */
export interface SyncResult extends SyncBatch {
  readonly lastSynchronisationTimeOnServer: number
}

const Members = Schema.Struct({
  lastSynchronisationTimeOnServer: Schema.optional(Schema.NullOr(Schema.NonNegativeInt)),
  idsOfDeletedEvents: Schema.optionalWith(Schema.NullOr(Schema.Array(Schema.Number)), { default: () => [] })
})
const decodeEvent = Schema.decodeUnknownEither(Event, { onExcessProperty: "ignore" })
const decodeMembers = Schema.decodeUnknownEither(Members, { onExcessProperty: "ignore" })

/** What a synchronise can fail with. */
export type SyncError = AmsHttp.ReadError | V1PayloadTooLarge

const where = (response: Transport.StreamingResponse) => ({
  endpoint: response.request.endpoint,
  method: response.request.method,
  url: response.url
})

const decodeFailure = (
  response: Transport.StreamingResponse,
  path: string,
  error: ParseResult.ParseError,
  text: string
) => {
  const first = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
  const subPath = (first?.path ?? []).map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`)).join("")
  return new AmsError.ResponseDecodeError({
    ...where(response),
    path: `${path}${subPath}`,
    issue: first?.message ?? error.message,
    issues: 1,
    bodyExcerpt: AmsResponse.excerpt(text)
  })
}

/** A value nested too deep to decode (or to quote) without overflowing the stack. */
const tooDeep = (response: Transport.StreamingResponse, path: string) =>
  new AmsError.ResponseDecodeError({
    ...where(response),
    path,
    issue: "nests arrays and objects more than 256 levels deep",
    issues: 1,
    bodyExcerpt: ""
  })

const malformed = (response: Transport.StreamingResponse, description: string) =>
  new AmsError.UnexpectedResponse({
    ...where(response),
    status: response.status,
    contentType: response.headers["content-type"],
    expected: `a complete JSON synchronise answer (${description})`,
    bodyExcerpt: ""
  })

/** The events of a streamed answer, decoded as they arrive, then its deleted ids and server time. */
const readAnswer = (
  response: Transport.StreamingResponse,
  base: Omit<SyncBatch, "events" | "idsOfDeletedEvents" | "lastSynchronisationTimeOnServer">
): Stream.Stream<SyncBatch, SyncError> => {
  const scanner = new ExportScanner()
  let index = 0
  // Events decoded but not yet handed on: cut into parts of `eventsPerElement` here rather than by a stream
  // operator, so that the stream carries one element per part instead of one per event.
  let pending: Array<Event> = []
  const part = (events: ReadonlyArray<Event>): SyncBatch => ({
    ...base,
    events,
    idsOfDeletedEvents: [],
    lastSynchronisationTimeOnServer: undefined
  })
  const fullParts = (): Array<SyncBatch> => {
    const parts: Array<SyncBatch> = []
    let from = 0
    for (; pending.length - from >= eventsPerElement; from += eventsPerElement) {
      parts.push(part(pending.slice(from, from + eventsPerElement)))
    }
    if (from > 0) pending = pending.slice(from)
    return parts
  }
  const events = response.body.pipe(
    Stream.decodeText(),
    Stream.mapConcatEffect((text) =>
      Effect.suspend((): Effect.Effect<Array<SyncBatch>, SyncError> => {
        let texts: Array<string>
        try {
          texts = scanner.push(text)
        } catch (error) {
          return Effect.fail(malformed(response, error instanceof Error ? error.message : String(error)))
        }
        const decoded = pending
        for (const eventText of texts) {
          const at = index++
          let json: unknown
          try {
            json = JSON.parse(eventText)
          } catch {
            return Effect.fail(malformed(response, `export.events[${at}] is not valid JSON`))
          }
          const event = fromWire(json)
          if (event !== undefined) {
            decoded.push(event)
            continue
          }
          // Not the usual shape: the schema decides, and names what is wrong
          const path = `export.events[${at}]`
          if (AmsResponse.nestsTooDeep(json)) return Effect.fail(tooDeep(response, path))
          const slow = decodeEvent(json)
          if (Either.isLeft(slow)) return Effect.fail(decodeFailure(response, path, slow.left, eventText))
          decoded.push(slow.right)
        }
        return Effect.succeed(fullParts())
      })
    ),
    Stream.concat(Stream.suspend(() => (pending.length > 0 ? Stream.make(part(pending)) : Stream.empty)))
  )
  const last = Effect.suspend((): Effect.Effect<SyncBatch, SyncError> => {
    try {
      scanner.end()
    } catch (error) {
      return Effect.fail(malformed(response, error instanceof Error ? error.message : String(error)))
    }
    if (AmsResponse.nestsTooDeep(scanner.members)) return Effect.fail(tooDeep(response, "(root)"))
    const members = decodeMembers(scanner.members)
    if (Either.isLeft(members)) {
      return Effect.fail(decodeFailure(response, "", members.left, JSON.stringify(scanner.members)))
    }
    const time = members.right.lastSynchronisationTimeOnServer ?? undefined
    const deleted = members.right.idsOfDeletedEvents ?? []
    if (time === undefined && (index > 0 || deleted.length > 0)) {
      return Effect.fail(
        new AmsError.ResponseDecodeError({
          ...where(response),
          path: "lastSynchronisationTimeOnServer",
          issue: "is missing",
          issues: 1,
          bodyExcerpt: ""
        })
      )
    }
    // No changes and no server time: keep the cursor where it was rather than invent a time.
    return Effect.succeed({
      ...base,
      events: [],
      idsOfDeletedEvents: deleted,
      lastSynchronisationTimeOnServer: time ?? base.since
    })
  })
  return Stream.concat(events, Stream.fromEffect(last))
}

const request = (
  http: AmsHttp.Service,
  formName: string,
  userIds: ReadonlyArray<number>,
  since: number
): Stream.Stream<SyncBatch, SyncError> =>
  Stream.unwrap(Effect.gen(function*() {
    const response = yield* http.executeStream(
      AmsRequest.read("v1", "synchronise", { formName, userIds, lastSynchronisationTimeOnServer: since })
    )
    if (typeof response.body !== "string") {
      return readAnswer(response as Transport.StreamingResponse, { formName, userIds, since })
    }
    const answer = response as AmsResponse.AmsResponse
    if (answer.status === 500) {
      if (userIds.length === 1) return yield* new V1PayloadTooLarge({ formName, userId: userIds[0]!, since })
      yield* Effect.logDebug(`synchronise of ${userIds.length} users answered 500; splitting the batch`)
      const half = Math.ceil(userIds.length / 2)
      return Stream.concat(
        request(http, formName, userIds.slice(0, half), since),
        request(http, formName, userIds.slice(half), since)
      )
    }
    return yield* AmsResponse.expectStatus(answer, 200).pipe(
      Effect.zipRight(Effect.fail(AmsResponse.unexpected(answer, "HTTP 200")))
    )
  }))

/** The parts of a synchronise, users at most 100 per request. */
export const stream = (
  http: AmsHttp.Service,
  formName: string,
  userIds: ReadonlyArray<number>,
  since: number
): Stream.Stream<SyncBatch, SyncError> => {
  const groups: Array<ReadonlyArray<number>> = []
  for (let i = 0; i < userIds.length; i += maxUsersPerRequest) groups.push(userIds.slice(i, i + maxUsersPerRequest))
  return Stream.flatMap(Stream.fromIterable(groups), (group) => request(http, formName, group, since))
}

/**
 * Parts merged: every event and deleted id, and as the next cursor the **earliest** server time of the requests,
 * so that a change made between two requests is fetched again next time rather than missed.
 */
export const merge =
  (formName: string, userIds: ReadonlyArray<number>, since: number) =>
  (batches: ReadonlyArray<SyncBatch>): SyncResult => {
    const times = batches.flatMap((batch) =>
      batch.lastSynchronisationTimeOnServer === undefined ? [] : [batch.lastSynchronisationTimeOnServer]
    )
    return {
      formName,
      userIds,
      since,
      events: batches.flatMap((batch) => batch.events),
      idsOfDeletedEvents: [...new Set(batches.flatMap((batch) => batch.idsOfDeletedEvents))],
      lastSynchronisationTimeOnServer: times.length === 0 ? since : Math.min(...times)
    }
  }
