/**
 * Answers no server should send, for property tests of clients: fast-check arbitraries of bodies (arbitrary JSON,
 * wrong types, huge strings, deep nesting, invalid UTF-8, lone surrogates, cut-off and empty bodies, HTML, valid
 * shapes with fields removed or retyped) and of whole replies (status, headers, bytes, how the body ends), a raw
 * HTTP server on 127.0.0.1 that answers each request with the reply the current test case dictates, and a check
 * that an outcome is a value or a typed failure — never a defect, never an interruption.
 *
 * Unlike `Simulator`, it speaks no API: it only replays what it is told, byte for byte.
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as fc from "effect/FastCheck"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import type * as Scope from "effect/Scope"
import * as Http from "node:http"

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/**
 * Bytes as an HTTP client reads them into text: UTF-8, each invalid sequence replaced by U+FFFD.
 *
 * @since 0.1.0
 * @category utils
 */
export const decodeUtf8 = (bytes: Uint8Array): string => decoder.decode(bytes)

/**
 * Nests `depth` arrays, objects or both around `leaf`, as JSON text.
 *
 * @since 0.1.0
 * @category utils
 */
export const nested = (depth: number, kind: "array" | "object" | "mixed", leaf = "1"): string => {
  const open: Array<string> = []
  const close: Array<string> = []
  for (let i = 0; i < depth; i++) {
    const object = kind === "object" || (kind === "mixed" && i % 2 === 1)
    open.push(object ? "{\"a\":" : "[")
    close.push(object ? "}" : "]")
  }
  return open.join("") + leaf + close.reverse().join("")
}

type Mutation = {
  readonly at: number
  readonly how: "remove" | "retype" | "null" | "wrap" | "stringify" | "empty"
  readonly replacement: unknown
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  how: fc.constantFrom("remove", "retype", "null", "wrap", "stringify", "empty"),
  replacement: fc.jsonValue({ maxDepth: 2 })
})

type Slot = { readonly parent: Record<string, unknown> | Array<unknown>; readonly key: string | number }

/** Every place in a JSON value that holds a value, depth first. */
const slotsOf = (root: unknown): Array<Slot> => {
  const slots: Array<Slot> = []
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        slots.push({ parent: node, key: i })
        walk(child)
      })
    } else if (typeof node === "object" && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        slots.push({ parent: node as Record<string, unknown>, key })
        walk(child)
      }
    }
  }
  walk(root)
  return slots
}

const applyMutation = (root: unknown, { at, how, replacement }: Mutation): unknown => {
  const slots = slotsOf(root)
  const slot = slots[at % Math.max(slots.length, 1)]
  // The replacement is fast-check's own value: copied, so that later mutations never change it.
  if (slot === undefined) return how === "wrap" ? [root] : structuredClone(replacement)
  const { key, parent } = slot
  const current = Array.isArray(parent) ? parent[key as number] : parent[key as string]
  const next = how === "retype"
    ? structuredClone(replacement)
    : how === "null"
    ? null
    : how === "wrap"
    ? [current]
    : how === "stringify"
    ? JSON.stringify(current) ?? ""
    : how === "empty"
    ? (Array.isArray(current) ? [] : typeof current === "object" && current !== null ? {} : "")
    : undefined
  if (Array.isArray(parent)) {
    if (how === "remove") parent.splice(key as number, 1)
    else parent[key as number] = next
  } else if (how === "remove") {
    delete parent[key as string]
  } else {
    parent[key as string] = next
  }
  return root
}

/**
 * A valid value with one to three of its fields (at any depth) removed, retyped, nulled, wrapped in an array,
 * turned into text or emptied.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const mutated = (valid: unknown): fc.Arbitrary<unknown> =>
  fc.array(mutation, { minLength: 1, maxLength: 3 }).map((mutations) =>
    mutations.reduce((value, m) => applyMutation(value, m), structuredClone(valid))
  )

/** Text that is not JSON at all, or JSON of no use. */
const junkText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "\n",
    "\r\n\t ",
    "\u00a0",
    "\ufeff",
    "null",
    "true",
    "0",
    "-0",
    "1e999",
    "-1e999",
    "123456789012345678901234567890",
    "\"\"",
    "\"text\"",
    "[]",
    "{}",
    "[null]",
    "{\"__proto__\":{\"polluted\":true}}",
    "{\"__proto__\":[]}",
    "{\"constructor\":{\"prototype\":{}}}",
    "{\"toString\":1,\"valueOf\":null,\"hasOwnProperty\":\"x\"}",
    "{\"a\":1,\"a\":\"twice\"}",
    "{\"a\":",
    "[1,2,",
    "{\"unterminated\":\"",
    "\ufeff{}",
    "undefined",
    "NaN",
    "{'single':'quotes'}",
    "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>",
    "<html><body>Down for maintenance</body></html>",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><error><message>oops</message></error>",
    "Internal Server Error",
    "Unauthorized"
  ),
  fc.json({ maxDepth: 4 }),
  fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }).map((value) => {
    try {
      return JSON.stringify(value) ?? ""
    } catch {
      return String(value)
    }
  }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.array(fc.integer({ min: 0xd800, max: 0xdfff }), { minLength: 1, maxLength: 8 }).map((codes) =>
    `{"message":"${String.fromCharCode(...codes)}","state":"${String.fromCharCode(...codes)}"}`
  ),
  fc.tuple(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom("array" as const, "object" as const, "mixed" as const))
    .map(([depth, kind]) => nested(depth, kind)),
  fc.tuple(fc.integer({ min: 10_000, max: 300_000 }), fc.constantFrom("x", "{", "[", "\"", "é", "\\", " "))
    .map(([length, char]) => char.repeat(length)),
  fc.integer({ min: 10_000, max: 300_000 }).map((length) =>
    JSON.stringify({
      state: "x".repeat(length),
      message: "y".repeat(length),
      name: ["z".repeat(length)],
      errors: [{ errorCode: "c".repeat(length), message: "m" }]
    })
  )
)

