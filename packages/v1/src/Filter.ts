/**
 * Field conditions for `filteredeventsearch`, as values rather than the wire's condition numbers
 * (1 `=`, 2 `!=`, 3 contains, 4 `<`, 5 `>`, 6 `<=`, 7 `>=`). All conditions of a form are combined with AND.
 * The ordering conditions only work on number fields, so they take numbers.
 *
 * @since 0.1.0
 */

/**
 * One condition on one field.
 *
 * @since 0.1.0
 * @category models
 */
export type Condition =
  | { readonly _tag: "Equals"; readonly field: string; readonly value: string | number }
  | { readonly _tag: "NotEquals"; readonly field: string; readonly value: string | number }
  | { readonly _tag: "Contains"; readonly field: string; readonly value: string }
  | { readonly _tag: "LessThan"; readonly field: string; readonly value: number }
  | { readonly _tag: "GreaterThan"; readonly field: string; readonly value: number }
  | { readonly _tag: "AtMost"; readonly field: string; readonly value: number }
  | { readonly _tag: "AtLeast"; readonly field: string; readonly value: number }

/**
 * The conditions on one form's fields.
 *
 * @since 0.1.0
 * @category models
 */
export interface FormFilter {
  readonly formName: string
  readonly conditions: ReadonlyArray<Condition>
}

/**
 * The field equals the value (wire condition 1).
 *
 * @since 0.1.0
 * @category constructors
 */
export const equals = (field: string, value: string | number): Condition => ({ _tag: "Equals", field, value })

/**
 * The field differs from the value (wire condition 2).
 *
 * @since 0.1.0
 * @category constructors
 */
export const notEquals = (field: string, value: string | number): Condition => ({ _tag: "NotEquals", field, value })

/**
 * The field's text contains the value (wire condition 3).
 *
 * @since 0.1.0
 * @category constructors
 */
export const contains = (field: string, value: string): Condition => ({ _tag: "Contains", field, value })

/**
 * The number field is less than the value (wire condition 4).
 *
 * @since 0.1.0
 * @category constructors
 */
export const lessThan = (field: string, value: number): Condition => ({ _tag: "LessThan", field, value })

/**
 * The number field is greater than the value (wire condition 5).
 *
 * @since 0.1.0
 * @category constructors
 */
export const greaterThan = (field: string, value: number): Condition => ({ _tag: "GreaterThan", field, value })

/**
 * The number field is at most the value (wire condition 6).
 *
 * @since 0.1.0
 * @category constructors
 */
export const atMost = (field: string, value: number): Condition => ({ _tag: "AtMost", field, value })

/**
 * The number field is at least the value (wire condition 7).
 *
 * @since 0.1.0
 * @category constructors
 */
export const atLeast = (field: string, value: number): Condition => ({ _tag: "AtLeast", field, value })

/**
 * The conditions on a form's fields, all of which must hold.
 *
 * @since 0.1.0
 * @category constructors
 */
export const form = (formName: string, ...conditions: ReadonlyArray<Condition>): FormFilter => ({
  formName,
  conditions
})

/**
 * The wire number of each condition.
 *
 * @since 0.1.0
 * @category encoding
 */
export const conditionCode: { readonly [K in Condition["_tag"]]: number } = {
  Equals: 1,
  NotEquals: 2,
  Contains: 3,
  LessThan: 4,
  GreaterThan: 5,
  AtMost: 6,
  AtLeast: 7
}
