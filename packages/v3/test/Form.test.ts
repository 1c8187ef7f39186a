import { Form } from "@ams-effect/v3"
import { describe, expect, it } from "@effect/vitest"
import { Option, Schema } from "effect"

const decode = Schema.decodeUnknownSync(Form.FormDefinition, { onExcessProperty: "ignore" })

describe("Form", () => {
  it("decodes a field tree with nulls, missing keys, unknown node types and extra keys", () => {
    const definition = decode({
      id: 77,
      name: "Screening",
      children: [
        {
          type: "FormPage",
          name: "Page 1",
          children: [
            { type: "FormItem", name: "Body Mass", required: true, formItemType: "Number", unit: "kg" },
            { type: "FormItem", name: "Notes", instructions: null, options: null, scores: null, required: null }
          ]
        },
        {
          type: "FormFieldSet",
          name: "Sets",
          instructions: "one row per set",
          children: [
            { type: "FormItem", name: "Reps", required: true, dateSelection: { kind: "none" } },
            { type: "FormItem", name: "Load", options: [{ name: "kg", score: 1 }], scores: [1, 2] }
          ]
        },
        { type: "FormFieldSet", name: "Empty", children: null }
      ]
    })
    expect(definition.type).toBe("FormFieldSet")
    expect(Form.fieldNames(definition)).toEqual(["Body Mass", "Notes", "Reps", "Load"])
    expect(Form.requiredFieldNames(definition)).toEqual(["Body Mass", "Reps"])
    expect(Form.tableFieldNames(definition)).toEqual(["Reps", "Load"])
    const notes = Form.fields(definition)[1]?.node
    expect(notes).toMatchObject({
      instructions: "",
      options: [],
      scores: [],
      required: false,
      defaultsToLastKnownValue: false,
      formItemType: null,
      dateSelection: null,
      children: []
    })
    const load = Form.fields(definition)[3]?.node
    expect(load?.options).toEqual([{ name: "kg", score: 1 }])
    expect(Form.fields(definition)[2]?.node.dateSelection).toEqual({ kind: "none" })
    expect(Form.fields(definition).map((field) => field.path)).toEqual([[], [], ["Sets"], ["Sets"]])
  })

  it("a definition without children is a form without fields; a node without a type does not decode", () => {
    expect(Form.fieldNames(decode({ id: 1, name: "Empty", children: null }))).toEqual([])
    expect(() => decode({ id: 1, name: "Broken", children: [{ name: "No type" }] })).toThrow(/type/)
  })

  it("findForm matches the exact name only; similarFormNames offers the likely ones, closest first", () => {
    const summary = (type: string, id: number, name: string) => new Form.FormSummary({ type, id, name })
    const summaries = new Form.FormSummaries({
      byType: {
        event: [summary("event", 1, "Wellness"), summary("event", 2, "Training Load"), summary("event", 3, "RPE")],
        profile: [summary("profile", 4, "Wellness"), summary("profile", 5, "Athlete Profile")]
      }
    })
    expect(Option.map(Form.findForm(summaries, "Wellness"), (form) => form.type)).toEqual(Option.some("event"))
    expect(Form.findForm(summaries.ofType("profile"), "Wellness")).toEqual(
      Option.some(summary("profile", 4, "Wellness"))
    )
    expect(Form.findForm(summaries, "Wellness ")).toEqual(Option.none())
    expect(Form.similarFormNames(summaries, "wellness")).toEqual(["Wellness"])
    expect(Form.similarFormNames(summaries, "Trainng Load")).toEqual(["Training Load"])
    expect(Form.similarFormNames(summaries, "training_load")).toEqual(["Training Load"])
    expect(Form.similarFormNames(summaries, "Profile")).toEqual(["Athlete Profile"])
    expect(Form.similarFormNames(summaries, "Sleep Diary")).toEqual([])
  })
})
