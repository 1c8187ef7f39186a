/**
 * The seed data a simulator starts with: API accounts (with their form rights), users (the §4.1 user record),
 * groups, forms, events and profile records. `make()` builds a deterministic demo site: thirty athletes in squads,
 * a few staff, two API accounts, four event forms and a profile form with about four weeks of history.
 *
 * @since 0.1.0
 */
import { demoEvents, demoForms, demoProfiles } from "./internal/demoHistory.js"

/**
 * A phone number of a user (§4.1).
 *
 * @since 0.1.0
 * @category models
 */
export interface PhoneNumber {
  readonly type: "HOME" | "MOBILE" | "OTHER" | "EMERGENCY"
  readonly countryCode: string
  readonly prefix: string
  readonly number: string
}

/**
 * A postal address of a user (§4.1).
 *
 * @since 0.1.0
 * @category models
 */
export interface Address {
  readonly type: "PRIMARY" | "ALTERNATIVE"
  readonly address: string
  readonly suburb: string
  readonly city: string
  readonly country: string
  readonly postcode: string
}

/**
 * A user as v1 `usersearch` describes it (§4.1). Optional lists are omitted on the wire when absent.
 *
 * @since 0.1.0
 * @category models
 */
export interface UserRecord {
  readonly userId: number
  readonly firstName: string
  readonly lastName: string
  /** `dd/mm/yyyy` */
  readonly dob: string
  readonly middleName: string
  readonly emailAddress: string
  readonly knownAs: string
  readonly organisationalId: number
  readonly username: string
  readonly sex: "MALE" | "FEMALE" | "UNSPECIFIED"
  readonly uuid: string
  readonly phoneNumbers?: ReadonlyArray<PhoneNumber>
  readonly addresses?: ReadonlyArray<Address>
}

/**
 * An account that can use the API: its credentials, its own user, and the groups it coaches.
 *
 * @since 0.1.0
 * @category models
 */
export interface Account {
  readonly username: string
  readonly password: string
  readonly userId: number
  /** Names of the groups this account coaches: the users it can see and the groups `listgroups` returns. */
  readonly coachGroups: ReadonlyArray<string>
  /** The group last loaded in the web UI, answered by v1 `currentgroup`. */
  readonly currentGroup?: string
  /** The login `permissions`; a typical coach set when omitted. */
  readonly permissions?: ReadonlyArray<string>
  /** An administrator sees every user and has write access to every form. */
  readonly isAdmin?: boolean
  /** Form name → the account's right on it. A form that is missing is not accessible at all. */
  readonly formAccess?: Readonly<Record<string, FormAccess>>
}

/**
 * A right on a form: `"read"` allows searches and synchronise, `"write"` also imports and deletes.
 *
 * @since 0.1.0
 * @category models
 */
export type FormAccess = "read" | "write"

/**
 * A field of a form. `table` fields may appear in every row of an event (one row per table row); `required`
 * fields must have a non-empty value in every imported record.
 *
 * @since 0.1.0
 * @category models
 */
export interface FormField {
  readonly name: string
  readonly required?: boolean
  readonly table?: boolean
  /**
   * What the field holds; `"file"` values are `"<fileId>|<serverFileName>"` of an upload. v3 reports it as the
   * `formItemType` "Text", "Number", "Date", "File Upload" or "Single Selection". Default `"text"`.
   */
  readonly kind?: "text" | "number" | "date" | "file" | "option"
  /** The choices of an `"option"` field (v3 `options`; imports do not check them). */
  readonly options?: ReadonlyArray<string>
  /** Help text (v3 `instructions`). Default `""`. */
  readonly instructions?: string
}

/**
 * A form: event forms hold dated events, profile forms one record per user. Names are exact and case-sensitive.
 *
 * @since 0.1.0
 * @category models
 */
export interface FormDef {
  readonly name: string
  readonly type: "event" | "profile"
  readonly id: number
  readonly fields: ReadonlyArray<FormField>
  /** v3 `mainCategory`. Default `"General"`. */
  readonly mainCategory?: string
  /** v3 `groupEntryEnabled`. Default true for event forms, false for profile forms. */
  readonly groupEntryEnabled?: boolean
}

/**
 * One field value of a record; values are always strings on the wire.
 *
 * @since 0.1.0
 * @category models
 */
export interface Pair {
  readonly key: string
  readonly value: string
}

/**
 * A row of a record: row 0 holds the event's fields (and the first table row), later rows further table rows.
 *
 * @since 0.1.0
 * @category models
 */
export interface EventRow {
  readonly row: number
  readonly pairs: ReadonlyArray<Pair>
}

/**
 * An event the simulator starts with. Ids are given in seed order from 34368000. Missing finish date/time default
 * to the start date and start + 1 hour, `enteredByUserId` to the user, `modifiedAt` to 0 (before any sync cursor).
 *
 * @since 0.1.0
 * @category models
 */
