/**
 * Incremental synchronisation that remembers where it stopped: the cursor (`lastSynchronisationTimeOnServer` and
 * the users it covers) is kept in a `@effect/platform` `KeyValueStore` — a file with `layerFileSystem`, so that
 * the next run of a program continues where the last one stopped.
 *
 * The cursor only moves once every batch has been handed to the caller's handler: a run that fails half way
 * fetches the same changes again next time (handlers should be idempotent by event id), and never skips any.
 * Users added since the last run are synchronised from the beginning.
 *
 * @since 0.1.0
 */
import * as KeyValueStore from "@effect/platform/KeyValueStore"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type { SyncBatch, SynchroniseError } from "./V1Client.js"
import { V1Client } from "./V1Client.js"

/**
 * What the store keeps for one synchronisation.
 *
 * @since 0.1.0
 * @category models
 */
export class Cursor extends Schema.Class<Cursor>("@ams-effect/v1/SyncCursor/Cursor")({
  lastSynchronisationTimeOnServer: Schema.Number,
  userIds: Schema.Array(Schema.Number)
}) {}

const CursorJson = Schema.parseJson(Cursor)

/**
 * The stored cursor could not be read (unreadable, or not a cursor) or written.
 *
 * @since 0.1.0
 * @category errors
 */
export class SyncCursorError extends Schema.TaggedError<SyncCursorError>("@ams-effect/v1/SyncCursor/SyncCursorError")(
  "SyncCursorError",
  {
    key: Schema.String,
    operation: Schema.Literal("read", "write"),
    description: Schema.String
  }
) {
  /** @since 0.1.0 */
  override get message(): string {
    return `Could not ${this.operation} the synchronisation cursor "${this.key}": ${this.description}. ` +
      `Remove the key to synchronise from the beginning.`
  }
}

/**
 * Which form and users to synchronise, and under which store key the cursor is kept.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly formName: string
  readonly userIds: ReadonlyArray<number>
  /** The store key. Default `synchronise/<form name>`; use one key per site when several share a store. */
  readonly key?: string | undefined
}

/**
 * What a run did.
 *
 * @since 0.1.0
 * @category models
 */
export interface Summary {
  readonly key: string
  /** The cursor the run started from (0: from the beginning). */
  readonly since: number
  /** The cursor stored for the next run. */
  readonly next: number
  /** Parts handed to `onBatch` (a request's events come in parts of at most 200, then its end). */
  readonly batches: number
  readonly events: number
  readonly deletedEvents: number
  /** Users that had no cursor yet and were synchronised from the beginning. */
  readonly newUsers: ReadonlyArray<number>
}

/**
 * A store operation whose failure, or defect, is a `SyncCursorError`: a store may throw on a key it cannot hold
 * (the file store's file name for a key with a lone UTF-16 surrogate).
 */
const storeOperation = <A, E extends { readonly message: string }>(
  key: string,
  operation: "read" | "write",
  effect: () => Effect.Effect<A, E>
): Effect.Effect<A, SyncCursorError> =>
  Effect.suspend(effect).pipe(
    Effect.catchAllDefect((defect) =>
      Effect.fail({ message: defect instanceof Error ? defect.message : String(defect) })
    ),
    Effect.mapError((error) => new SyncCursorError({ key, operation, description: error.message }))
  )

/**
 * Synchronises everything that changed since the stored cursor, hands each batch to `onBatch` in order, then
 * stores the new cursor.
 *
 * @since 0.1.0
 * @category synchronising
 */
export const synchronise = <E, R>(
  options: Options,
  onBatch: (batch: SyncBatch) => Effect.Effect<void, E, R>
): Effect.Effect<Summary, SynchroniseError | SyncCursorError | E, V1Client | KeyValueStore.KeyValueStore | R> =>
  Effect.gen(function*() {
    const v1 = yield* V1Client
    const key = options.key ?? `synchronise/${options.formName}`
    const store = (yield* KeyValueStore.KeyValueStore).forSchema(CursorJson)
    const stored = yield* storeOperation(key, "read", () => store.get(key))
    const requested = [...new Set(options.userIds)]
    const known = Option.match(stored, {
      onNone: () => new Set<number>(),
      onSome: (cursor) => new Set(cursor.userIds)
    })
    const since = Option.match(stored, { onNone: () => 0, onSome: (cursor) => cursor.lastSynchronisationTimeOnServer })
    const continuing = requested.filter((id) => known.has(id))
    const newUsers = requested.filter((id) => !known.has(id))
    const runs = [
      ...(continuing.length > 0 ? [{ userIds: continuing, since }] : []),
      ...(newUsers.length > 0 || requested.length === 0 ? [{ userIds: newUsers, since: 0 }] : [])
    ]
    let next = Number.POSITIVE_INFINITY
    let batches = 0
    let events = 0
    let deletedEvents = 0
    for (const run of runs) {
      yield* v1.synchroniseStream({ formName: options.formName, userIds: run.userIds, since: run.since }).pipe(
        Stream.runForEach((batch) =>
          Effect.zipRight(
            onBatch(batch),
            Effect.sync(() => {
              if (batch.lastSynchronisationTimeOnServer !== undefined) {
                next = Math.min(next, batch.lastSynchronisationTimeOnServer)
              }
              batches++
              events += batch.events.length
              deletedEvents += batch.idsOfDeletedEvents.length
            })
          )
        )
      )
    }
    const cursor = new Cursor({
      lastSynchronisationTimeOnServer: Number.isFinite(next) ? next : since,
      userIds: [...requested].sort((a, b) => a - b)
    })
    yield* storeOperation(key, "write", () => store.set(key, cursor))
    return {
      key,
      since: continuing.length > 0 ? since : 0,
      next: cursor.lastSynchronisationTimeOnServer,
      batches,
      events,
      deletedEvents,
      newUsers
    }
  })
