/**
 * Test wiring shared by the client packages.
 */
export * as AmsTest from "./AmsTest.js"

/**
 * What the packages' property tests share.
 */
export * as Fuzz from "./Fuzz.js"