export interface EventSeed {
  readonly formName: string
  readonly userId: number
  /** `dd/mm/yyyy` */
  readonly startDate: string
  /** `h:mm AM/PM` */
  readonly startTime: string
  readonly finishDate?: string
  readonly finishTime?: string
  readonly enteredByUserId?: number
  readonly rows: ReadonlyArray<EventRow>
  /** Epoch milliseconds of the last change (what synchronise compares). Default 0. */
  readonly modifiedAt?: number
}

/**
 * A profile record the simulator starts with (one per form and user); its id follows the seeded events'.
 *
 * @since 0.1.0
 * @category models
 */
export interface ProfileSeed {
  readonly formName: string
  readonly userId: number
  readonly enteredByUserId?: number
  readonly rows: ReadonlyArray<EventRow>
  readonly modifiedAt?: number
}

/**
 * A named group of users.
 *
 * @since 0.1.0
 * @category models
 */
export interface Group {
  readonly name: string
  readonly members: ReadonlyArray<number>
  /** Numeric id (shown in `groupsAndRoles`); derived from the position when omitted. */
  readonly id?: number
}

/**
 * Everything a simulator starts with. Forms, events and profiles are optional (none when omitted).
 *
 * @since 0.1.0
 * @category models
 */
export interface SeedData {
  readonly accounts: ReadonlyArray<Account>
  readonly users: ReadonlyArray<UserRecord>
  readonly groups: ReadonlyArray<Group>
  readonly forms?: ReadonlyArray<FormDef>
  readonly events?: ReadonlyArray<EventSeed>
  readonly profiles?: ReadonlyArray<ProfileSeed>
}

/**
 * The demo forms: event forms "Wellness", "Training Load", "Jump Testing" (a table form) and "Injury Report",
 * and the profile form "Athlete Profile".
 *
 * @since 0.1.0
 * @category demo
 */
export const forms: ReadonlyArray<FormDef> = demoForms

/**
 * The demo API account: coach of every athlete group, not of "Staff".
 *
 * @since 0.1.0
 * @category demo
 */
export const coach = { username: "api.coach", password: "coach-demo-password" } as const

/**
 * A second demo account that coaches only "Academy".
 *
 * @since 0.1.0
 * @category demo
 */
export const analyst = { username: "api.analyst", password: "analyst-demo-password" } as const

/**
 * The permissions a login reports when an account does not list its own (as seen on a real coach account).
 *
 * @since 0.1.0
 * @category demo
 */
export const defaultPermissions: ReadonlyArray<string> = [
  "Calendar",
  "Enter Data For Group",
  "Reports",
  "Edit Athlete Accounts",
  "Import Data",
  "Enter Data",
  "Profile Data",
  "Athlete History",
  "Resources - Upload",
  "Import Profile Data",
  "Groups",
  "Enter Appointment",
  "Account Read",
  "Account Write",
  "Resources",
  "Reports - Export",
  "Accounts Audit Export"
]

const men: ReadonlyArray<readonly [string, string]> = [
  ["Liam", "Walker"],
  ["Noah", "Bennett"],
  ["Oliver", "Hughes"],
  ["Jack", "Morrison"],
  ["Ethan", "Clarke"],
  ["Lucas", "Fraser"],
  ["Mason", "Reid"],
  ["Harry", "O'Connor"],
  ["Samuel", "Nguyen"],
  ["Thomas", "Kelly"],
  ["Cooper", "Johnson"],
  ["Lachlan", "Smith"]
]

const women: ReadonlyArray<readonly [string, string]> = [
  ["Emily", "Collins"],
  ["Charlotte", "Evans"],
  ["Amelia", "Turner"],
  ["Isla", "Murphy"],
  ["Mia", "Robertson"],
  ["Grace", "Patel"],
  ["Ava", "Mitchell"],
  ["Sophie", "Campbell"],
  ["Chloe", "Stewart"],
  ["Ruby", "Anderson"],
  ["Zoe", "Martin"],
  ["Hannah", "Lee"]
]

const academy: ReadonlyArray<readonly [string, string, "MALE" | "FEMALE"]> = [
  ["Finn", "Gallagher", "MALE"],
  ["Archie", "Doyle", "MALE"],
  ["Riley", "Jones", "MALE"],
  ["Matilda", "Ward", "FEMALE"],
  ["Evie", "Ross", "FEMALE"],
  ["Poppy", "Hart", "FEMALE"]
]

const staff: ReadonlyArray<readonly [string, string, UserRecord["sex"]]> = [
  ["Alex", "Coach", "UNSPECIFIED"],
  ["Dana", "Analyst", "FEMALE"],
  ["Morgan", "Physio", "MALE"],
  ["Jordan", "Strength", "FEMALE"],
  ["Casey", "Doctor", "MALE"]
]

