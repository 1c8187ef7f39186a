/**
 * `@ams-effect/v3`: the Smartabase / Teamworks AMS API v3 (REST convention) as a typed Effect service.
 *
 * @since 0.1.0
 */

/**
 * Athletes as `group-athletes` lists them.
 *
 * @since 0.1.0
 */
export * as Athlete from "./Athlete.js"

/**
 * Form summaries and definitions, and helpers for field names.
 *
 * @since 0.1.0
 */
export * as Form from "./Form.js"

/**
 * The Smartabase API v3 client.
 *
 * @since 0.1.0
 */
export * as V3Client from "./V3Client.js"

/**
 * The failures API v3 reports, and those `validateImport` finds before sending.
 *
 * @since 0.1.0
 */
export * as V3Error from "./V3Error.js"
