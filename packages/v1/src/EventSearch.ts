/**
 * What to search for with `searchEvents` and `filteredSearchEvents`.
 *
 * The search runs from `from` at `startTime` (default `12:00 AM`) to `to` at `finishTime` (default `11:59 PM`),
 * both ends included; a period that ends before it starts (`to` before `from`, or on one day `finishTime` before
 * `startTime`) is an `InvalidRequest`. `userIds` is required: resolve users first (`searchUsers`, `groupMembers`).
 *
 * @since 0.1.0
 */
import type * as EventTime from "./EventTime.js"
import type * as Filter from "./Filter.js"

/**
 * The forms, users and period of an event search (`searchEvents`).
 *
 * @since 0.1.0
 * @category models
 */
export interface EventSearch {
  /** One form name or several, exact and case-sensitive. */
  readonly forms: string | ReadonlyArray<string>
  readonly userIds: ReadonlyArray<number>
  readonly from: EventTime.DateInput
  readonly to: EventTime.DateInput
  readonly startTime?: EventTime.TimeInput | undefined
  readonly finishTime?: EventTime.TimeInput | undefined
  /** Keep only the N most recent events of each user. */
  readonly resultsPerUser?: number | undefined
}

/**
 * An event search that also keeps only the events whose field values meet the filters (`filteredSearchEvents`).
 *
 * @since 0.1.0
 * @category models
 */
export interface FilteredEventSearch extends EventSearch {
  /** Conditions on field values, per form (see `Filter`). */
  readonly filters: ReadonlyArray<Filter.FormFilter>
}

/**
 * The profile forms and users whose profiles to read.
 *
 * @since 0.1.0
 * @category models
 */
export interface ProfileSearch {
  readonly forms: string | ReadonlyArray<string>
  readonly userIds: ReadonlyArray<number>
}
