/**
 * Reading the `person` of a v2 `person/save` (§2.11). Clients send every scalar as text (an edit stringifies
 * everything but `active`), so numbers and booleans are read from text too. `dateOfBirth` is `yyyy-mm-dd` or
 * `dd/mm/yyyy`; `sex` is `Male`/`Female`/`Unspecified` (any case) or the codes `0`/`1`/`2`; phone and address
 * `type`s are the §4.2 codes or the §4.1 names. A value that cannot be read is a `ValidationException` naming the
 * field.
 *
 * @since 0.1.0
 * @internal
 */
import type * as DemoData from "../DemoData.js"
import { isRecord } from "./http.js"
import { asInt } from "./v1.js"
import { formatDate, parseDate } from "./wireTime.js"

/** An RPC exception to answer instead: its `type` and `detailMessage`. @internal */
export interface Rejection {
  readonly type: string
  readonly detail: string
}

/** The editable fields of a saved person, read and checked. @internal */
export interface PersonInput {
  readonly firstName: string
  readonly lastName: string
  readonly username: string
  readonly emailAddress: string
  readonly knownAs: string
  readonly middleNames: string
  readonly uuid: string
  /** `dd/mm/yyyy`, or `""` when none was sent. */
  readonly dob: string
  readonly sex: DemoData.UserRecord["sex"]
  /** `undefined` when none was sent (a new person gets "English"). */
  readonly language: string | undefined
  readonly active: boolean
  readonly avatarId: number
  readonly sidebarWidth: string | null
  readonly timezone: string | null
  readonly communicationPreferences: string | null
  /** `undefined` when none was sent (an edit keeps the stored one). */
  readonly password: string | undefined
  readonly phoneNumbers: ReadonlyArray<DemoData.PhoneNumber> | undefined
  readonly addresses: ReadonlyArray<DemoData.Address> | undefined
}

const invalid = (detail: string): Rejection => ({ type: "ValidationException", detail })

const shown = (value: unknown): string => JSON.stringify(value) ?? "undefined"

/** Text, a number or boolean as text, `undefined` for absent/null; a rejection for anything else. */
const text = (raw: Readonly<Record<string, unknown>>, key: string): string | undefined | Rejection => {
  const value = raw[key]
  if (value === undefined || value === null) return undefined
  if (typeof value === "string") return value
  if (typeof value === "number" || typeof value === "boolean") return String(value)
  return invalid(`${key} ${shown(value)} is not text`)
}

const isRejection = (u: unknown): u is Rejection => isRecord(u) && typeof u.type === "string"

const sexes: Readonly<Record<string, DemoData.UserRecord["sex"]>> = {
  "male": "MALE",
  "0": "MALE",
  "female": "FEMALE",
  "1": "FEMALE",
  "unspecified": "UNSPECIFIED",
  "2": "UNSPECIFIED"
}

/** `yyyy-mm-dd` or `dd/mm/yyyy` → `dd/mm/yyyy`. @internal */
export const readDateOfBirth = (value: string): string | undefined => {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value.trim())
  const day = parseDate(iso === null ? value : `${iso[3]}/${iso[2]}/${iso[1]}`)
  return day === undefined ? undefined : formatDate(day)
}

const phoneTypes: ReadonlyArray<readonly [string, DemoData.PhoneNumber["type"]]> = [
  ["0", "HOME"],
  ["1", "MOBILE"],
  ["2", "EMERGENCY"],
  ["4", "OTHER"]
]
const addressTypes: ReadonlyArray<readonly [string, DemoData.Address["type"]]> = [["0", "PRIMARY"], [
  "1",
  "ALTERNATIVE"
]]

const listType = <T extends string>(
  value: unknown,
  types: ReadonlyArray<readonly [string, T]>
): T | undefined => {
  const key = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : undefined
  return types.find(([code, name]) => code === key || name === key?.toUpperCase())?.[1]
}

const textOf = (raw: Readonly<Record<string, unknown>>, key: string): string => {
  const value = raw[key]
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : ""
}

