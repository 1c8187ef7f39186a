/**
 * The two HTTP clients the pipeline runs on, by name — Effect's undici client and this project's leaner one — for
 * the soak and the benchmarks, which run on either and compare them.
 */
import { UndiciHttpClient } from "@ams-effect/core"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"

export const httpClients = {
  "NodeHttpClient.layerUndici": NodeHttpClient.layerUndici,
  "UndiciHttpClient.layer": UndiciHttpClient.layer
} as const

export type HttpClientName = keyof typeof httpClients

export const httpClientNames = Object.keys(httpClients) as ReadonlyArray<HttpClientName>
