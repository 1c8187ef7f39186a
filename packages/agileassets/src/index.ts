/**
 * @since 0.1.0
 */

/**
 * The AgileAssets AMS REST API v1 client.
 *
 * @since 0.1.0
 */
export * as AgileClient from "./AgileClient.js"

/**
 * Where the AgileAssets API lives and how to authenticate to it.
 *
 * @since 0.1.0
 */
export * as AgileConfig from "./AgileConfig.js"

/**
 * AgileAssets' internal date forms (`yyyyMMdd`, `yyyyMMddHHmmss`).
 *
 * @since 0.1.0
 */
export * as AgileDate from "./AgileDate.js"

/**
 * The AgileAssets API 1 error convention, as typed errors.
 *
 * @since 0.1.0
 */
export * as AgileError from "./AgileError.js"

/**
 * The `q` object: projection, filter (compiled to RPN), sort, page.
 *
 * @since 0.1.0
 */
export * as Q from "./Q.js"
