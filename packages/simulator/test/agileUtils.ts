/** Helpers for the AgileAssets REST API v1 tests: real HTTP calls over undici to the simulator's `agileUrl`. */
import { HttpBody, HttpClient, HttpClientRequest } from "@effect/platform"
import { Effect } from "effect"
import { Simulator } from "../src/index.js"
import type { Answer } from "./utils.js"

export interface AgileCallOptions {
  /** A string is sent as is (e.g. malformed JSON); anything else as JSON. */
  readonly body?: unknown
  /** Default `application/json` when there is a body; `null` sends no Content-Type at all. */
  readonly contentType?: string | null
  /** The Q object (JSON-encoded, then URL-encoded), or a raw string to URL-encode as it is. */
  readonly q?: unknown
  readonly headers?: Record<string, string>
}

/** `path` is relative to `agileUrl` (`"workOrder/1621"`), or to the server when it starts with `/`. */
export const agile = (
  method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH",
  path: string,
  options: AgileCallOptions = {}
) =>
  Effect.gen(function*() {
    const sim = yield* Simulator.Simulator
    const client = yield* HttpClient.HttpClient
    const base = path.startsWith("/") ? `${sim.url}${path}` : `${sim.agileUrl}/${path}`
    const q = options.q === undefined ?
      "" :
      `?q=${encodeURIComponent(typeof options.q === "string" ? options.q : JSON.stringify(options.q))}`
    let request = HttpClientRequest.make(method)(`${base}${q}`)
    if (options.body !== undefined) {
      const text = typeof options.body === "string" ? options.body : JSON.stringify(options.body)
      const bytes = new TextEncoder().encode(text)
      request = options.contentType === null ?
        HttpClientRequest.setBody(request, HttpBody.raw(bytes)) :
        HttpClientRequest.bodyUint8Array(request, bytes, options.contentType ?? "application/json")
    }
    if (options.headers !== undefined) request = HttpClientRequest.setHeaders(request, options.headers)
    const response = yield* client.execute(request)
    const text = yield* response.text
    return { status: response.status, headers: response.headers, text } satisfies Answer
  }).pipe(Effect.scoped)

/** GETs and parses a 200 JSON answer (dies otherwise). */
export const agileGet = <A = Record<string, unknown>>(path: string, q?: unknown) =>
  Effect.flatMap(agile("GET", path, q === undefined ? {} : { q }), (answer) =>
    answer.status === 200
      ? Effect.succeed(JSON.parse(answer.text) as A)
      : Effect.dieMessage(`GET ${path} answered ${answer.status}: ${answer.text}`))

/** The rows of a collection answer `{"<TABLE>": [rows]}`. */
export const rowsOf = (body: Record<string, unknown>, table: string): ReadonlyArray<Record<string, unknown>> =>
  body[table] as ReadonlyArray<Record<string, unknown>>

/** The work-order ids a `q` selects, in answer order. */
export const workOrderIds = (q: unknown) =>
  Effect.map(
    agileGet("workOrder", q),
    (body) => rowsOf(body, "WORK_ORDERS").map((row) => row.WORK_ORDER_ID as number)
  )

/** A JSON error body as the tests read it. */
export interface AgileErrorBody {
  readonly status: string
  readonly message: string
}

/** Parses a JSON error answer, checking its Content-Type and that `status` is the HTTP status as a string. */
export const jsonError = (answer: Answer): AgileErrorBody => {
  if (answer.headers["content-type"] !== "application/json") {
    throw new Error(`expected a JSON error, got ${answer.headers["content-type"]}: ${answer.text}`)
  }
  const body = JSON.parse(answer.text) as AgileErrorBody
  if (body.status !== String(answer.status)) {
    throw new Error(`status ${JSON.stringify(body.status)} != ${answer.status}`)
  }
  return body
}

/** Whether an answer is a non-JSON page (text/html or text/plain). */
export const isPage = (answer: Answer): boolean => /^text\/(html|plain)/.test(answer.headers["content-type"] ?? "")
