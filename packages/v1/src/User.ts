/**
 * Users as the v1 user endpoints (`usersearch`, `groupmembers`, `currentgroup`) return them, and the ways a
 * `usersearch` can identify one.
 *
 * Optional lists (`phoneNumbers`, `addresses`, `groupsAndRoles`) are omitted by the server rather than empty;
 * `groupsAndRoles` comes only when a search finds exactly one user.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A phone number of a user; every part is optional, as the server omits empty ones.
 *
 * @since 0.1.0
 * @category models
 */
export class PhoneNumber extends Schema.Class<PhoneNumber>("@ams-effect/v1/User/PhoneNumber")({
  type: Schema.optional(Schema.String),
  countryCode: Schema.optional(Schema.String),
  prefix: Schema.optional(Schema.String),
  number: Schema.optional(Schema.String)
}) {}

/**
 * A postal address of a user; every part is optional, as the server omits empty ones.
 *
 * @since 0.1.0
 * @category models
 */
export class Address extends Schema.Class<Address>("@ams-effect/v1/User/Address")({
  type: Schema.optional(Schema.String),
  address: Schema.optional(Schema.String),
  suburb: Schema.optional(Schema.String),
  city: Schema.optional(Schema.String),
  country: Schema.optional(Schema.String),
  postcode: Schema.optional(Schema.String)
}) {}

/**
 * A group as `groupsAndRoles` lists it.
 *
 * @since 0.1.0
 * @category models
 */
export class GroupRef extends Schema.Class<GroupRef>("@ams-effect/v1/User/GroupRef")({
  id: Schema.optional(Schema.Number),
  name: Schema.String
}) {}

/**
 * The groups a user coaches and belongs to, and their roles; sent only when a search finds exactly one user.
 *
 * @since 0.1.0
 * @category models
 */
export class GroupsAndRoles extends Schema.Class<GroupsAndRoles>("@ams-effect/v1/User/GroupsAndRoles")({
  coachGroups: Schema.optionalWith(Schema.Array(GroupRef), { default: () => [] }),
  athleteGroups: Schema.optionalWith(Schema.Array(GroupRef), { default: () => [] }),
  role: Schema.optionalWith(Schema.Array(Schema.Unknown), { default: () => [] })
}) {}

/**
 * A user (athlete, coach or staff member). `dob` is `dd/mm/yyyy` as the server sends it.
 *
 * @since 0.1.0
 * @category models
 */
export class User extends Schema.Class<User>("@ams-effect/v1/User")({
  userId: Schema.Number,
  firstName: Schema.String,
  lastName: Schema.String,
  username: Schema.String,
  middleName: Schema.optional(Schema.String),
  knownAs: Schema.optional(Schema.String),
  emailAddress: Schema.optional(Schema.String),
  dob: Schema.optional(Schema.String),
  sex: Schema.optional(Schema.Literal("MALE", "FEMALE", "UNSPECIFIED")),
  uuid: Schema.optional(Schema.String),
  organisationalId: Schema.optional(Schema.Number),
  phoneNumbers: Schema.optional(Schema.Array(PhoneNumber)),
  addresses: Schema.optional(Schema.Array(Address)),
  groupsAndRoles: Schema.optional(GroupsAndRoles)
}) {
  /**
   * "First Last", the name the R client calls "about".
   *
   * @since 0.1.0
   */
  get fullName(): string {
    return `${this.firstName} ${this.lastName}`
  }
}

/**
 * One way to identify users in a search: by id, username, e-mail address, or first and last name.
 *
 * @since 0.1.0
 * @category models
 */
export type UserQuery =
  | { readonly userId: number }
  | { readonly username: string }
  | { readonly emailAddress: string }
  | { readonly firstName: string; readonly lastName: string }

/**
 * The users one query found; `query` is `undefined` for the search of all users.
 *
 * @since 0.1.0
 * @category models
 */
export interface UserSearchResult {
  readonly query: UserQuery | undefined
  readonly users: ReadonlyArray<User>
}
