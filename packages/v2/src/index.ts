/**
 * @since 0.1.0
 */

/**
 * Persons (user accounts) as v2 exchanges them, and the inputs to create or change one.
 *
 * @since 0.1.0
 */
export * as Person from "./Person.js"

/**
 * Which persons `getPersons` returns, compiled to v2's filter tree.
 *
 * @since 0.1.0
 */
export * as PersonFilter from "./PersonFilter.js"

/**
 * The Smartabase API v2 client.
 *
 * @since 0.1.0
 */
export * as V2Client from "./V2Client.js"

/**
 * The v2 convention's errors: RPC exceptions, and what the client adds.
 *
 * @since 0.1.0
 */
export * as V2Error from "./V2Error.js"
