/**
 * Forms as API v3 describes them: the summaries of every form the account can read (`GET forms/summaries`, keyed
 * by form type) and a form's field tree (`GET forms/{type}/{id}`), with helpers for the questions an import asks:
 * which field names exist, which are required, which belong to a table.
 *
 * The tree is decoded leniently: missing keys and `null`s take their empty value, node types other than
 * `FormFieldSet` and `FormItem` are kept, and `options`, `scores` and `dateSelection` stay as the server sent them.
 *
 * @since 0.1.0
 */
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Similar from "./internal/similar.js"

/**
 * One form the account can read. `type` is the key it was listed under (`event`, `profile`, `database`,
 * `linkedOnlyEvent`, `linkedOnlyProfile`, or any other the server sends): with `id` it names the form for
 * `form(type, id)`.
 *
 * @since 0.1.0
 * @category models
 */
export class FormSummary extends Schema.Class<FormSummary>("@ams-effect/v3/Form/FormSummary")({
  type: Schema.String,
  id: Schema.Number,
  name: Schema.String,
  mainCategory: Schema.optionalWith(Schema.String, { nullable: true, default: () => "" }),
  isReadOnly: Schema.optionalWith(Schema.Boolean, { nullable: true, default: () => false }),
  groupEntryEnabled: Schema.optionalWith(Schema.Boolean, { nullable: true, default: () => false })
}) {}

/**
 * Every form the account can read, by type, in the server's order.
 *
 * @since 0.1.0
 * @category models
 */
export class FormSummaries extends Schema.Class<FormSummaries>("@ams-effect/v3/Form/FormSummaries")({
  byType: Schema.Record({ key: Schema.String, value: Schema.Array(FormSummary) })
}) {
  /**
   * Every form, type after type.
   *
   * @since 0.1.0
   */
  get all(): ReadonlyArray<FormSummary> {
    return Object.values(this.byType).flat()
  }

  /**
   * The forms of one type (empty when the server listed none).
   *
   * @since 0.1.0
   */
  ofType(type: string): ReadonlyArray<FormSummary> {
    return this.byType[type] ?? []
  }
}

/**
 * The encoded (wire) form of a `FormNode`.
 *
 * @since 0.1.0
 * @category models
 */
export interface FormNodeEncoded {
  readonly type: string
  readonly name?: string | null | undefined
  readonly instructions?: string | null | undefined
  readonly children?: ReadonlyArray<FormNodeEncoded> | null | undefined
  readonly required?: boolean | null | undefined
  readonly defaultsToLastKnownValue?: boolean | null | undefined
  readonly formItemType?: string | null | undefined
  readonly options?: ReadonlyArray<unknown> | null | undefined
  readonly scores?: ReadonlyArray<unknown> | null | undefined
  readonly dateSelection?: unknown
}

const children = Schema.optionalWith(
  Schema.Array(Schema.suspend((): Schema.Schema<FormNode, FormNodeEncoded> => FormNode)),
  { nullable: true, default: () => [] }
)

/**
 * A node of a form's field tree: a `FormFieldSet` (a section or a table) with `children`, or a `FormItem` (a
 * field). `formItemType` is the kind of field ("Number", "Single Selection", "Linked Text"…), `null` for sets.
 *
 * @since 0.1.0
 * @category models
 */
