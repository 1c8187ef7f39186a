/**
 * @since 0.1.0
 */

/**
 * Events and profiles as v1 exports them, and the input for importing them.
 *
 * @since 0.1.0
 */
export * as Event from "./Event.js"

/**
 * What to search for with `searchEvents` and `filteredSearchEvents`.
 *
 * @since 0.1.0
 */
export * as EventSearch from "./EventSearch.js"

/**
 * Dates and times as v1 sends and expects them.
 *
 * @since 0.1.0
 */
export * as EventTime from "./EventTime.js"

/**
 * Field conditions for `filteredeventsearch`.
 *
 * @since 0.1.0
 */
export * as Filter from "./Filter.js"

/**
 * Resolving imports whose outcome is unknown.
 *
 * @since 0.1.0
 */
export * as Reconcile from "./Reconcile.js"

/**
 * Incremental synchronisation that remembers where it stopped.
 *
 * @since 0.1.0
 */
export * as SyncCursor from "./SyncCursor.js"

/**
 * Users as the v1 user endpoints return them.
 *
 * @since 0.1.0
 */
export * as User from "./User.js"

/**
 * The Smartabase API v1 client.
 *
 * @since 0.1.0
 */
export * as V1Client from "./V1Client.js"

/**
 * The failures API v1 reports in the body of an HTTP 200.
 *
 * @since 0.1.0
 */
export * as V1Error from "./V1Error.js"
