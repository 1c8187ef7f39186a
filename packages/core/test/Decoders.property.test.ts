/**
 * Every decoding helper of core, fed answers no server should send: always a value or a typed error, never a
 * defect, and quickly.
 */
import { AmsHttp, AmsRequest, AmsResponse } from "@ams-effect/core"
import * as Garbage from "@ams-effect/simulator/Garbage"
import * as Headers from "@effect/platform/Headers"
import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Exit, FastCheck as fc, Option, Schema } from "effect"

const numRuns = 300

const response = (
  request: AmsRequest.AmsRequest,
  status: number,
  body: string,
  headers: Readonly<Record<string, string>> = {}
): AmsResponse.AmsResponse => ({
  request,
  url: `https://example.smartabase.com/site/api/${request.endpoint}`,
  status,
  headers: Headers.fromInput(headers),
  body,
  attempts: 1
})

/** Any status at all, including ones no HTTP server may send. */
const anyStatus = fc.oneof(Garbage.status, fc.integer({ min: 0, max: 999 }))

const requests = fc.constantFrom(
  AmsRequest.read("v1", "listgroups", { name: "" }),
  AmsRequest.write("v1", "eventsimport", { events: [] }),
  AmsRequest.read("v2", "person/get", {}),
  AmsRequest.get("v3", "forms/summaries"),
  AmsRequest.get("agile", "workOrder")
)

/** A tree with the recursion of a v3 form definition: the kind of schema that recursion can overflow. */
interface Node {
  readonly name: string
  readonly children: ReadonlyArray<Node>
}
interface NodeEncoded {
  readonly name: string
  readonly children?: ReadonlyArray<NodeEncoded> | undefined
}
const Node: Schema.Schema<Node, NodeEncoded> = Schema.Struct({
  name: Schema.String,
  children: Schema.optionalWith(Schema.Array(Schema.suspend(() => Node)), { default: () => [] })
})
const Answer = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  tags: Schema.Array(Schema.String),
  state: Schema.optional(Schema.NullOr(Schema.Literal("SUCCESS", "FAILURE"))),
  tree: Schema.optional(Node)
})
const validAnswer = {
  id: 1,
  name: "Wellness",
  tags: ["a", "b"],
  state: "SUCCESS",
  tree: { name: "root", children: [{ name: "leaf", children: [] }] }
}
const rpcEnvelope = {
  __is_rpc_exception__: true,
  type: "SessionExpiredException",
  value: { detailMessage: "Session expired", cause: { type: "X", value: null } }
}

/** The answer, the time it took, and what (if anything) is wrong with its outcome. */
const run = <A, E>(effect: Effect.Effect<A, E>, allowed: ReadonlyArray<string>) => {
  const started = performance.now()
  const exit = Effect.runSyncExit(effect)
  return { exit, millis: performance.now() - started, problem: Garbage.problem(exit, allowed) }
}

const quick = 2_000

