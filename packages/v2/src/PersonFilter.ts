/**
 * Which persons `getPersons` returns, as values; compiled to v2's filter tree
 * (`{"comparisons": {"op", "branches": [{"leaf": {"negated", "comp", "fieldName", "valueInteger"}}]}}`, numbers
 * sent as strings, as the Python client does).
 *
 * @since 0.1.0
 */

/**
 * A condition on persons: ids, usernames or e-mail addresses, combined with {@link and}, {@link or} and {@link not}.
 *
 * @since 0.1.0
 * @category models
 */
export type PersonFilter =
  | { readonly _tag: "Ids"; readonly ids: ReadonlyArray<number> }
  | { readonly _tag: "Usernames"; readonly usernames: ReadonlyArray<string> }
  | { readonly _tag: "EmailAddresses"; readonly emailAddresses: ReadonlyArray<string> }
  | { readonly _tag: "And"; readonly filters: ReadonlyArray<PersonFilter> }
  | { readonly _tag: "Or"; readonly filters: ReadonlyArray<PersonFilter> }
  | { readonly _tag: "Not"; readonly filter: PersonFilter }

/**
 * Persons with any of these ids.
 *
 * @since 0.1.0
 * @category constructors
 */
export const ids = (ids: ReadonlyArray<number>): PersonFilter => ({ _tag: "Ids", ids })

/**
 * Persons with any of these usernames.
 *
 * @since 0.1.0
 * @category constructors
 */
export const usernames = (usernames: ReadonlyArray<string>): PersonFilter => ({ _tag: "Usernames", usernames })

/**
 * Persons with any of these e-mail addresses.
 *
 * @since 0.1.0
 * @category constructors
 */
export const emailAddresses = (emailAddresses: ReadonlyArray<string>): PersonFilter => ({
  _tag: "EmailAddresses",
  emailAddresses
})

/**
 * Persons matching every filter.
 *
 * @since 0.1.0
 * @category combinators
 */
export const and = (...filters: ReadonlyArray<PersonFilter>): PersonFilter => ({ _tag: "And", filters })

/**
 * Persons matching any filter.
 *
 * @example
 * ```ts
 * import { PersonFilter } from "@ams-effect/v2"
 * import { deepStrictEqual } from "node:assert"
 *
 * // "jsmith", or anyone but person 42
 * const filter = PersonFilter.or(PersonFilter.usernames(["jsmith"]), PersonFilter.not(PersonFilter.ids([42])))
 *
 * // Negations are pushed down to the leaves; `op: "1"` is OR on the wire
 * deepStrictEqual(PersonFilter.toWire(filter), {
 *   comparisons: {
 *     op: "1",
 *     branches: [
 *       { leaf: { negated: false, comp: "1", fieldName: "username", valueString: ["jsmith"] } },
 *       { leaf: { negated: true, comp: "1", fieldName: "id", valueInteger: ["42"] } }
 *     ]
 *   }
 * })
 * ```
 *
 * @since 0.1.0
 * @category combinators
 */
export const or = (...filters: ReadonlyArray<PersonFilter>): PersonFilter => ({ _tag: "Or", filters })

/**
 * Persons not matching the filter.
 *
 * @since 0.1.0
 * @category combinators
 */
export const not = (filter: PersonFilter): PersonFilter => ({ _tag: "Not", filter })

type Leaf = {
  readonly leaf: {
    readonly negated: boolean
    readonly comp: "1"
    readonly fieldName: string
    readonly valueInteger?: ReadonlyArray<string>
    readonly valueString?: ReadonlyArray<string>
  }
}
type Node = Leaf | { readonly op: "0" | "1"; readonly branches: ReadonlyArray<Node> }

/** Negations pushed down to the leaves (only a leaf can be negated on the wire). */
const compile = (filter: PersonFilter, negated: boolean): Node => {
  switch (filter._tag) {
    case "Ids":
      return { leaf: { negated, comp: "1", fieldName: "id", valueInteger: filter.ids.map(String) } }
    case "Usernames":
      return { leaf: { negated, comp: "1", fieldName: "username", valueString: filter.usernames } }
    case "EmailAddresses":
      return { leaf: { negated, comp: "1", fieldName: "emailAddress", valueString: filter.emailAddresses } }
    case "Not":
      return compile(filter.filter, !negated)
    case "And":
    case "Or":
      return {
        op: (filter._tag === "And") !== negated ? "0" : "1",
        branches: filter.filters.map((child) => compile(child, negated))
      }
  }
}

/**
 * The wire form of a filter: the value of `filter` in a `person/get` body.
 *
 * @since 0.1.0
 * @category encoding
 */
export const toWire = (filter: PersonFilter): { readonly comparisons: Node } => {
  const node = compile(filter, false)
  return { comparisons: "leaf" in node ? { op: "0", branches: [node] } : node }
}
