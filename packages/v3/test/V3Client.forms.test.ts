import { DemoData, Fault, Simulator } from "@ams-effect/simulator"
import { AmsTest } from "@ams-effect/testing"
import { Form, V3Client } from "@ams-effect/v3"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Option, Schema } from "effect"
import { layer, requestsTo } from "./fixtures.js"

const v3 = V3Client.V3Client

const refusal = AmsTest.refusal

describe("V3Client forms and groups", () => {
  it.effect("formSummaries lists every readable form by type, each with its id, category and rights", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const summaries = yield* client.formSummaries
      expect(Object.keys(summaries.byType)).toEqual([
        "event",
        "profile",
        "database",
        "linkedOnlyEvent",
        "linkedOnlyProfile"
      ])
      expect(summaries.ofType("event").map((form) => form.name)).toEqual([
        "Wellness",
        "Training Load",
        "Jump Testing",
        "Injury Report"
      ])
      expect(summaries.ofType("database")).toEqual([])
      expect(summaries.ofType("no such type")).toEqual([])
      const wellness = Option.getOrThrow(Form.findForm(summaries, "Wellness"))
      expect(wellness).toEqual(
        new Form.FormSummary({
          type: "event",
          id: 1001,
          name: "Wellness",
          mainCategory: "Monitoring",
          isReadOnly: false,
          groupEntryEnabled: true
        })
      )
      expect(Option.getOrThrow(Form.findForm(summaries, "Injury Report")).isReadOnly).toBe(true)
      expect(Option.getOrThrow(Form.findForm(summaries, "Athlete Profile")).type).toBe("profile")
      expect(Form.findForm(summaries, "wellness")).toEqual(Option.none())
      expect(summaries.all).toHaveLength(5)
    }).pipe(Effect.provide(layer())))

  it.effect("formSummaries keeps types it does not know and reads null lists and missing keys leniently", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const simulator = yield* Simulator.Simulator
      const body = JSON.stringify({
        event: [{ id: 7, name: "RPE", mainCategory: null, isReadOnly: true }],
        profile: null,
        questionnaire: [{ id: 8, name: "Readiness", mainCategory: "Daily", isReadOnly: false, groupEntryEnabled: true }]
      })
      yield* simulator.addFault(Fault.rule(Fault.Status({ status: 200, body }), { route: "v3/forms/summaries" }))
      const summaries = yield* client.formSummaries
      expect(summaries.ofType("profile")).toEqual([])
      expect(summaries.ofType("event")[0]).toMatchObject({ name: "RPE", mainCategory: "", groupEntryEnabled: false })
      expect(Option.getOrThrow(Form.findForm(summaries, "Readiness")).type).toBe("questionnaire")
    }).pipe(Effect.provide(layer())))

  it.effect("a summaries answer of the wrong shape is ResponseDecodeError naming the path", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const simulator = yield* Simulator.Simulator
      const body = JSON.stringify({ event: [{ id: "seven", name: "RPE" }] })
      yield* simulator.addFault(Fault.rule(Fault.Status({ status: 200, body }), { route: "v3/forms/summaries" }))
      const error = yield* Effect.flip(client.formSummaries)
      expect(error._tag).toBe("ResponseDecodeError")
      if (error._tag !== "ResponseDecodeError") return
      expect(error.path).toBe("event[0].id")
    }).pipe(Effect.provide(layer())))

  it.effect("form(type, id) answers the field tree; the helpers give names, required fields and table fields", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const load = yield* client.form("event", 1002)
      expect(load.id).toBe(1002)
      expect(load.name).toBe("Training Load")
      expect(Form.fieldNames(load)).toEqual(["Session Type", "Duration", "RPE"])
      expect(Form.requiredFieldNames(load)).toEqual(["Duration", "RPE"])
      expect(Form.tableFieldNames(load)).toEqual([])
      const sessionType = load.children[0]
      expect(sessionType?.isItem).toBe(true)
      expect(sessionType?.formItemType).toBe("Single Selection")
      expect(sessionType?.options).toEqual(["Field", "Gym", "Recovery"])

      const jumps = yield* client.form("event", 1003)
      expect(Form.tableFieldNames(jumps)).toEqual(["Jump Type", "Height", "Contact Time"])
      expect(jumps.children[0]?.isFieldSet).toBe(true)
      expect(Form.fields(jumps).map((field) => field.path)).toEqual([["Table"], ["Table"], ["Table"]])

      const wellness = yield* client.form("event", 1001)
      expect(wellness.children[0]?.instructions).toBe("1 = very poor, 5 = very good")
      const profile = yield* client.form("profile", 2001)
      expect(Form.fieldNames(profile)).toEqual(["Position", "Dominant Side", "Squad Number"])
    }).pipe(Effect.provide(layer())))

  it.effect("a form the account may not read is AccessDenied", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const error = yield* Effect.flip(client.form("event", 1002))
      expect(error._tag).toBe("AccessDenied")
    }).pipe(Effect.provide(layer({ account: DemoData.analyst }))))

  it.effect("groupAthletes answers the members of the group, in order", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const academy = yield* client.groupAthletes(103)
      expect(academy).toHaveLength(6)
      const [first] = academy
      expect(first?.id).toBeTypeOf("number")
      expect(first?.fullName).toBe(`${first?.firstName} ${first?.lastName}`)
      expect(first?.username).not.toBe("")
      const all = yield* client.groupAthletes(104)
      expect(all).toHaveLength(30)
      expect(new Set(all.map((athlete) => athlete.id))).toContain(first?.id)
      const [request] = yield* requestsTo("v3/group-athletes/:id")
      expect(request?.path).toBe("/demo/api/v3/group-athletes/103")
      expect(request?.method).toBe("GET")
    }).pipe(Effect.provide(layer())))

  it.effect("the generic get decodes with the caller's schema and passes query parameters", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const Members = Schema.Array(Schema.Struct({ id: Schema.Number, username: Schema.String }))
      const members = yield* client.get("/group-athletes/101", Members, { urlParams: { page: "1" } })
      expect(members).toHaveLength(12)
      const [request] = yield* requestsTo("v3/group-athletes/:id")
      expect(request?.query).toMatchObject({ page: "1" })
      const notFound = yield* Effect.flip(client.get("group-athletes/9999", Members))
      expect(notFound._tag).toBe("V3ItemNotFound")
      if (notFound._tag !== "V3ItemNotFound") return
      expect(notFound.item).toBe("the item at v3/group-athletes/9999")
    }).pipe(Effect.provide(layer())))

  it.effect("the generic get fails with ResponseDecodeError when the answer does not fit the schema", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const error = yield* Effect.flip(
        client.get("group-athletes/101", Schema.Array(Schema.Struct({ id: Schema.String })))
      )
      expect(error._tag).toBe("ResponseDecodeError")
      if (error._tag !== "ResponseDecodeError") return
      expect(error.path).toBe("[0].id")
    }).pipe(Effect.provide(layer())))

  it.effect("bad input is InvalidRequest naming the field, and nothing is sent", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const field = <A, E extends { readonly _tag: string }>(effect: Effect.Effect<A, E>) =>
        Effect.map(Effect.flip(effect), (error) =>
          error._tag === "InvalidRequest" && "field" in error ? error.field : error._tag)
      expect(yield* field(client.form("", 1001))).toBe("type")
      expect(yield* field(client.form("event/1001", 1))).toBe("type")
      expect(yield* field(client.form("event", 0))).toBe("id")
      expect(yield* field(client.form("event", 1.5))).toBe("id")
      expect(yield* field(client.groupAthletes(-3))).toBe("groupId")
      expect(yield* field(client.get("", Schema.Unknown))).toBe("path")
      expect(yield* field(client.get("  / ", Schema.Unknown))).toBe("path")
      expect(yield* field(client.get("forms/summaries?x=1", Schema.Unknown))).toBe("path")
      expect(yield* field(client.get("/api/v3/forms/summaries", Schema.Unknown))).toBe("path")
      expect(yield* field(client.post("", {}, Schema.Unknown))).toBe("path")
      expect(yield* field(client.validateImport([{ formName: "Wellness" }, { formName: " " }]))).toBe(
        "events[1].formName"
      )
      const error = yield* Effect.flip(client.groupAthletes(0))
      expect(error.message).toBe(
        "Invalid groupId for v3/group-athletes: 0 is not a positive integer id. Nothing was sent."
      )
      expect(yield* requestsTo()).toEqual([])
    }).pipe(Effect.provide(layer())))

  it.effect("\".\" and \"..\" segments (which would reach another endpoint) are InvalidRequest; nothing is sent", () =>
    Effect.gen(function*() {
      const client = yield* v3
      // Each of these reached /api/v1/listgroups or another v3 endpoint with the session attached.
      for (const path of ["../v1/listgroups", "forms/x/../summaries", "%2E%2e/v1/listgroups", "forms\\..\\v1", "./x"]) {
        expect(yield* refusal(client.post(path, { name: "" }, Schema.Unknown))).toMatch(/^path: .*"\.\."/)
        expect(yield* refusal(client.get(path, Schema.Unknown))).toMatch(/^path: .*"\.\."/)
      }
      expect(yield* refusal(client.form("..", 1001))).toMatch(/^type: ".." is not a form type/)
      expect(yield* refusal(client.form(".", 1001))).toMatch(/^type: "." is not a form type/)
      expect(yield* requestsTo()).toEqual([])
      // Dots inside a segment are ordinary text.
      expect(yield* Effect.flip(client.get("forms/..event", Schema.Unknown))).toMatchObject({ status: 404 })
    }).pipe(Effect.provide(layer())))

  it.effect("text with a lone surrogate (no UTF-8 form) is InvalidRequest, never a defect; nothing is sent", () =>
    Effect.gen(function*() {
      const client = yield* v3
      expect(yield* refusal(client.form("\ud800", 1))).toMatch(/^type: holds a lone UTF-16 surrogate/)
      expect(yield* refusal(client.form("event\udc00", 1001))).toMatch(/^type: holds a lone UTF-16 surrogate/)
      expect(yield* refusal(client.get("forms/\ud83d", Schema.Unknown))).toMatch(/^path: holds a lone/)
      expect(yield* refusal(client.post("notes\udfff", {}, Schema.Unknown))).toMatch(/^path: holds a lone/)
      expect(yield* refusal(client.get("forms/summaries", Schema.Unknown, { urlParams: { q: "a\ud800" } })))
        .toMatch(/^urlParams.q: holds a lone/)
      expect(yield* requestsTo()).toEqual([])
      // A well-formed pair (an emoji) is fine.
      expect(yield* Effect.flip(client.form("\ud83d\ude00", 1001))).toMatchObject({ _tag: "V3ItemNotFound" })
    }).pipe(Effect.provide(layer())))
})
