/**
 * The simulator's in-memory server state: accounts, users, groups, sessions, fault rules, the request log and the
 * counters, the forms/events/profiles store, the v2 person attributes, uploaded files and the v3 notes. Everything
 * is plain mutable data touched from one JavaScript thread.
 *
 * @since 0.1.0
 * @internal
 */
import * as AgileData from "../AgileData.js"
import type * as DemoData from "../DemoData.js"
import type * as Fault from "../Fault.js"
import type * as RequestLog from "../RequestLog.js"
import type { AgileOptions } from "./agileTables.js"
import { AgileStore } from "./agileTables.js"
import { EventStore } from "./eventStore.js"
import { FileStore } from "./fileStore.js"
import { PersonStore } from "./personStore.js"
import { mulberry32 } from "./prng.js"
import { RecentLog } from "./recentLog.js"

/** @internal */
export interface Session {
  readonly token: string
  readonly account: DemoData.Account
  lastSeen: number
  /** The login's `user.skypeName`: the `session-token` of `/x/fileupload`. */
  uploadToken: string | undefined
  /** Id of the file this session uploaded last (`fileupload/getUploadStatus`). */
  lastUpload: number | undefined
}

/** @internal */
export interface GroupState {
  readonly id: number
  readonly name: string
  /** Grows when `person/save` creates a user for a coach of this group. */
  readonly members: Array<number>
}

/** A note created with the simulator-only v3 `POST notes`. @internal */
export interface NoteRecord {
  readonly id: number
  readonly athleteId: number
  readonly title: string
  readonly text: string
  readonly enteredByUserId: number
}

/** @internal */
export interface RuleState {
  readonly rule: Fault.FaultRule
  matched: number
  applied: number
}

/** A log entry while its request is in progress. @internal */
export type LogEntry = {
  -readonly [K in keyof RequestLog.LoggedRequest]: RequestLog.LoggedRequest[K]
}

/** @internal */
export interface StateOptions {
  readonly site: string
  readonly seed: number
  readonly data: DemoData.SeedData
  readonly sessionIdleTimeoutMillis: number
  readonly v2SessionExpiry: "rpc" | "http401"
  readonly faults: ReadonlyArray<Fault.FaultRule>
  /** How an empty search answers (§7.1). Default `"array"`. */
  readonly emptyResultStyle?: EmptyResultStyle
  /** Default 100. */
  readonly maxSyncUsers?: number
  /** Default 5000. */
  readonly maxSyncRecords?: number
  /** The AgileAssets instance. Default `ams_dev`, no authentication, `AgileData.make()`. */
  readonly agile?: AgileOptions
  /** How many entries the request log and the AgileAssets `api.log` keep, the latest. Default 10,000. */
  readonly logLimit?: number
}

/** `{"events": []}`, `{}` or an empty body (§7.1). @internal */
export type EmptyResultStyle = "array" | "object" | "empty"

/** How many entries the request log and the AgileAssets `api.log` keep unless told otherwise. @internal */
export const defaultLogLimit = 10_000

const tokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-"

/** @internal */
export class SimulatorState {
  readonly site: string
  readonly sessionIdleTimeoutMillis: number
  readonly v2SessionExpiry: "rpc" | "http401"
  readonly emptyResultStyle: EmptyResultStyle
  readonly maxSyncUsers: number
  readonly maxSyncRecords: number
  readonly store: EventStore
  readonly accounts: ReadonlyMap<string, DemoData.Account>
  /** Every user by id; `person/save` adds and replaces entries. */
  readonly users: Map<number, DemoData.UserRecord>
  readonly persons: PersonStore
  readonly files: FileStore
  readonly notes: Array<NoteRecord> = []
  /** The AgileAssets REST API v1 instance: its tables and `api.log`. */
  readonly agile: AgileStore
  readonly groups: ReadonlyArray<GroupState>
  readonly sessions = new Map<string, Session>()
  readonly log: RecentLog<LogEntry>
  faultRules: Array<RuleState>
  requests = 0
  logins = 0
  inFlight = 0
  readonly byRoute: Record<string, number> = {}
  readonly faultCounts: Record<string, number> = {}
  readonly faultRandom: () => number
  private readonly tokenRandom: () => number
  private tokensIssued = 0

