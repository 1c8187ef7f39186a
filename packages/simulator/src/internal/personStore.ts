/**
 * The v2 side of users (§4.2): the person attributes v1 does not show (active, avatar, owner, language, modification
 * time), the stored passwords of users created with `person/save` (kept, never answered, never logged), and the
 * id sequence of new users. The users themselves stay in the state's one user map, so v1 sees every change.
 *
 * @since 0.1.0
 * @internal
 */
import type * as DemoData from "../DemoData.js"

/** A fixed modification time for seeded records (2025-05-16T00:00:00Z). @internal */
export const seedMtime = 1747353600000

/** The person attributes beyond the v1 user record. @internal */
export interface PersonExtra {
  readonly active: boolean
  readonly avatarId: number
  readonly ownerId: number
  readonly language: string
  readonly sidebarWidth: string | null
  readonly timezone: string | null
  readonly communicationPreferences: string | null
  /** `__mtime__`: epoch ms of the last save. */
  readonly mtime: number
}

/** What a seeded user reports. @internal */
export const seededExtra: PersonExtra = {
  active: true,
  avatarId: 0,
  ownerId: 1,
  language: "en",
  sidebarWidth: null,
  timezone: null,
  communicationPreferences: null,
  mtime: seedMtime
}

/** @internal */
export class PersonStore {
  private readonly extras = new Map<number, PersonExtra>()
  private readonly passwords = new Map<number, string>()

  constructor(private readonly users: Map<number, DemoData.UserRecord>) {}

  extra(userId: number): PersonExtra {
    return this.extras.get(userId) ?? seededExtra
  }

  /** The user with this username, ignoring case. */
  byUsername(username: string): DemoData.UserRecord | undefined {
    const wanted = username.toLowerCase()
    for (const user of this.users.values()) {
      if (user.username.toLowerCase() === wanted) return user
    }
    return undefined
  }

  /** The id a new user gets: one after the highest id in use. */
  nextUserId(): number {
    let highest = 0
    for (const id of this.users.keys()) highest = Math.max(highest, id)
    return highest + 1
  }

  /** Stores a created or edited user; the password only when one is given (an edit without one keeps it). */
  save(user: DemoData.UserRecord, extra: PersonExtra, password: string | undefined): void {
    this.users.set(user.userId, user)
    this.extras.set(user.userId, extra)
    if (password !== undefined) this.passwords.set(user.userId, password)
  }
}
