/**
 * Test wiring shared by the client packages.
 */
export * as AmsTest from "./AmsTest.js"