const readPhones = (value: unknown): ReadonlyArray<DemoData.PhoneNumber> | undefined | Rejection => {
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value)) return invalid(`phoneNumbers ${shown(value)} is not a list`)
  const phones: Array<DemoData.PhoneNumber> = []
  for (const item of value) {
    const type = isRecord(item) ? listType(item.type, phoneTypes) : undefined
    if (!isRecord(item) || type === undefined) return invalid(`phone number ${shown(item)} has no known type`)
    phones.push({
      type,
      countryCode: textOf(item, "countryCode"),
      prefix: textOf(item, "prefix"),
      number: textOf(item, "number")
    })
  }
  return phones
}

const readAddresses = (value: unknown): ReadonlyArray<DemoData.Address> | undefined | Rejection => {
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value)) return invalid(`addresses ${shown(value)} is not a list`)
  const addresses: Array<DemoData.Address> = []
  for (const item of value) {
    const type = isRecord(item) ? listType(item.type, addressTypes) : undefined
    if (!isRecord(item) || type === undefined) return invalid(`address ${shown(item)} has no known type`)
    addresses.push({
      type,
      address: textOf(item, "address"),
      suburb: textOf(item, "suburb"),
      city: textOf(item, "city"),
      country: textOf(item, "country"),
      postcode: textOf(item, "postcode")
    })
  }
  return addresses
}

/**
 * The `id` of a saved person: `undefined` for a new one (`-1`, `"-1"` or absent), the id otherwise.
 *
 * @internal
 */
export const readPersonId = (raw: Readonly<Record<string, unknown>>): number | undefined | Rejection => {
  if (raw.id === undefined || raw.id === null || raw.id === "") return undefined
  const id = asInt(raw.id)
  if (id === undefined) return invalid(`id ${shown(raw.id)} is not a person id`)
  return id === -1 ? undefined : id
}

/** Reads the editable fields of a `person/save`'s person. @internal */
export const readPerson = (raw: Readonly<Record<string, unknown>>): PersonInput | Rejection => {
  const texts: Record<string, string | undefined> = {}
  for (
    const key of [
      "firstName",
      "lastName",
      "username",
      "emailAddress",
      "knownAs",
      "middleNames",
      "uuid",
      "dateOfBirth",
      "sex",
      "language",
      "sidebarWidth",
      "timezone",
      "communicationPreferences",
      "password",
      "avatarId",
      "active"
    ]
  ) {
    const value = text(raw, key)
    if (isRejection(value)) return value
    texts[key] = value
  }
  for (const key of ["firstName", "lastName", "username"]) {
    if ((texts[key] ?? "").trim() === "") return invalid(`${key} is required`)
  }
  const dobText = texts.dateOfBirth ?? ""
  const dob = dobText.trim() === "" ? "" : readDateOfBirth(dobText)
  if (dob === undefined) return invalid(`dateOfBirth ${shown(dobText)} is not a yyyy-mm-dd or dd/mm/yyyy date`)
  const sexText = texts.sex ?? ""
  const sex = sexText.trim() === "" ? "UNSPECIFIED" : sexes[sexText.trim().toLowerCase()]
  if (sex === undefined) return invalid(`sex ${shown(sexText)} is not Male, Female, Unspecified, 0, 1 or 2`)
  const activeText = texts.active ?? "true"
  if (activeText !== "true" && activeText !== "false") return invalid(`active ${shown(raw.active)} is not a boolean`)
  const avatarId = texts.avatarId === undefined || texts.avatarId === "" ? 0 : asInt(texts.avatarId)
  if (avatarId === undefined) return invalid(`avatarId ${shown(raw.avatarId)} is not a file id`)
  const phoneNumbers = readPhones(raw.phoneNumbers)
  if (isRejection(phoneNumbers)) return phoneNumbers
  const addresses = readAddresses(raw.addresses)
  if (isRejection(addresses)) return addresses
  const nullable = (key: string) => texts[key] ?? null
  return {
    firstName: texts.firstName ?? "",
    lastName: texts.lastName ?? "",
    username: (texts.username ?? "").trim(),
    emailAddress: texts.emailAddress ?? "",
    knownAs: texts.knownAs ?? "",
    middleNames: texts.middleNames ?? "",
    uuid: texts.uuid ?? "",
    dob,
    sex,
    language: texts.language === "" ? undefined : texts.language,
    active: activeText === "true",
    avatarId,
    sidebarWidth: nullable("sidebarWidth"),
    timezone: nullable("timezone"),
    communicationPreferences: nullable("communicationPreferences"),
    password: texts.password === "" ? undefined : texts.password,
    phoneNumbers,
    addresses
  }
}