const deepMarker = "\u0000deep\u0000"

/**
 * The shape with one of its trees grown `depth` levels deep, if it has one: a field holding an array whose first
 * element has the same field (a form's `children`), nested in itself as a recursive schema would follow it.
 */
const recursed = (valid: unknown, depth: number, at: number): string | undefined => {
  const root = structuredClone(valid)
  const trees = slotsOf(root).flatMap(({ key, parent }) => {
    if (Array.isArray(parent) || typeof key !== "string") return []
    const value = parent[key]
    const element: unknown = Array.isArray(value) ? value[0] : undefined
    return typeof element === "object" && element !== null && !Array.isArray(element) &&
        Array.isArray((element as Record<string, unknown>)[key])
      ? [{ parent, key, element }]
      : []
  })
  const tree = trees[at % Math.max(trees.length, 1)]
  if (tree === undefined) return undefined
  const marker = JSON.stringify(deepMarker)
  const [left = "", right = ""] = (JSON.stringify({ ...tree.element, [tree.key]: deepMarker }) ?? "").split(marker)
  tree.parent[tree.key] = deepMarker
  const chain = `${`[${left}`.repeat(depth)}[]${`${right}]`.repeat(depth)}`
  return (JSON.stringify(root) ?? "").replace(marker, () => chain)
}

/** The shape with one of its strings made `length` characters longer. */
const inflated = (valid: unknown, length: number, at: number): string => {
  const root = structuredClone(valid)
  const strings = slotsOf(root).filter(({ key, parent }) =>
    typeof (Array.isArray(parent) ? parent[key as number] : parent[key as string]) === "string"
  )
  const slot = strings[at % Math.max(strings.length, 1)]
  if (slot !== undefined) {
    if (Array.isArray(slot.parent)) slot.parent[slot.key as number] += "x".repeat(length)
    else slot.parent[slot.key as string] += "x".repeat(length)
  }
  return JSON.stringify(root) ?? ""
}

/** A valid shape as text: whole, mutated, cut off, or with a huge string, a huge array or deep nesting inside. */
const shapedText = (valid: unknown): fc.Arbitrary<string> => {
  const text = JSON.stringify(valid) ?? "null"
  return fc.oneof(
    fc.constant(text),
    mutated(valid).map((value) => JSON.stringify(value) ?? ""),
    mutated(valid).map((value) => JSON.stringify(value) ?? ""),
    fc.nat({ max: Math.max(text.length - 1, 0) }).map((end) => text.slice(0, end)),
    fc.tuple(fc.integer({ min: 10_000, max: 300_000 }), fc.nat()).map(([length, at]) => inflated(valid, length, at)),
    fc.tuple(fc.integer({ min: 1, max: 5_000 }), fc.nat()).map(([depth, at]) =>
      recursed(valid, depth, at) ??
        (JSON.stringify(applyMutation(structuredClone(valid), { at, how: "retype", replacement: deepMarker })) ?? "")
          .replace(JSON.stringify(deepMarker), () => nested(depth, "mixed"))
    ),
    fc.integer({ min: 1_000, max: 10_000 }).map((count) => {
      let inflated = false
      return JSON.stringify(valid, (_key, value: unknown) => {
        if (inflated || !Array.isArray(value) || value.length === 0) return value
        inflated = true
        return Array.from({ length: count }, () => value[0])
      })
    })
  )
}