const pad = (n: number): string => String(n).padStart(2, "0")

const athlete = (
  userId: number,
  index: number,
  firstName: string,
  lastName: string,
  sex: UserRecord["sex"],
  birthYear: number
): UserRecord => {
  const handle = `${firstName}.${lastName.replace(/'/g, "")}`
  const base: UserRecord = {
    userId,
    firstName,
    lastName,
    dob: `${pad((index * 7) % 28 + 1)}/${pad((index * 5) % 12 + 1)}/${birthYear}`,
    middleName: "",
    emailAddress: `${handle.toLowerCase()}@demo.example`,
    knownAs: "",
    organisationalId: -1,
    username: handle,
    sex,
    uuid: index % 4 === 0 ? `ATH-${userId}` : ""
  }
  if (index % 3 === 0) {
    return {
      ...base,
      phoneNumbers: [{ type: "MOBILE", countryCode: "61", prefix: "4", number: String(10000000 + userId * 37) }],
      addresses: [{
        type: "PRIMARY",
        address: `${index + 1} Stadium Road`,
        suburb: "Bruce",
        city: "Canberra",
        country: "Australia",
        postcode: "2617"
      }]
    }
  }
  return index % 3 === 1
    ? { ...base, phoneNumbers: [{ type: "HOME", countryCode: "", prefix: "", number: "" }] }
    : base
}

/**
 * Builds the deterministic demo site:
 *
 * - users 20001–20012 "Mens Squad", 20013–20024 "Womens Squad", 20025–20030 "Academy" (all in "All Athletes");
 * - staff users 20100–20104 in "Staff" (20100 is `api.coach`'s own user, 20101 `api.analyst`'s);
 * - accounts {@link coach} (every group but "Staff", current group "All Athletes") and {@link analyst} ("Academy");
 * - the {@link forms}: `api.coach` writes every form but "Injury Report" (read only), `api.analyst` reads "Wellness";
 * - events from id 34368000, 19/04/2025–16/05/2025: daily "Wellness" for the Mens and Womens Squads (every other
 *   day for the Academy), "Training Load" three days a week, weekly "Jump Testing" (three table rows) for six
 *   Mens Squad athletes, two "Injury Report"s; then an "Athlete Profile" for 28 of the 30 athletes.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (): SeedData => {
  const mensUsers = men.map(([first, last], i) => athlete(20001 + i, i, first, last, "MALE", 1994 + (i % 8)))
  const womensUsers = women.map(([first, last], i) => athlete(20013 + i, i + 12, first, last, "FEMALE", 1993 + (i % 9)))
  const academyUsers = academy.map(([first, last, sex], i) =>
    athlete(20025 + i, i + 24, first, last, sex, 2006 + i % 3)
  )
  const staffUsers: Array<UserRecord> = staff.map(([first, last, sex], i): UserRecord => ({
    userId: 20100 + i,
    firstName: first,
    lastName: last,
    dob: `0${i + 1}/0${i + 2}/198${i}`,
    middleName: "",
    emailAddress: `${first.toLowerCase()}.${last.toLowerCase()}@demo.example`,
    knownAs: "",
    organisationalId: -1,
    username: i === 0 ? coach.username : i === 1 ? analyst.username : `${first}.${last}`,
    sex,
    uuid: ""
  }))
  const ids = (users: ReadonlyArray<UserRecord>) => users.map((u) => u.userId)
  const athletes = [...mensUsers, ...womensUsers, ...academyUsers]
  return {
    users: [...athletes, ...staffUsers],
    groups: [
      { id: 101, name: "Mens Squad", members: ids(mensUsers) },
      { id: 102, name: "Womens Squad", members: ids(womensUsers) },
      { id: 103, name: "Academy", members: ids(academyUsers) },
      { id: 104, name: "All Athletes", members: ids(athletes) },
      { id: 105, name: "Staff", members: ids(staffUsers) }
    ],
    accounts: [
      {
        username: coach.username,
        password: coach.password,
        userId: 20100,
        coachGroups: ["Mens Squad", "Womens Squad", "Academy", "All Athletes"],
        currentGroup: "All Athletes",
        formAccess: {
          "Wellness": "write",
          "Training Load": "write",
          "Jump Testing": "write",
          "Injury Report": "read",
          "Athlete Profile": "write"
        }
      },
      {
        username: analyst.username,
        password: analyst.password,
        userId: 20101,
        coachGroups: ["Academy"],
        currentGroup: "Academy",
        permissions: ["Reports", "Athlete History", "Profile Data", "Reports - Export"],
        formAccess: { "Wellness": "read" }
      }
    ],
    forms,
    events: demoEvents({ mens: ids(mensUsers), womens: ids(womensUsers), academy: ids(academyUsers) }),
    profiles: demoProfiles(ids(athletes))
  }
}
