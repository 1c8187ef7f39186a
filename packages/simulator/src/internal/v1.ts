/**
 * The API v1 conventions every v1 route shares (body-state convention): Basic or session authentication, 401 as a
 * text/html page, JSON answers without a Content-Type header, the empty-result styles of §7.1, and the lenient
 * reading of request bodies (R sends a one-element array as a scalar, numbers sometimes as strings).
 *
 * @since 0.1.0
 * @internal
 */
import * as Effect from "effect/Effect"
import type * as DemoData from "../DemoData.js"
import type { Reply, RouteRequest } from "./http.js"
import { badRequest, parseJson, unauthorized, v1Json } from "./http.js"
import type { SimulatorState } from "./state.js"

/**
 * Runs a v1 handler for an authenticated account with its parsed JSON body: 401 without valid credentials or
 * with an unknown/expired session, 400 when the body is not JSON.
 *
 * @internal
 */
export const v1Handler = (
  handler: (account: DemoData.Account, body: unknown, request: RouteRequest) => Reply
) =>
(request: RouteRequest): Effect.Effect<Reply> =>
  Effect.sync(() => {
    const auth = request.auth
    if (auth._tag !== "Basic" && auth._tag !== "Session") return unauthorized
    const parsed = parseJson(request.bodyText)
    if (parsed === undefined) return badRequest
    return handler(auth.account, parsed.value, request)
  })

/** A list member as sent: an array as is, a scalar as a one-element list, absent/null as empty. @internal */
export const asList = (value: unknown): ReadonlyArray<unknown> =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]

/** An integer sent as a number or a numeric string; `undefined` otherwise. @internal */
export const asInt = (value: unknown): number | undefined => {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : undefined
  if (typeof value === "string" && /^\s*-?\d+\s*$/.test(value)) {
    const n = Number(value)
    return Number.isSafeInteger(n) ? n : undefined
  }
  return undefined
}

/** Strings sent as a list or a scalar; `undefined` when a member is not a string. @internal */
export const stringList = (value: unknown): ReadonlyArray<string> | undefined => {
  const list = asList(value)
  return list.every((item): item is string => typeof item === "string") ? list : undefined
}

/** Integers sent as a list or a scalar (numbers or numeric strings); `undefined` when one is neither. @internal */
export const intList = (value: unknown): ReadonlyArray<number> | undefined => {
  const out: Array<number> = []
  for (const item of asList(value)) {
    const n = asInt(item)
    if (n === undefined) return undefined
    out.push(n)
  }
  return out
}

/** Removes repeated members, keeping first occurrences in order. @internal */
export const unique = <A>(items: Iterable<A>): ReadonlyArray<A> => Array.from(new Set(items))

/**
 * A search answer: `{key: items}`, or for no items the configured §7.1 style (`{key: []}`, `{}`, or an empty
 * body).
 *
 * @internal
 */
export const searchAnswer = (state: SimulatorState, key: string, items: ReadonlyArray<unknown>): Reply => {
  if (items.length > 0) return v1Json({ [key]: items })
  switch (state.emptyResultStyle) {
    case "array":
      return v1Json({ [key]: [] })
    case "object":
      return v1Json({})
    case "empty":
      return { status: 200, headers: {}, body: "", chunked: true }
  }
}