describe("AmsResponse decoders under garbage", () => {
  it.prop(
    "json: a value or UnexpectedResponse",
    [requests, anyStatus, Garbage.bodyText([validAnswer])],
    ([request, status, body]) => {
      const outcome = run(AmsResponse.json(response(request, status, body)), ["UnexpectedResponse"])
      expect(outcome.problem).toBeUndefined()
      expect(outcome.millis).toBeLessThan(quick)
    },
    { fastCheck: { numRuns } }
  )

  it.prop(
    "decode: a value or UnexpectedResponse | ResponseDecodeError, with and without onEmpty",
    [requests, anyStatus, Garbage.bodyText([validAnswer]), fc.boolean()],
    ([request, status, body, onEmpty]) => {
      const decode = onEmpty ? AmsResponse.decode(Answer, { onEmpty: () => validAnswer }) : AmsResponse.decode(Answer)
      const outcome = run(decode(response(request, status, body)), ["UnexpectedResponse", "ResponseDecodeError"])
      expect(outcome.problem).toBeUndefined()
      expect(outcome.millis).toBeLessThan(quick)
    },
    { fastCheck: { numRuns } }
  )

  it.prop(
    "expectStatus: the response for an expected status, ServerError for 5xx, UnexpectedResponse otherwise",
    [requests, anyStatus, Garbage.bodyText(), fc.uniqueArray(anyStatus, { minLength: 1, maxLength: 3 })],
    ([request, status, body, expected]) => {
      const exit = Effect.runSyncExit(AmsResponse.expectStatus(response(request, status, body), ...expected))
      expect(Garbage.problem(exit, ["ServerError", "UnexpectedResponse"])).toBeUndefined()
      if (expected.includes(status)) expect(Exit.isSuccess(exit)).toBe(true)
      else if (status >= 500) {
        expect(Exit.isFailure(exit) && exit.cause._tag === "Fail" && exit.cause.error._tag).toBe("ServerError")
      } else {expect(Exit.isFailure(exit) && exit.cause._tag === "Fail" && exit.cause.error._tag).toBe(
          "UnexpectedResponse"
        )}
    },
    { fastCheck: { numRuns } }
  )

  it.prop(
    "rpcException never throws; it finds every well-formed envelope",
    [requests, anyStatus, Garbage.bodyText([rpcEnvelope])],
    ([request, status, body]) => {
      const started = performance.now()
      const rpc = AmsResponse.rpcException(response(request, status, body))
      expect(performance.now() - started).toBeLessThan(quick)
      if (Option.isSome(rpc)) expect(typeof rpc.value.exceptionType).toBe("string")
      if (body === JSON.stringify(rpcEnvelope)) expect(Option.isSome(rpc)).toBe(true)
    },
    { fastCheck: { numRuns } }
  )

  it.prop(
    "isSessionRefused never throws: 401 and 403 always, a 200 only for a v2 session-expired envelope",
    [requests, anyStatus, Garbage.bodyText([rpcEnvelope]), Garbage.headers],
    ([request, status, body, headers]) => {
      const refused = AmsHttp.isSessionRefused(response(request, status, body, headers))
      if (status === 401 || status === 403) expect(refused).toBe(true)
      else if (status !== 200 || request.api !== "v2") expect(refused).toBe(false)
    },
    { fastCheck: { numRuns } }
  )

  it.prop(
    "the error constructors take any answer, and their excerpts stay short",
    [requests, anyStatus, Garbage.bodyText(), Garbage.headers, fc.string(), fc.string()],
    ([request, status, body, headers, path, issue]) => {
      const answer = response(request, status, body, headers)
      const errors = [
        AmsResponse.unexpected(answer, "a JSON body"),
        AmsResponse.serverError(answer),
        AmsResponse.shapeError(answer, path, issue)
      ]
      for (const error of errors) {
        expect(typeof error.message).toBe("string")
        expect(error.bodyExcerpt.length).toBeLessThanOrEqual(300 + 40)
      }
    },
    { fastCheck: { numRuns } }
  )

  describe("regressions", () => {
    const request = AmsRequest.get("v3", "forms/event/1")

    const tagOf = <A, E>(exit: Exit.Exit<A, E>) =>
      Exit.match(exit, {
        onSuccess: () => "success",
        onFailure: (cause) => (cause._tag === "Fail" ? String((cause.error as { _tag?: unknown })._tag) : cause._tag)
      })

    it("a recursive schema 100 levels deep still decodes", () => {
      let tree = "{\"name\":\"leaf\"}"
      for (let i = 0; i < 100; i++) tree = `{"name":"n","children":[${tree}]}`
      const body = `{"id":1,"name":"F","tags":[],"tree":${tree}}`
      expect(tagOf(Effect.runSyncExit(AmsResponse.decode(Answer)(response(request, 200, body))))).toBe("success")
    })

    // Was a defect: "RangeError: Maximum call stack size exceeded" from the schema decoder (v3 form trees).
    it.each([1_000, 20_000])("a recursive schema %i levels deep is a ResponseDecodeError, not a defect", (depth) => {
      let tree = "{\"name\":\"leaf\"}"
      for (let i = 0; i < depth; i++) tree = `{"name":"n","children":[${tree}]}`
      const body = `{"id":1,"name":"F","tags":[],"tree":${tree}}`
      const exit = Effect.runSyncExit(AmsResponse.decode(Answer)(response(request, 200, body)))
      expect(tagOf(exit)).toBe("ResponseDecodeError")
      expect(String(Exit.isFailure(exit) && Cause.squash(exit.cause))).toContain("levels deep")
    })

    it("deep nesting is refused before decoding, whatever the schema", () => {
      const body = `{"id":1,"name":"F","tags":[],"extra":${Garbage.nested(100_000, "mixed")}}`
      expect(tagOf(Effect.runSyncExit(AmsResponse.decode(Answer)(response(request, 200, body)))))
        .toBe("ResponseDecodeError")
    })

    // Was taken for data: an envelope whose `type` is not a string did not decode, so the failure was lost.
    it("an RPC envelope with a malformed type or value is still an RPC exception", () => {
      const v2 = AmsRequest.read("v2", "person/get", {})
      const malformed = (body: unknown) => AmsResponse.rpcException(response(v2, 200, JSON.stringify(body)))
      expect(malformed({ __is_rpc_exception__: true, type: ["DuplicateUsernameException"] })).toEqual(
        Option.some({ exceptionType: "UnknownException", detailMessage: undefined, cause: null })
      )
      expect(malformed({ __is_rpc_exception__: true, type: "X", value: "boom" })).toEqual(
        Option.some({ exceptionType: "X", detailMessage: undefined, cause: "boom" })
      )
      expect(malformed({ __is_rpc_exception__: true, value: { detailMessage: 5, cause: { a: 1 } } })).toEqual(
        Option.some({ exceptionType: "UnknownException", detailMessage: undefined, cause: { a: 1 } })
      )
      expect(malformed({ __is_rpc_exception__: "true" })).toEqual(Option.none())
    })

    it("a valid, shallow answer still decodes", () => {
      const exit = Effect.runSyncExit(AmsResponse.decode(Answer)(response(request, 200, JSON.stringify(validAnswer))))
      expect(Exit.isSuccess(exit)).toBe(true)
    })
  })
})