  constructor(options: StateOptions) {
    this.site = options.site
    this.sessionIdleTimeoutMillis = options.sessionIdleTimeoutMillis
    this.v2SessionExpiry = options.v2SessionExpiry
    this.emptyResultStyle = options.emptyResultStyle ?? "array"
    this.maxSyncUsers = options.maxSyncUsers ?? 100
    this.maxSyncRecords = options.maxSyncRecords ?? 5000
    this.store = new EventStore(options.data)
    this.accounts = new Map(options.data.accounts.map((a) => [a.username, a]))
    this.users = new Map(options.data.users.map((u) => [u.userId, u]))
    this.persons = new PersonStore(this.users)
    this.files = new FileStore(options.data)
    this.log = new RecentLog(options.logLimit ?? defaultLogLimit)
    this.agile = new AgileStore(
      options.agile ?? { instance: "ams_dev", auth: { _tag: "None" }, tables: AgileData.make() },
      options.logLimit ?? defaultLogLimit
    )
    this.groups = options.data.groups.map((g, i) => ({ id: g.id ?? 101 + i, name: g.name, members: [...g.members] }))
    this.faultRules = options.faults.map((rule) => ({ rule, matched: 0, applied: 0 }))
    this.faultRandom = mulberry32(options.seed)
    this.tokenRandom = mulberry32(options.seed ^ 0x5bd1e995)
  }

  // accounts and visibility

  /** The account whose credentials these are, if they are right. */
  authenticate(username: string, password: string): DemoData.Account | undefined {
    const account = this.accounts.get(username)
    return account !== undefined && account.password === password ? account : undefined
  }

  group(name: string): GroupState | undefined {
    return this.groups.find((g) => g.name === name)
  }

  /** Ids of the users an account can see: the members of the groups it coaches (everyone for an admin). */
  visibleUserIds(account: DemoData.Account): ReadonlySet<number> {
    if (account.isAdmin === true) return new Set(this.users.keys())
    const ids = new Set<number>()
    for (const name of account.coachGroups) {
      for (const id of this.group(name)?.members ?? []) ids.add(id)
    }
    return ids
  }

  /** Visible users in the order of the seed data. */
  visibleUsers(account: DemoData.Account): ReadonlyArray<DemoData.UserRecord> {
    const ids = this.visibleUserIds(account)
    return Array.from(this.users.values()).filter((u) => ids.has(u.userId))
  }

  // sessions

  /** A fresh 24-character token of `[A-Za-z0-9+-]`; every other token is made to contain a `+`. */
  newToken(): string {
    const chars = Array.from({ length: 24 }, () => tokenAlphabet[Math.floor(this.tokenRandom() * 64)] ?? "A")
    this.tokensIssued += 1
    if (this.tokensIssued % 2 === 1 && !chars.includes("+")) {
      chars[1 + Math.floor(this.tokenRandom() * 22)] = "+"
    }
    return chars.join("")
  }

  /** A fresh 19-digit numeric string (the login's `user.skypeName`). */
  newSkypeName(): string {
    let digits = String(1 + Math.floor(this.tokenRandom() * 9))
    for (let i = 0; i < 18; i++) digits += String(Math.floor(this.tokenRandom() * 10))
    this.issuedSecrets.push(digits)
    return digits
  }

  /** Every session token and upload token handed out, for tests that prove none of them leaks. */
  readonly issuedSecrets: Array<string> = []

  createSession(account: DemoData.Account, now: number): Session {
    let token = this.newToken()
    while (this.sessions.has(token)) token = this.newToken()
    this.issuedSecrets.push(token)
    const session: Session = { token, account, lastSeen: now, uploadToken: undefined, lastUpload: undefined }
    this.sessions.set(token, session)
    return session
  }

  /** The live session for a token; `touch` restarts its idle timer. Expired sessions are forgotten. */
  session(token: string, now: number, touch: boolean): Session | undefined {
    const session = this.sessions.get(token)
    if (session === undefined) return undefined
    if (now - session.lastSeen >= this.sessionIdleTimeoutMillis) {
      this.sessions.delete(token)
      return undefined
    }
    if (touch) session.lastSeen = now
    return session
  }

  /** The live session whose login handed out this upload token (`user.skypeName`); touches it. */
  sessionByUploadToken(uploadToken: string, now: number): Session | undefined {
    for (const session of Array.from(this.sessions.values())) {
      if (session.uploadToken === uploadToken) return this.session(session.token, now, true)
    }
    return undefined
  }

  expireSession(token: string): void {
    this.sessions.delete(token)
  }

  expireAllSessions(): void {
    this.sessions.clear()
  }

  activeSessions(now: number): number {
    let count = 0
    for (const token of Array.from(this.sessions.keys())) {
      if (this.session(token, now, false) !== undefined) count += 1
    }
    return count
  }

  // request log and counters

  beginRequest(entry: LogEntry): LogEntry {
    this.log.append(entry)
    this.requests += 1
    this.byRoute[entry.route] = (this.byRoute[entry.route] ?? 0) + 1
    return entry
  }

  countFault(tag: string): void {
    this.faultCounts[tag] = (this.faultCounts[tag] ?? 0) + 1
  }

  counters(): RequestLog.Counters {
    return {
      requests: this.requests,
      logins: this.logins,
      byRoute: { ...this.byRoute },
      faults: { ...this.faultCounts }
    }
  }

  requestsSnapshot(): ReadonlyArray<RequestLog.LoggedRequest> {
    return this.log.latest().map((entry) => ({ ...entry }))
  }
}