export class FormNode extends Schema.Class<FormNode>("@ams-effect/v3/Form/FormNode")({
  type: Schema.String,
  name: Schema.optionalWith(Schema.String, { nullable: true, default: () => "" }),
  instructions: Schema.optionalWith(Schema.String, { nullable: true, default: () => "" }),
  children,
  required: Schema.optionalWith(Schema.Boolean, { nullable: true, default: () => false }),
  defaultsToLastKnownValue: Schema.optionalWith(Schema.Boolean, { nullable: true, default: () => false }),
  formItemType: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null }),
  options: Schema.optionalWith(Schema.Array(Schema.Unknown), { nullable: true, default: () => [] }),
  scores: Schema.optionalWith(Schema.Array(Schema.Unknown), { nullable: true, default: () => [] }),
  dateSelection: Schema.optionalWith(Schema.Unknown, { default: () => null })
}) {
  /**
   * Whether this node is a field (`FormItem`).
   *
   * @since 0.1.0
   */
  get isItem(): boolean {
    return this.type === "FormItem"
  }

  /**
   * Whether this node is a set of fields (`FormFieldSet`).
   *
   * @since 0.1.0
   */
  get isFieldSet(): boolean {
    return this.type === "FormFieldSet"
  }
}

/**
 * A form's definition: its id and name and the top-level nodes of its field tree.
 *
 * @since 0.1.0
 * @category models
 */
export class FormDefinition extends Schema.Class<FormDefinition>("@ams-effect/v3/Form/FormDefinition")({
  id: Schema.Number,
  name: Schema.String,
  type: Schema.optionalWith(Schema.String, { nullable: true, default: () => "FormFieldSet" }),
  children
}) {}

/**
 * A field of a form and where it sits: `inTable` when it lies under a field set nested in the form (the way v3
 * shows a table), `path` the names of the sets above it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Field {
  readonly node: FormNode
  readonly name: string
  readonly inTable: boolean
  readonly path: ReadonlyArray<string>
}

const collect = (nodes: ReadonlyArray<FormNode>, path: ReadonlyArray<string>, out: Array<Field>): Array<Field> => {
  for (const node of nodes) {
    if (node.isItem) out.push({ node, name: node.name, inTable: path.length > 0, path })
    else collect(node.children, node.isFieldSet ? [...path, node.name] : path, out)
  }
  return out
}

/**
 * Every field (`FormItem`) of the form, depth first, in the form's order.
 *
 * @since 0.1.0
 * @category accessors
 */
export const fields = (definition: FormDefinition): ReadonlyArray<Field> => collect(definition.children, [], [])

/**
 * The exact names of every field: the keys an import may use.
 *
 * @since 0.1.0
 * @category accessors
 */
export const fieldNames = (definition: FormDefinition): ReadonlyArray<string> =>
  fields(definition).map((field) => field.name)

/**
 * The names of the fields marked `required`.
 *
 * @since 0.1.0
 * @category accessors
 */
export const requiredFieldNames = (definition: FormDefinition): ReadonlyArray<string> =>
  fields(definition).filter((field) => field.node.required).map((field) => field.name)

/**
 * The names of the fields under a nested field set: the columns of the form's table. Some sites also show
 * sections as field sets, whose fields are then listed here too.
 *
 * @since 0.1.0
 * @category accessors
 */
export const tableFieldNames = (definition: FormDefinition): ReadonlyArray<string> =>
  fields(definition).filter((field) => field.inTable).map((field) => field.name)

const summariesOf = (summaries: FormSummaries | ReadonlyArray<FormSummary>): ReadonlyArray<FormSummary> =>
  summaries instanceof FormSummaries ? summaries.all : summaries

/**
 * The form with exactly this name (case-sensitive), preferring the type listed first (`event` on the servers
 * seen) when two types share a name.
 *
 * @since 0.1.0
 * @category lookups
 */
export const findForm = (
  summaries: FormSummaries | ReadonlyArray<FormSummary>,
  name: string
): Option.Option<FormSummary> => Option.fromNullable(summariesOf(summaries).find((form) => form.name === name))

/**
 * The names of forms that look like `name` (other case, spacing, a typing mistake), closest first.
 *
 * @since 0.1.0
 * @category lookups
 */
export const similarFormNames = (
  summaries: FormSummaries | ReadonlyArray<FormSummary>,
  name: string
): ReadonlyArray<string> => Similar.similar(name, summariesOf(summaries).map((form) => form.name))
