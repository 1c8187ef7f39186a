/**
 * Persons on the wire: filters checked and compiled, new persons and changes turned into `person/save` objects
 * (scalars as strings except `active`, as the Python client sends them), answers decoded while the raw object is
 * kept, so that a change saves back everything the server holds.
 */
import * as AmsError from "@ams-effect/core/AmsError"
import * as AmsResponse from "@ams-effect/core/AmsResponse"
import * as WireDate from "@ams-effect/core/WireDate"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import { type NewPerson, Person, type PersonChanges, type Sex } from "../Person.js"
import * as PersonFilter from "../PersonFilter.js"

const endpoint = "v2/person/save"

const invalid = (field: string, reason: string) => Either.left(new AmsError.InvalidRequest({ endpoint, field, reason }))

const sexCode: Readonly<Record<Sex, string>> = { MALE: "0", FEMALE: "1", UNSPECIFIED: "2" }
const sexName: Readonly<Record<Sex, string>> = { MALE: "Male", FEMALE: "Female", UNSPECIFIED: "Unspecified" }

/** A sex this client knows (a caller without the types may pass anything: the server would store "unspecified"). */
const checkSex = (sex: Sex): Either.Either<Sex, AmsError.InvalidRequest> =>
  Object.hasOwn(sexCode, sex)
    ? Either.right(sex)
    : invalid("sex", `${JSON.stringify(sex)} is not MALE, FEMALE or UNSPECIFIED`)

/** A non-empty list of non-blank texts. */
const isTextList = (list: ReadonlyArray<string>): boolean =>
  Array.isArray(list as unknown) && list.length > 0 &&
  list.every((text) => typeof text === "string" && text.trim() !== "")

/** How deep `And`, `Or` and `Not` may nest: far more than any search needs. */
const maxFilterDepth = 64

/** A filter with every list non-empty and every id a positive integer. */
const checkFilter = (
  filter: PersonFilter.PersonFilter,
  field: string,
  depth = 0
): Either.Either<void, AmsError.InvalidRequest> => {
  const bad = (reason: string) => Either.left(new AmsError.InvalidRequest({ endpoint: "v2/person/get", field, reason }))
  // Compiling the tree recurses: a filter built in a loop could nest deep enough to overflow the stack
  if (depth > maxFilterDepth) return bad(`nests more than ${maxFilterDepth} levels deep`)
  if (typeof filter !== "object" || filter === null) return bad("is not a filter")
  switch (filter._tag) {
    case "Ids":
      if (filter.ids.length === 0) return bad("must name at least one id")
      return filter.ids.every((id) => Number.isSafeInteger(id) && id > 0)
        ? Either.void
        : bad("ids must be positive integers")
    case "Usernames":
      return isTextList(filter.usernames) ? Either.void : bad("must name usernames")
    case "EmailAddresses":
      return isTextList(filter.emailAddresses) ? Either.void : bad("must name e-mail addresses")
    case "Not":
      return checkFilter(filter.filter, `${field}.filter`, depth + 1)
    case "And":
    case "Or":
      if (filter.filters.length === 0) return bad("must combine at least one filter")
      return Either.map(
        Either.all(filter.filters.map((child, i) => checkFilter(child, `${field}.filters[${i}]`, depth + 1))),
        () => undefined
      )
    default:
      // A caller without the types may pass anything
      return bad(`${JSON.stringify((filter as { _tag: unknown })._tag)} is not a filter`)
  }
}

/** The `filter` of a `person/get` body. */
export const filterToWire = (filter: PersonFilter.PersonFilter) =>
  Either.map(checkFilter(filter, "filter"), () => PersonFilter.toWire(filter))

/** Decodes a person from a v2 answer. */
export const decodePerson = (response: AmsResponse.AmsResponse, raw: unknown) =>
  AmsResponse.decodeValue(response, Person, raw)

const required = (value: string | undefined, field: string): Either.Either<string, AmsError.InvalidRequest> =>
  typeof value !== "string" || value.trim() === ""
    ? invalid(field, "must be text, not empty")
    : Either.right(value.trim())

const checkEmail = (value: string, field: string) =>
  typeof value === "string" && /^[^\s@]+@[^\s@]+$/.test(value.trim())
    ? Either.right(value.trim())
    : invalid(field, `${JSON.stringify(value)} is not an e-mail address`)

/** A password: `Redacted` (so that it shows nowhere), not empty. */
const checkPassword = (
  password: Redacted.Redacted<string>
): Either.Either<Redacted.Redacted<string>, AmsError.InvalidRequest> =>
  !Redacted.isRedacted(password)
    ? invalid("password", "must be Redacted (Redacted.make(...)), so that it is shown nowhere")
    : Redacted.value(password) === ""
    ? invalid("password", "must not be empty")
    : Either.right(password)

/** The `person` of a `person/save` body that creates one (id -1). */
export const newPersonToWire = (person: NewPerson) =>
  Either.gen(function*() {
    const birth = yield* WireDate.check(person.dateOfBirth, endpoint, "dateOfBirth")
    return {
      id: "-1",
      firstName: yield* required(person.firstName, "firstName"),
      lastName: yield* required(person.lastName, "lastName"),
      username: yield* required(person.username, "username"),
      emailAddress: yield* checkEmail(person.emailAddress, "emailAddress"),
      password: yield* checkPassword(person.password),
      dateOfBirth: WireDate.formatIso(birth),
      sex: sexName[yield* checkSex(person.sex ?? "UNSPECIFIED")],
      knownAs: person.knownAs ?? "",
      middleNames: person.middleNames ?? "",
      uuid: person.uuid ?? "",
      language: person.language ?? "English",
      active: person.active ?? true
    }
  })

/** Scalars as strings, except booleans (`active` and friends) and `null`. */
const stringifyScalars = (raw: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [key, typeof value === "number" ? String(value) : value])
  )

/** The whole person as the server holds it, with the changes applied. */
export const applyChanges = (raw: Readonly<Record<string, unknown>>, changes: PersonChanges) =>
  Either.gen(function*() {
    // A caller without the types may pass nothing
    if (typeof changes !== "object" || changes === null) return yield* invalid("changes", "must be an object")
    const next: Record<string, unknown> = { ...raw }
    for (const field of ["firstName", "lastName", "username"] as const) {
      if (changes[field] !== undefined) next[field] = yield* required(changes[field], field)
    }
    if (changes.emailAddress !== undefined) {
      next["emailAddress"] = yield* checkEmail(changes.emailAddress, "emailAddress")
    }
    for (const field of ["knownAs", "middleNames", "uuid", "language", "active"] as const) {
      if (changes[field] !== undefined) next[field] = changes[field]
    }
    if (changes.dateOfBirth !== undefined) {
      next["dateOfBirth"] = yield* WireDate.wire(changes.dateOfBirth, endpoint, "dateOfBirth")
    }
    if (changes.sex !== undefined) {
      next["sex"] = sexCode[yield* checkSex(changes.sex)]
    }
    if (changes.password !== undefined) {
      next["password"] = yield* checkPassword(changes.password)
    }
    return stringifyScalars(next)
  })