/**
 * Body text: junk of every kind, and, for each of `shapes` (valid answers of the endpoint under test), that
 * answer whole, mutated, cut off, inflated or deepened. Invalid UTF-8 appears as the replacement characters an
 * HTTP client would read.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const bodyText = (shapes: ReadonlyArray<unknown> = []): fc.Arbitrary<string> =>
  fc.oneof(
    { arbitrary: junkText, weight: 3 },
    { arbitrary: invalidUtf8(shapes).map(decodeUtf8), weight: 1 },
    ...shapes.map((shape) => ({ arbitrary: shapedText(shape), weight: 2 }))
  )

const invalidSequences: ReadonlyArray<ReadonlyArray<number>> = [
  [0xff],
  [0xfe, 0xff],
  [0x80],
  [0xc3],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xc0, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80]
]

/** Raw bytes, and valid JSON with invalid UTF-8 sequences spliced in. */
const invalidUtf8 = (shapes: ReadonlyArray<unknown>): fc.Arbitrary<Uint8Array> =>
  fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    fc.tuple(
      fc.constantFrom(...shapes.map((shape) => JSON.stringify(shape) ?? "null"), "{\"state\":\"SUCCESS\"}"),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom(...invalidSequences)), { minLength: 1, maxLength: 4 })
    ).map(([text, splices]) => {
      const bytes = [...encoder.encode(text)]
      for (const [at, sequence] of splices) bytes.splice(at % (bytes.length + 1), 0, ...sequence)
      return Uint8Array.from(bytes)
    })
  )

/**
 * Body bytes: {@link bodyText} encoded, and invalid UTF-8 as it comes off the wire.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const bodyBytes = (shapes: ReadonlyArray<unknown> = []): fc.Arbitrary<Uint8Array> =>
  fc.oneof(
    { arbitrary: bodyText(shapes).map((text) => encoder.encode(text)), weight: 3 },
    { arbitrary: invalidUtf8(shapes), weight: 1 }
  )

/**
 * An HTTP status: mostly the ones servers send, sometimes any other of 200–599.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const status: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.constant(200), weight: 6 },
  {
    arbitrary: fc.constantFrom(
      201,
      204,
      301,
      302,
      304,
      400,
      401,
      403,
      404,
      405,
      408,
      409,
      415,
      422,
      429,
      500,
      502,
      503,
      504
    ),
    weight: 3
  },
  { arbitrary: fc.integer({ min: 200, max: 599 }), weight: 1 }
)

/**
 * Response headers: a content type that may lie, and stray `Retry-After`, `Content-Encoding` and session headers.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const headers: fc.Arbitrary<Readonly<Record<string, string>>> = fc.record(
  {
    "content-type": fc.constantFrom(
      "application/json",
      "application/json;charset=UTF-8",
      "application/json; charset=iso-8859-1",
      "text/html; charset=utf-8",
      "text/plain",
      "application/octet-stream",
      "multipart/form-data; boundary=x",
      "garbage"
    ),
    "retry-after": fc.constantFrom("0", "1", "-1", "abc", "Wed, 21 Oct 2015 07:28:00 GMT", "99999999999"),
    "content-encoding": fc.constantFrom("gzip", "identity", "br"),
    "session-header": fc.stringMatching(/^[A-Za-z0-9._-]{0,40}$/),
    "set-cookie": fc.constantFrom("JSESSIONID=; Path=/", "JSESSIONID=abc; Path=/", "other=1")
  },
  { requiredKeys: [] }
)

/**
 * A whole reply. `ending`: `complete`; `truncated` (a `Content-Length` longer than the bytes sent, then the
 * connection is cut); `cut` (chunked, then cut before the last chunk); `reset` (the connection is cut before any
 * answer).
 *
 * @since 0.1.0
 * @category models
 */
export interface Reply {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array
  readonly ending: "complete" | "truncated" | "cut" | "reset"
}

/**
 * Replies of every kind; `shapes` are valid answers of the endpoint under test (see {@link bodyText}).
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const reply = (shapes: ReadonlyArray<unknown> = []): fc.Arbitrary<Reply> =>
  fc.record({
    status,
    headers,
    body: bodyBytes(shapes),
    ending: fc.oneof(
      { arbitrary: fc.constant("complete" as const), weight: 12 },
      { arbitrary: fc.constantFrom("truncated" as const, "cut" as const, "reset" as const), weight: 1 }
    )
  })

/**
 * A valid v2 `user/loginUser` answer: the login JSON with the token in `session-header` and the `JSESSIONID`
 * cookie, so that the calls after it reach whatever reply a test dictates.
 *
 * @since 0.1.0
 * @category constants
 */
