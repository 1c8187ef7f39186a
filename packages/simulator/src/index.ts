/**
 * `@ams-effect/simulator`: an in-memory Smartabase / Teamworks AMS server with fault injection, for tests and
 * examples.
 *
 * @since 0.1.0
 */

/**
 * The server: `Simulator.layer(options)` and the `Simulator` service.
 *
 * @since 0.1.0
 */
export * as Simulator from "./Simulator.js"

/**
 * Faults to inject and the rules that apply them.
 *
 * @since 0.1.0
 */
export * as Fault from "./Fault.js"

/**
 * The deterministic demo site and the seed data types.
 *
 * @since 0.1.0
 */
export * as DemoData from "./DemoData.js"

/**
 * The AgileAssets REST API v1 seed tables and their types.
 *
 * @since 0.1.0
 */
export * as AgileData from "./AgileData.js"

/**
 * The request log and counters types, and the redaction they use.
 *
 * @since 0.1.0
 */
export * as RequestLog from "./RequestLog.js"

/**
 * Driving the TestClock in tests whose fibers do real I/O against the simulator.
 *
 * @since 0.1.0
 */
export * as TestTime from "./TestTime.js"
