/**
 * Decodes a parsed JSON answer against a schema directly, without `ParseResult`'s machinery (an `Either` and an issue
 * list per node, the elements of every array tagged with their index and sorted back), for the schema features
 * whose result it can reproduce exactly: keywords, literals, structs (excess properties ignored, as AMS answers are
 * decoded), records with string keys, arrays and tuples, unions whose result does not depend on the order their
 * members are tried in, refinements, transformations (`optionalWith` defaults, `Schema.Class`) and declarations,
 * all run as the schema runs them.
 *
 * It answers `failed` whenever it is not certain to produce what the schema would: a value the schema rejects, or
 * one it might decode differently. The caller then decodes with the schema itself, which names what is wrong. A
 * schema using anything else (suspensions, overlapping unions, parse-option annotations…) gets no direct decoder.
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as SchemaAST from "effect/SchemaAST"

/** What a direct decoder answers when the schema must decide. */
export const failed: unique symbol = Symbol("failed")

/** A direct decoder: the decoded value, or `failed`. */
export type Decoder = (input: unknown) => unknown

/** The kinds of JSON value (and `undefined`, for a missing property) a node may accept: to tell union members apart. */
type Kinds =
  | { readonly _tag: "Literal"; readonly value: unknown }
  | { readonly _tag: "Kinds"; readonly kinds: ReadonlySet<string> }

const any: Kinds = { _tag: "Kinds", kinds: new Set(["string", "number", "boolean", "null", "undefined", "object"]) }

const kindOf = (value: unknown): string => (value === null ? "null" : Array.isArray(value) ? "object" : typeof value)

const kindsOf = (ast: SchemaAST.AST): Kinds => {
  switch (ast._tag) {
    case "Literal":
      return { _tag: "Literal", value: ast.literal }
    case "StringKeyword":
    case "NumberKeyword":
    case "BooleanKeyword":
    case "UndefinedKeyword":
      return { _tag: "Kinds", kinds: new Set([ast._tag.replace("Keyword", "").toLowerCase()]) }
    case "TypeLiteral":
      // An empty struct accepts any value but null and undefined
      return ast.propertySignatures.length === 0 && ast.indexSignatures.length === 0
        ? { _tag: "Kinds", kinds: new Set(["string", "number", "boolean", "object"]) }
        : { _tag: "Kinds", kinds: new Set(["object"]) }
    case "TupleType":
      return { _tag: "Kinds", kinds: new Set(["object"]) }
    case "Refinement":
    case "Transformation":
      return kindsOf(ast.from)
    case "Declaration": {
      // A class's declaration stands for its fields' struct (what ParseResult also looks at for its literals)
      const surrogate = SchemaAST.getSurrogateAnnotation(ast)
      return Option.isSome(surrogate) ? kindsOf(surrogate.value) : any
    }
    case "Union": {
      const kinds = new Set<string>()
      for (const member of ast.types) {
        const of = kindsOf(member)
        if (of._tag === "Literal") kinds.add(kindOf(of.value))
        else for (const kind of of.kinds) kinds.add(kind)
      }
      return { _tag: "Kinds", kinds }
    }
    default:
      return any
  }
}

const overlap = (a: Kinds, b: Kinds): boolean =>
  a._tag === "Literal"
    ? b._tag === "Literal" ? a.value === b.value : b.kinds.has(kindOf(a.value))
    : b._tag === "Literal"
    ? a.kinds.has(kindOf(b.value))
    : [...a.kinds].some((kind) => b.kinds.has(kind))

/** Whether a node decodes any value it accepts to that value itself. */
const answersInput = (ast: SchemaAST.AST): boolean => {
  switch (ast._tag) {
    case "StringKeyword":
    case "NumberKeyword":
    case "BooleanKeyword":
    case "UndefinedKeyword":
    case "UnknownKeyword":
    case "AnyKeyword":
    case "Literal":
      return true
    case "Union":
      return ast.types.every(answersInput)
    default:
      return false
  }
}

/** The result of a schema step run synchronously: its value, or `failed` (an issue, or work that is not synchronous). */
const settled = (result: unknown): unknown =>
  Either.isEither(result) ? (Either.isRight(result) ? result.right : failed) : failed

/** A record holding own properties: what a struct accepts. */
const isRecord = (u: unknown): u is Record<PropertyKey, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

const hasOwn = (u: object, key: PropertyKey) => Object.prototype.hasOwnProperty.call(u, key)

/**
 * The direct decoder of a schema's AST, for the options given (those of every decode that uses it), or `undefined`
 * when the AST uses a feature it does not reproduce.
 */
