/**
 * Test wiring for the v3 client: a fresh simulator on 127.0.0.1 per test and the client configured against it.
 */
import { AmsTest } from "@ams-effect/testing"
import { V3Client } from "@ams-effect/v3"
import { Layer } from "effect"

export type Options = AmsTest.Options

/** `V3Client` (and the pipeline and session) against the `Simulator` in context, over real HTTP (undici). */
export const clientLayer = (options: Omit<Options, "simulator"> = {}) =>
  V3Client.layer.pipe(Layer.provideMerge(AmsTest.connection(options)))

/** A fresh simulator and the client against it. */
export const layer = (options: Options = {}) => V3Client.layer.pipe(Layer.provideMerge(AmsTest.layer(options)))

/** The simulator's requests, optionally only those to one route (`"v3/forms/:type/:id"`). */
export const requestsTo = AmsTest.requestsTo

/** A v3 error body, as the server writes it. */
export const errorBody = (
  status: number,
  href: string,
  errors: ReadonlyArray<{ readonly errorCode: string; readonly message: string }>
): string => JSON.stringify({ status, href, errors: errors.map((error) => ({ ...error, metaData: null })) })
