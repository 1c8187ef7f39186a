/**
 * Forms, events, profile records and deletions, with the rights an account has on each form. Events and profiles
 * share one id sequence (from 34368000). Every change is stamped with a modification time for synchronise: the
 * Clock time, except that a stamp is never at or before a `lastSynchronisationTimeOnServer` already handed out
 * (so a change made in the same millisecond as a sync answer is still seen by the next sync), and a sync cursor is
 * never before the newest stamp nor below 1 (0 means "everything").
 *
 * @since 0.1.0
 * @internal
 */
import type * as DemoData from "../DemoData.js"
import type { StoredEvent } from "../Simulator.js"
import { formatDate, formatTime, minuteOf, minutesPerDay, parseDate, parseTime } from "./wireTime.js"

/** The first id given to a record. @internal */
export const firstId = 34368000

/** A live event; dates and times in their canonical text form. @internal */
export interface EventRecord extends StoredEvent {
  /** The start as minutes since 1970 (for ranges and ordering). */
  readonly startMinute: number
}

/** A live profile record. @internal */
export interface ProfileRecord {
  readonly id: number
  readonly formName: string
  readonly userId: number
  readonly enteredByUserId: number
  readonly rows: ReadonlyArray<DemoData.EventRow>
  readonly modifiedAt: number
}

/** A deleted event, remembered for synchronise. @internal */
export interface Deletion {
  readonly id: number
  readonly formName: string
  readonly userId: number
  readonly deletedAt: number
}

/** When an event happens, parsed; finish defaults to the start date and start + 1 hour. @internal */
export interface EventTimes {
  readonly startDate: string
  readonly startTime: string
  readonly finishDate: string
  readonly finishTime: string
  readonly startMinute: number
}

/**
 * Parses and completes the times of an event: the reason as text when a given value is malformed.
 *
 * @internal
 */
export const eventTimes = (given: {
  readonly startDate: string
  readonly startTime: string
  readonly finishDate: string | undefined
  readonly finishTime: string | undefined
}): EventTimes | string => {
  const startDay = parseDate(given.startDate)
  if (startDay === undefined) return `startDate "${given.startDate}" is not a dd/mm/yyyy date`
  const start = parseTime(given.startTime)
  if (start === undefined) return `startTime "${given.startTime}" is not an h:mm AM/PM time`
  const finishDay = given.finishDate === undefined ? undefined : parseDate(given.finishDate)
  if (given.finishDate !== undefined && finishDay === undefined) {
    return `finishDate "${given.finishDate}" is not a dd/mm/yyyy date`
  }
  const finish = given.finishTime === undefined ? undefined : parseTime(given.finishTime)
  if (given.finishTime !== undefined && finish === undefined) {
    return `finishTime "${given.finishTime}" is not an h:mm AM/PM time`
  }
  const startMinute = minuteOf(startDay, start)
  const defaultFinish = startMinute + 60
  return {
    startDate: formatDate(startDay),
    startTime: formatTime(start),
    finishDate: formatDate(finishDay ?? Math.floor(defaultFinish / minutesPerDay)),
    finishTime: formatTime(finish ?? defaultFinish),
    startMinute
  }
}

const right = (account: DemoData.Account, formName: string): DemoData.FormAccess | undefined =>
  account.formAccess !== undefined && Object.prototype.hasOwnProperty.call(account.formAccess, formName)
    ? account.formAccess[formName]
    : undefined

/** Whether an account may search a form: admins any, others a form `formAccess` names. @internal */
export const canRead = (account: DemoData.Account, formName: string): boolean =>
  account.isAdmin === true || right(account, formName) !== undefined

/** Whether an account may import into (and delete from) a form. @internal */
export const canWrite = (account: DemoData.Account, formName: string): boolean =>
  account.isAdmin === true || right(account, formName) === "write"

const profileKey = (formName: string, userId: number): string => `${userId}\u0000${formName}`

/** @internal */
export class EventStore {
  readonly forms: ReadonlyMap<string, DemoData.FormDef>
  readonly events = new Map<number, EventRecord>()
  readonly profiles = new Map<string, ProfileRecord>()
  readonly deletions: Array<Deletion> = []
  private nextId = firstId
  private newestStamp = 0
  private newestCursor = Number.NEGATIVE_INFINITY

  constructor(data: DemoData.SeedData) {
    this.forms = new Map((data.forms ?? []).map((form) => [form.name, form]))
    for (const [index, seed] of (data.events ?? []).entries()) {
      const times = eventTimes({
        startDate: seed.startDate,
        startTime: seed.startTime,
        finishDate: seed.finishDate,
        finishTime: seed.finishTime
      })
      if (typeof times === "string") throw new Error(`Seed event ${index}: ${times}`)
      const modifiedAt = seed.modifiedAt ?? 0
      this.newestStamp = Math.max(this.newestStamp, modifiedAt)
      this.putEvent({
        id: this.takeId(),
        formName: seed.formName,
        userId: seed.userId,
        ...times,
        enteredByUserId: seed.enteredByUserId ?? seed.userId,
        rows: seed.rows,
        modifiedAt
      })
    }
    for (const seed of data.profiles ?? []) {
      const modifiedAt = seed.modifiedAt ?? 0
      this.newestStamp = Math.max(this.newestStamp, modifiedAt)
      this.profiles.set(profileKey(seed.formName, seed.userId), {
        id: this.takeId(),
        formName: seed.formName,
        userId: seed.userId,
        enteredByUserId: seed.enteredByUserId ?? seed.userId,
        rows: seed.rows,
        modifiedAt
      })
    }
  }

  /** The next unused record id. */
  takeId(): number {
    const id = this.nextId
    this.nextId += 1
    return id
  }

  /** The modification time of a change made now: after every sync cursor already handed out. */
  stamp(now: number): number {
    const stamp = Math.max(now, this.newestCursor + 1, this.newestStamp)
    this.newestStamp = stamp
    return stamp
  }

  /** The `lastSynchronisationTimeOnServer` of an answer given now: not before any stamp, never below 1. */
  cursor(now: number): number {
    const cursor = Math.max(now, this.newestStamp, 1)
    this.newestCursor = Math.max(this.newestCursor, cursor)
    return cursor
  }

  eventForm(name: string): DemoData.FormDef | undefined {
    const form = this.forms.get(name)
    return form?.type === "event" ? form : undefined
  }

  profileForm(name: string): DemoData.FormDef | undefined {
    const form = this.forms.get(name)
    return form?.type === "profile" ? form : undefined
  }

  /** Inserts or replaces (by id) an event. */
  putEvent(event: EventRecord): void {
    this.events.set(event.id, event)
  }

  deleteEvent(event: EventRecord, now: number): void {
    this.events.delete(event.id)
    this.deletions.push({ id: event.id, formName: event.formName, userId: event.userId, deletedAt: this.stamp(now) })
  }

  profile(formName: string, userId: number): ProfileRecord | undefined {
    return this.profiles.get(profileKey(formName, userId))
  }

  putProfile(profile: ProfileRecord): void {
    this.profiles.set(profileKey(profile.formName, profile.userId), profile)
  }

  /** Live events ordered by id. */
  eventList(): ReadonlyArray<EventRecord> {
    return Array.from(this.events.values()).sort((a, b) => a.id - b.id)
  }

  /** Live profile records ordered by id. */
  profileList(): ReadonlyArray<ProfileRecord> {
    return Array.from(this.profiles.values()).sort((a, b) => a.id - b.id)
  }
}