export const compile = (ast: SchemaAST.AST, options: SchemaAST.ParseOptions): Decoder | undefined => {
  if (options.onExcessProperty !== "ignore" && options.onExcessProperty !== undefined) return undefined
  if (options.exact === true || options.propertyOrder === "original") return undefined
  const go = (ast: SchemaAST.AST): Decoder | undefined => {
    if (
      Option.isSome(SchemaAST.getParseOptionsAnnotation(ast)) ||
      Option.isSome(SchemaAST.getDecodingFallbackAnnotation(ast))
    ) return undefined
    switch (ast._tag) {
      case "StringKeyword":
        return (u) => (typeof u === "string" ? u : failed)
      case "NumberKeyword":
        return (u) => (typeof u === "number" ? u : failed)
      case "BooleanKeyword":
        return (u) => (typeof u === "boolean" ? u : failed)
      case "UndefinedKeyword":
        return (u) => (u === undefined ? u : failed)
      case "UnknownKeyword":
      case "AnyKeyword":
        return (u) => u
      case "Literal": {
        const literal = ast.literal
        return (u) => (u === literal ? u : failed)
      }
      case "Refinement": {
        const from = go(ast.from)
        if (from === undefined) return undefined
        return (u) => {
          const a = from(u)
          return a !== failed && Option.isNone(ast.filter(a, options, ast)) ? a : failed
        }
      }
      case "Declaration": {
        const parse = ast.decodeUnknown(...ast.typeParameters)
        return (u) => settled(parse(u, options, ast))
      }
      case "Transformation":
        return transformation(ast)
      case "TupleType":
        return tuple(ast)
      case "TypeLiteral":
        return struct(ast)
      case "Union": {
        // Whichever member ParseResult tries first, the result is the same when no two members accept the same
        // value, or when those that do answer the value itself (`Schema.optional(Schema.Unknown)`)
        const members = ast.types.map(kindsOf)
        const ambiguous = (i: number, j: number) =>
          overlap(members[i]!, members[j]!) && !(answersInput(ast.types[i]!) && answersInput(ast.types[j]!))
        if (members.some((_, i) => members.some((_, j) => i < j && ambiguous(i, j)))) return undefined
        const decoders = ast.types.map(go)
        if (!decoders.every((decoder) => decoder !== undefined)) return undefined
        return (u) => {
          for (const decoder of decoders) {
            const a = decoder(u)
            if (a !== failed) return a
          }
          return failed
        }
      }
      default:
        return undefined
    }
  }

  /** As `ParseResult` runs one: decode the source, transform, then decode the result as the target. */
  const transformation = (ast: SchemaAST.Transformation): Decoder | undefined => {
    const from = go(ast.from)
    const to = go(ast.to)
    if (from === undefined || to === undefined) return undefined
    const step = ast.transformation
    switch (step._tag) {
      case "ComposeTransformation":
        return (u) => {
          const a = from(u)
          return a === failed ? failed : to(a)
        }
      case "FinalTransformation":
        return (u) => {
          const a = from(u)
          if (a === failed) return failed
          const b = settled(step.decode(a, options, ast, u))
          return b === failed ? failed : to(b)
        }
      case "TypeLiteralTransformation":
        return (u) => {
          const a = from(u)
          if (a === failed || !isRecord(a)) return failed
          // The source struct's output is a fresh object, changed in place as ParseResult does
          for (const property of step.propertySignatureTransformations) {
            const value = property.decode(hasOwn(a, property.from) ? Option.some(a[property.from]) : Option.none())
            delete a[property.from]
            if (Option.isSome(value)) a[property.to] = value.value
          }
          return to(a)
        }
    }
  }

  const tuple = (ast: SchemaAST.TupleType): Decoder | undefined => {
    if (ast.rest.length > 1) return undefined
    const elements = ast.elements.map((element) => go(element.type))
    const rest = ast.rest.length === 0 ? undefined : go(ast.rest[0]!.type)
    if (!elements.every((decoder) => decoder !== undefined) || (ast.rest.length === 1 && rest === undefined)) {
      return undefined
    }
    const required = ast.elements.filter((element) => !element.isOptional).length
    return (u) => {
      if (!Array.isArray(u) || u.length < required || (rest === undefined && u.length > elements.length)) {
        return failed
      }
      const output: Array<unknown> = []
      for (let i = 0; i < u.length; i++) {
        const a = (i < elements.length ? elements[i]! : rest!)(u[i])
        if (a === failed) return failed
        output.push(a)
      }
      return output
    }
  }

  const struct = (ast: SchemaAST.TypeLiteral): Decoder | undefined => {
    if (ast.propertySignatures.length === 0 && ast.indexSignatures.length === 0) {
      return (u) => (u === null || u === undefined ? failed : u)
    }
    if (ast.indexSignatures.some((index) => index.parameter._tag !== "StringKeyword")) return undefined
    if (ast.propertySignatures.some((property) => typeof property.name !== "string")) return undefined
    const properties = ast.propertySignatures.map((property) => ({
      name: property.name as string,
      optional: property.isOptional,
      decode: go(property.type)
    }))
    const values = ast.indexSignatures.map((index) => go(index.type))
    if (!properties.every((property) => property.decode !== undefined)) return undefined
    if (!values.every((decoder) => decoder !== undefined)) return undefined
    const declared = new Set(properties.map((property) => property.name))
    return (u) => {
      if (!isRecord(u)) return failed
      const output: Record<string, unknown> = {}
      for (const property of properties) {
        const present = hasOwn(u, property.name)
        if (!present && property.optional) continue
        // A required property that is missing is decoded as what reading it gives (`undefined`, or what the
        // object inherits), as ParseResult does when not `exact`
        const a = property.decode!(u[property.name])
        if (a === failed) return failed
        output[property.name] = a
      }
      for (const value of values) {
        for (const key of Object.keys(u)) {
          const a = value!(u[key])
          if (a === failed) return failed
          if (!declared.has(key)) output[key] = a
        }
      }
      return output
    }
  }

  return go(ast)
}
