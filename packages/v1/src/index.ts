/**
 * @since 0.1.0
 */

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
