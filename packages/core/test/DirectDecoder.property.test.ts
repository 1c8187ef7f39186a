/**
 * The direct decoder of answers against the schema's own decoder, on schemas using every feature it handles: for
 * any JSON value, it decodes exactly when the schema does, to a strictly equal value (classes included); and it
 * declines to handle the schemas it cannot reproduce.
 */
import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Either, FastCheck as fc, Schema } from "effect"
import * as DirectDecoder from "../src/internal/directDecoder.js"

const options = { errors: "all", onExcessProperty: "ignore" } as const

class Address extends Schema.Class<Address>("Address")({
  street: Schema.String,
  postcode: Schema.optional(Schema.NullOr(Schema.String))
}) {}

class Person extends Schema.Class<Person>("Person")({
  id: Schema.Int,
  name: Schema.NonEmptyString,
  active: Schema.Boolean,
  role: Schema.Literal("coach", "athlete", 3, null),
  address: Schema.NullOr(Address),
  tags: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
  score: Schema.NumberFromString,
  extra: Schema.Unknown,
  pair: Schema.Tuple(Schema.String, Schema.optionalElement(Schema.Number)),
  counts: Schema.Record({ key: Schema.String, value: Schema.Number }),
  either: Schema.Union(Schema.String, Schema.Number, Schema.Array(Schema.Boolean))
}) {}

/** Schemas that get a direct decoder, by what they exercise. */
const supported = {
  "a struct with a defaulted optional array": Schema.Struct({
    name: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] })
  }),
  "classes nesting classes, refinements, literals, transformations, tuples, records and unions": Schema.Struct({
    people: Schema.Array(Person),
    total: Schema.optional(Schema.Number)
  }),
  "a record with declared properties": Schema.Struct(
    { size: Schema.Number },
    Schema.Record({ key: Schema.String, value: Schema.Number })
  ),
  "an empty struct": Schema.Struct({}),
  "a union of literals": Schema.Literal("a", "b", 1, true),
  "unions whose members overlap but answer the value itself": Schema.Struct({
    anything: Schema.optional(Schema.Unknown),
    text: Schema.Union(Schema.String, Schema.Literal("a", 1))
  })
} as const

const json = fc.jsonValue({ maxDepth: 3 })

/** JSON as it comes over the wire: a valid encoding of the schema (some of it invalid after the round trip). */
const wire = (schema: Schema.Schema.AnyNoContext) =>
  Arbitrary.make(schema).map((value) => JSON.parse(JSON.stringify(Schema.encodeSync(schema)(value)) ?? "null"))

/** A JSON value with one place (at any depth) replaced by any JSON value, or dropped. */
const mutate = (value: unknown) =>
  fc.tuple(fc.nat(), json, fc.boolean()).map(([pick, replacement, drop]) => {
    const places: Array<[Record<string, unknown> | Array<unknown>, string | number]> = []
    const walk = (node: unknown) => {
      if (typeof node !== "object" || node === null) return
      for (const key of Object.keys(node)) {
        places.push([node as Record<string, unknown>, Array.isArray(node) ? Number(key) : key])
        walk((node as Record<string, unknown>)[key])
      }
    }
    const copy = structuredClone(value)
    walk(copy)
    if (places.length === 0) return replacement
    const [parent, key] = places[pick % places.length]!
    if (drop && !Array.isArray(parent)) delete parent[key as string]
    else (parent as Record<string | number, unknown>)[key] = replacement
    return copy
  })

const agrees = (schema: Schema.Schema.AnyNoContext, decoder: DirectDecoder.Decoder, input: unknown) => {
  const direct = decoder(structuredClone(input))
  const viaSchema = Schema.decodeUnknownEither(schema, options)(structuredClone(input))
  expect(direct !== DirectDecoder.failed).toBe(Either.isRight(viaSchema))
  if (Either.isRight(viaSchema)) expect(direct).toStrictEqual(viaSchema.right)
  return Either.isRight(viaSchema)
}

describe("DirectDecoder", () => {
  for (const [name, schema] of Object.entries(supported) as Array<[string, Schema.Schema.AnyNoContext]>) {
    describe(name, () => {
      const decoder = DirectDecoder.compile(schema.ast, options)

      it("gets a direct decoder", () => {
        expect(decoder).toBeTypeOf("function")
      })

      it.prop("decodes every valid answer as the schema does", [wire(schema)], ([input]) => {
        agrees(schema, decoder!, input)
      }, { fastCheck: { numRuns: 200 } })

      it.prop(
        "decodes exactly what the schema decodes, to the same value, whatever the JSON",
        [fc.oneof(wire(schema).chain(mutate), json)],
        ([input]) => {
          agrees(schema, decoder!, input)
        },
        { fastCheck: { numRuns: 400 } }
      )
    })
  }

  it("most valid answers are decoded directly (the property above is not met by declining everything)", () => {
    const schema =
      supported["classes nesting classes, refinements, literals, transformations, tuples, records and unions"]
    const decoder = DirectDecoder.compile(schema.ast, options)!
    const samples = fc.sample(wire(schema), 200)
    const valid = samples.filter((input) => agrees(schema, decoder, input))
    expect(valid.length).toBeGreaterThan(100)
    for (const input of valid) expect(decoder(structuredClone(input))).not.toBe(DirectDecoder.failed)
  })

  it("leaves to the schema what it cannot reproduce", () => {
    const declined = [
      // Two members accept the same values and decode them differently: which one does depends on ParseResult's
      // search order
      Schema.Union(Schema.Struct({ a: Schema.String }), Schema.Struct({ b: Schema.String })),
      Schema.Union(Schema.Unknown, Schema.Struct({ a: Schema.String })),
      Schema.Union(Schema.Struct({}), Schema.Number),
      Schema.Struct({ child: Schema.suspend((): Schema.Schema<unknown> => Schema.Unknown) }),
      Schema.Struct({ a: Schema.String }).annotations({ parseOptions: { onExcessProperty: "error" } })
    ]
    for (const schema of declined) expect(DirectDecoder.compile(schema.ast, options)).toBeUndefined()
    // Options that change what a decode produces
    const struct = supported["a struct with a defaulted optional array"].ast
    expect(DirectDecoder.compile(struct, { onExcessProperty: "preserve" })).toBeUndefined()
    expect(DirectDecoder.compile(struct, { exact: true })).toBeUndefined()
    expect(DirectDecoder.compile(struct, { propertyOrder: "original" })).toBeUndefined()
  })
})
