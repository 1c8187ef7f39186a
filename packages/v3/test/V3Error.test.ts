import { V3Error } from "@ams-effect/v3"
import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"

const answer = {
  endpoint: "v3/notes",
  method: "POST",
  url: "https://example.smartabase.com/site/api/v3/notes",
  status: 422
}

describe("V3Error", () => {
  it("errors are namespaced, carry the TypeId and round-trip through their schema", () => {
    const body = new V3Error.ErrorBody({
      status: 422,
      href: "/api/v3/notes",
      errors: [
        new V3Error.ErrorDetail({ errorCode: "requiredFieldMissing", message: "Required field text is missing." })
      ]
    })
    const error = new V3Error.V3RequiredFieldMissing({ ...answer, body })
    expect(V3Error.isV3Error(error)).toBe(true)
    expect(V3Error.isV3Error(new Error("x"))).toBe(false)
    expect(error).toBeInstanceOf(Error)
    const encoded = Schema.encodeSync(V3Error.V3RequiredFieldMissing)(error)
    expect(encoded.body.errors[0]?.metaData).toBeNull()
    expect(Schema.decodeSync(V3Error.V3RequiredFieldMissing)(encoded)).toEqual(error)
  })

  it("messages say what happened and what to check", () => {
    const body = new V3Error.ErrorBody({ errors: [] })
    expect(new V3Error.V3ApiError({ ...answer, status: 503, body }).message).toContain("no error entries")
    expect(new V3Error.V3ApiError({ ...answer, status: 503, body }).message).toContain("tried later")
    const invalid = new V3Error.V3ImportInvalid({
      problems: Array.from({ length: 7 }, (_, index) =>
        new V3Error.ImportProblem({
          index,
          formName: "Wellness",
          unknownFields: [new V3Error.UnknownField({ name: "Mod", suggestion: "Mood" })],
          missingRequired: []
        }))
    })
    expect(invalid.message).toMatch(
      /^7 event\(s\) do not fit their form: event 0 \("Wellness"\): unknown field\(s\) "Mod"/
    )
    expect(invalid.message).toContain("(7 events in all)")
    expect(invalid.message).toContain("nothing was imported")
    const unknown = new V3Error.V3FormUnknown({
      formName: "Welness",
      similar: ["Wellness", "Wellness 2"],
      indexes: [0]
    })
    expect(unknown.message).toContain(`Did you mean "Wellness" or "Wellness 2"?`)
  })
})
