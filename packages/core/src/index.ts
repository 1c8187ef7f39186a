/**
 * @since 0.1.0
 */

/**
 * Where and as whom to connect, validated once.
 *
 * @since 0.1.0
 */
export * as AmsConfig from "./AmsConfig.js"

/**
 * The errors every AMS API version shares.
 *
 * @since 0.1.0
 */
export * as AmsError from "./AmsError.js"

/**
 * The one request pipeline of every Smartabase API version.
 *
 * @since 0.1.0
 */
export * as AmsHttp from "./AmsHttp.js"

/**
 * A description of one AMS API call.
 *
 * @since 0.1.0
 */
export * as AmsRequest from "./AmsRequest.js"

/**
 * A raw AMS answer and the decoding helpers every API version uses on it.
 *
 * @since 0.1.0
 */
export * as AmsResponse from "./AmsResponse.js"

/**
 * How transient failures are retried.
 *
 * @since 0.1.0
 */
export * as RetryPolicy from "./RetryPolicy.js"

/**
 * The AMS session: one shared login, kept and renewed.
 *
 * @since 0.1.0
 */
export * as Session from "./Session.js"

/**
 * Calendar dates as every Smartabase API version writes them: `dd/mm/yyyy`.
 *
 * @since 0.1.0
 */
export * as WireDate from "./WireDate.js"

/**
 * The transport under every AMS call: credentials, timeout, span, retry.
 *
 * @since 0.1.0
 */
export * as Transport from "./Transport.js"

/**
 * An `HttpClient` for Node on undici with little work per request: a drop-in for `NodeHttpClient.layerUndici`.
 *
 * @since 0.1.0
 */
export * as UndiciHttpClient from "./UndiciHttpClient.js"
