/**
 * Every v3 decoder and error mapper, fed answers no server should send (through a fake pipeline that returns the
 * generated answers): always a value or a typed error, never a defect, quickly; a mapped error keeps every entry.
 */
import { AmsHttp, AmsRequest } from "@ams-effect/core"
import * as Garbage from "@ams-effect/simulator/Garbage"
import { Fuzz } from "@ams-effect/testing"
import { V3Client } from "@ams-effect/v3"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, FastCheck as fc, Option, Schema } from "effect"
import * as Answer from "../src/internal/answer.js"

const numRuns = 150

/** v3 answers: mostly the statuses servers send, and 404/422 more often than elsewhere. */
const v3Status = fc.oneof(Garbage.status, fc.constantFrom(404, 422, 404, 422, 400, 409))

const reply = (shapes: ReadonlyArray<unknown>) => Fuzz.reply(shapes, v3Status)

/** One to three answers, given in turn to the requests of one call. */
const replies = (shapes: ReadonlyArray<unknown>) => Fuzz.replies(shapes, v3Status)

const client = (given: ReadonlyArray<Fuzz.Reply>): V3Client.Service =>
  Effect.runSync(V3Client.make.pipe(Effect.provideService(AmsHttp.AmsHttp, Fuzz.fakeHttp(given))))

const core = ["ServerError", "UnexpectedResponse", "ResponseDecodeError"]
const readErrors = [...core, "V3ApiError"]
const itemErrors = [...readErrors, "V3ItemNotFound"]
const allErrors = [...itemErrors, "V3RequiredFieldMissing", "V3ValueNotParsable"]

const formDefinition = {
  id: 1001,
  name: "Wellness",
  type: "FormFieldSet",
  children: [
    { type: "FormItem", name: "Sleep", required: true, formItemType: "Number", options: [], scores: null },
    {
      type: "FormFieldSet",
      name: "Sets",
      children: [{ type: "FormItem", name: "Reps", required: false, formItemType: "Number", dateSelection: null }]
    }
  ]
}
const errorBody = {
  status: 422,
  href: "/api/v3/forms/event/1001",
  errors: [
    { errorCode: "requiredFieldMissing", message: "name is required", metaData: null },
    { errorCode: "valueNotParsable", message: "id", metaData: { field: "id" } },
    { errorCode: "itemNotFound", message: "no such form", metaData: null }
  ]
}
const shapes = {
  summaries: {
    event: [{ id: 1001, name: "Wellness", mainCategory: "Daily", isReadOnly: false, groupEntryEnabled: true }],
    profile: [{ id: 2001, name: "Profile" }],
    database: null
  },
  form: formDefinition,
  athletes: [{ id: 1, firstName: "Ada", lastName: "Athlete", username: "ada" }, { id: 2, firstName: null }],
  error: errorBody
}

describe("v3 decoders under garbage", () => {
  describe("internals", () => {
    const kinds = fc.subarray(["ItemNotFound", "RequiredFieldMissing", "ValueNotParsable"] as const)

    it.prop(
      "decode: a value, one of the expected typed errors, V3ApiError, or a core error",
      [reply([shapes.form, shapes.error]), kinds],
      ([given, expected]) => {
        const response = Fuzz.toResponse(AmsRequest.get("v3", "forms/event/1001"), given)
        const allowed = [...readErrors, ...expected.map((kind) => `V3${kind}`)]
        Fuzz.check(
          Answer.decode(Schema.Struct({ id: Schema.Number }), { expected, item: "event form 1001" })(response),
          allowed
        )
      },
      { fastCheck: { numRuns } }
    )

    it.prop(
      "failure: a typed error for any answer; a mapped one keeps every entry of the body",
      [reply([shapes.error]), kinds],
      ([given, expected]) => {
        const response = Fuzz.toResponse(AmsRequest.get("v3", "forms/event/1001"), given)
        const error = Answer.failure(response, { expected, item: "event form 1001" })
        expect(Garbage.problem(Exit.fail(error), [...readErrors, ...expected.map((kind) => `V3${kind}`)]))
          .toBeUndefined()
        const body = Answer.errorBody(response)
        if ("body" in error) {
          expect(Option.map(body, (b) => b.errors.length)).toEqual(Option.some(error.body.errors.length))
        } else expect(Option.isNone(body)).toBe(true)
      },
      { fastCheck: { numRuns } }
    )
  })

  describe("V3Client", () => {
    const families: ReadonlyArray<Fuzz.Family<V3Client.Service>> = [
      {
        name: "formSummaries",
        shapes: [shapes.summaries, shapes.error],
        allowed: readErrors,
        call: (c) => c.formSummaries
      },
      { name: "form", shapes: [shapes.form, shapes.error], allowed: itemErrors, call: (c) => c.form("event", 1001) },
      {
        name: "groupAthletes",
        shapes: [shapes.athletes, shapes.error],
        allowed: itemErrors,
        call: (c) => c.groupAthletes(9)
      },
      {
        name: "get",
        shapes: [shapes.athletes, shapes.error],
        allowed: allErrors,
        call: (c) => c.get("notes/1", Schema.Array(Schema.Struct({ id: Schema.Number })))
      },
      {
        name: "post",
        shapes: [{ id: 5 }, shapes.error],
        allowed: [...allErrors, "OutcomeUnknown"],
        call: (c) => c.post("notes", { text: "hello" }, Schema.Struct({ id: Schema.Number }))
      },
      {
        name: "validateImport",
        shapes: [shapes.summaries, shapes.form, shapes.error],
        allowed: [...itemErrors, "V3FormUnknown", "V3ImportInvalid"],
        call: (c) =>
          c.validateImport([
            { formName: "Wellness", values: { Sleep: 8, Slep: 1 } },
            { formName: "Profile", values: {} },
            { formName: "Wellness", table: [{ Reps: 5 }] }
          ])
      }
    ]

    for (const family of families) {
      it.prop(
        `${family.name}: a value or ${family.allowed.join(" | ")}`,
        [replies(family.shapes)],
        ([given]) => {
          Fuzz.check(family.call(client(given)), family.allowed)
        },
        { fastCheck: { numRuns } }
      )
    }
  })

  describe("regressions", () => {
    // Was a defect: "RangeError: Maximum call stack size exceeded" from decoding the recursive form tree.
    it.each([300, 5_000])("a form tree %i levels deep is ResponseDecodeError", (depth) => {
      const leaf = "{\"type\":\"FormItem\",\"name\":\"Sleep\"}"
      const tree = `${"{\"type\":\"FormFieldSet\",\"name\":\"s\",\"children\":[".repeat(depth)}${leaf}${
        "]}".repeat(depth)
      }`
      const body = `{"id":1001,"name":"Wellness","children":[${tree}]}`
      const exit = Fuzz.check(client([{ status: 200, headers: {}, body }]).form("event", 1001), ["ResponseDecodeError"])
      expect(Exit.isFailure(exit)).toBe(true)
    })

    it("a form tree 100 levels deep still decodes", () => {
      const leaf = "{\"type\":\"FormItem\",\"name\":\"Sleep\"}"
      const tree = `${"{\"type\":\"FormFieldSet\",\"name\":\"s\",\"children\":[".repeat(100)}${leaf}${"]}".repeat(100)}`
      const body = `{"id":1001,"name":"Wellness","children":[${tree}]}`
      expect(Exit.isSuccess(Fuzz.check(client([{ status: 200, headers: {}, body }]).form("event", 1001), []))).toBe(
        true
      )
    })
  })
})