export const loginReply: Reply = {
  status: 200,
  headers: {
    "content-type": "application/json;charset=UTF-8",
    "session-header": "garbage-session-token",
    "set-cookie": "JSESSIONID=garbage-session-token; Path=/; Secure; HttpOnly"
  },
  body: encoder.encode(JSON.stringify({
    isAthlete: false,
    isCoach: true,
    isAdmin: false,
    applicationId: 1,
    user: { id: 1, username: "coach", firstName: "Casey", lastName: "Coach", skypeName: "upload-token" },
    loginActions: [],
    restrictionPolicyIds: [],
    permissions: []
  })),
  ending: "complete"
}

/**
 * A request as the server received it.
 *
 * @since 0.1.0
 * @category models
 */
export interface ReceivedRequest {
  readonly method: string
  /** The path and query, as sent (`/site/api/v1/listgroups?informat=json&format=json`). */
  readonly url: string
  readonly body: string
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** `http://127.0.0.1:{port}`, without a trailing slash. */
  readonly url: string
  /** Answers every request from now on with what `respond` returns for it. */
  readonly answer: (respond: (request: ReceivedRequest) => Reply) => Effect.Effect<void>
  /** How many requests have arrived. */
  readonly requests: Effect.Effect<number>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class GarbageServer
  extends Context.Tag("@ams-effect/simulator/Garbage/GarbageServer")<GarbageServer, Service>()
{}

const send = (response: Http.ServerResponse, answer: Reply) => {
  const socket = response.socket
  if (answer.ending === "reset") {
    socket?.destroy()
    return
  }
  const headers: Record<string, string | number> = { ...answer.headers }
  // 204 and 304 never have a body: Node sends none, so they get no length to contradict.
  const bodiless = answer.status === 204 || answer.status === 304
  if (answer.ending === "truncated" && !bodiless) headers["content-length"] = answer.body.length + 17
  else if (answer.ending === "complete" && !bodiless) headers["content-length"] = answer.body.length
  response.writeHead(answer.status, headers)
  if (answer.ending === "complete") {
    response.end(answer.body)
    return
  }
  response.write(answer.body.subarray(0, Math.ceil(answer.body.length / 2)), () => socket?.destroy())
}

/**
 * Starts the server on 127.0.0.1 (a free port); it closes, with every connection, when the scope ends. Until
 * told otherwise it answers `204`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, Scope.Scope> = Effect.gen(function*() {
  const responder = yield* Ref.make<(request: ReceivedRequest) => Reply>(() => ({
    status: 204,
    headers: {},
    body: new Uint8Array(),
    ending: "complete"
  }))
  const count = yield* Ref.make(0)
  const server = yield* Effect.acquireRelease(
    Effect.async<Http.Server>((resume) => {
      const server = Http.createServer((request, response) => {
        const chunks: Array<Buffer> = []
        request.on("data", (chunk: Buffer) => chunks.push(chunk))
        request.on("end", () => {
          const received = {
            method: request.method ?? "GET",
            url: request.url ?? "/",
            body: Buffer.concat(chunks).toString()
          }
          const answer = Effect.runSync(Effect.zipRight(Ref.update(count, (n) => n + 1), Ref.get(responder)))(received)
          try {
            send(response, answer)
          } catch {
            response.socket?.destroy()
          }
        })
      })
      server.once("error", (error) => resume(Effect.die(error)))
      server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
    }),
    (server) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  )
  const address = server.address()
  const port = typeof address === "object" && address !== null ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    answer: (respond) => Ref.set(responder, respond),
    requests: Ref.get(count)
  }
})

/**
 * The server as a layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<GarbageServer> = Layer.scoped(GarbageServer, make)

/**
 * What is wrong with an outcome, or `undefined` when it is a value or a failure whose every error has a `_tag`
 * in `allowed` and a readable `message`. A defect (a thrown exception, a failed assertion inside the library),
 * an interruption or an error of another kind is described, with the cause.
 *
 * @since 0.1.0
 * @category checks
 */
export const problem = <A, E>(exit: Exit.Exit<A, E>, allowed: ReadonlyArray<string>): string | undefined => {
  if (Exit.isSuccess(exit)) return undefined
  const cause = exit.cause
  if (Cause.isDie(cause)) return `a defect: ${Cause.pretty(cause)}`
  if (Cause.isInterrupted(cause)) return `an interruption: ${Cause.pretty(cause)}`
  const failures = [...Cause.failures(cause)]
  if (failures.length === 0) return `no failure in the cause: ${Cause.pretty(cause)}`
  for (const error of failures) {
    const tag = typeof error === "object" && error !== null && "_tag" in error ? String(error._tag) : undefined
    if (tag === undefined || !allowed.includes(tag)) {
      return `an error outside ${allowed.join(" | ")}: ${Cause.pretty(cause)}`
    }
    let message: unknown
    try {
      message = (error as { readonly message?: unknown }).message
    } catch (thrown) {
      return `${tag}'s message throws: ${String(thrown)}`
    }
    if (typeof message !== "string" || message === "") return `${tag} has no message`
  }
  return undefined
}
