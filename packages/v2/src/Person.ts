/**
 * Persons (user accounts) as v2 `person/get` and `person/save` exchange them, and the inputs to create or change
 * one.
 *
 * On the wire `sex` is `"0"`, `"1"` or `"2"`; here it is `MALE`, `FEMALE` or `UNSPECIFIED`. `dateOfBirth` is
 * `dd/mm/yyyy`; list fields are often `null`. A password is only ever sent, as `Redacted`, never received.
 *
 * @since 0.1.0
 */
import type * as WireDate from "@ams-effect/core/WireDate"
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"

/**
 * `"0"` / `"1"` / `"2"` on the wire.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Sex = Schema.transformLiterals(["0", "MALE"], ["1", "FEMALE"], ["2", "UNSPECIFIED"])

/**
 * A person's sex as this client shows it: `MALE`, `FEMALE` or `UNSPECIFIED`.
 *
 * @since 0.1.0
 * @category models
 */
export type Sex = typeof Sex.Type

const optionalText = Schema.optional(Schema.NullOr(Schema.String))
const optionalList = Schema.optional(Schema.NullOr(Schema.Array(Schema.Unknown)))

/**
 * A person as v2 returns it.
 *
 * @since 0.1.0
 * @category models
 */
export class Person extends Schema.Class<Person>("@ams-effect/v2/Person")({
  id: Schema.Number,
  username: Schema.String,
  firstName: Schema.String,
  lastName: Schema.String,
  middleNames: optionalText,
  knownAs: optionalText,
  emailAddress: optionalText,
  /** `dd/mm/yyyy` */
  dateOfBirth: optionalText,
  sex: Schema.optional(Sex),
  uuid: optionalText,
  language: optionalText,
  timezone: optionalText,
  active: Schema.optional(Schema.Boolean),
  admin: Schema.optional(Schema.Boolean),
  pending: Schema.optional(Schema.Boolean),
  ownerId: Schema.optional(Schema.Number),
  organisationId: Schema.optional(Schema.Number),
  avatarId: Schema.optional(Schema.Number),
  accountExpiration: optionalText,
  phoneNumbers: optionalList,
  addresses: optionalList,
  favoriteDashboards: optionalList,
  favoriteEvents: optionalList,
  __mtime__: Schema.optional(Schema.Number)
}) {}

/**
 * A person to create. The server answers with the saved person (its new id, `ownerId` = the caller).
 *
 * @since 0.1.0
 * @category models
 */
export interface NewPerson {
  readonly firstName: string
  readonly lastName: string
  /** Unique on the site; what the person logs in with. */
  readonly username: string
  readonly emailAddress: string
  readonly password: Redacted.Redacted<string>
  readonly dateOfBirth: WireDate.DateInput
  readonly sex?: Sex | undefined
  readonly knownAs?: string | undefined
  readonly middleNames?: string | undefined
  readonly uuid?: string | undefined
  readonly language?: string | undefined
  readonly active?: boolean | undefined
}

/**
 * Changes to an existing person; everything else is kept as the server has it.
 *
 * @since 0.1.0
 * @category models
 */
export interface PersonChanges {
  readonly firstName?: string | undefined
  readonly lastName?: string | undefined
  readonly username?: string | undefined
  readonly emailAddress?: string | undefined
  readonly password?: Redacted.Redacted<string> | undefined
  readonly dateOfBirth?: WireDate.DateInput | undefined
  readonly sex?: Sex | undefined
  readonly knownAs?: string | undefined
  readonly middleNames?: string | undefined
  readonly uuid?: string | undefined
  readonly language?: string | undefined
  readonly active?: boolean | undefined
}
