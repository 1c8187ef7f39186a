import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { DemoData, Simulator } from "../src/index.js"
import { call, coachBasic, login, parse, rpcText, TestLayer, unauthorizedPage, v1Parsed, v2 } from "./utils.js"

interface PersonAnswer {
  readonly objects: ReadonlyArray<Record<string, unknown>>
  readonly totalCount: number
}

const leaf = (fieldName: string, values: ReadonlyArray<string>, extra: Record<string, unknown> = {}) => ({
  leaf: {
    negated: false,
    comp: "1",
    fieldName,
    ...(fieldName === "id" ? { valueInteger: values } : { valueString: values }),
    ...extra
  }
})

const query = (branches: ReadonlyArray<unknown>, op = "0", limit = "-1", offset = "-1") => ({
  filter: { comparisons: { op, branches } },
  limit,
  offset
})

const get = (body: unknown, token: string) =>
  Effect.map(v2("person/get", body, token, coachBasic), (answer) => parse(answer) as PersonAnswer)

const ids = (answer: PersonAnswer) => answer.objects.map((p) => p.id)

/** Noah Bennett (20002) as §4.2 describes a person; key order as recorded. */
const noah = {
  active: true,
  admin: false,
  pending: false,
  communicationPreferences: null,
  sex: "0",
  avatarId: 0,
  id: 20002,
  organisationId: 1,
  ownerId: 1,
  plan: 0,
  state: 0,
  emailAddress: "noah.bennett@demo.example",
  firstName: "Noah",
  knownAs: "",
  language: "en",
  lastName: "Bennett",
  middleNames: "",
  sidebarWidth: null,
  skypeName: null,
  timezone: null,
  username: "Noah.Bennett",
  uuid: null,
  addresses: null,
  favoriteDashboards: null,
  favoriteEvents: null,
  frontPageButtons: null,
  phoneNumbers: [{ type: 0, countryCode: "", prefix: "", number: "" }],
  accountExpiration: "01/01/1970",
  dateOfBirth: "08/06/1995",
  __mtime__: 1747353600000
}

const created = {
  id: "-1",
  firstName: "Jamie",
  lastName: "Newton",
  username: "Jamie.Newton",
  emailAddress: "jamie.newton@demo.example",
  dateOfBirth: "2000-01-01",
  password: "new-user-secret-1",
  active: true,
  knownAs: "",
  middleNames: "",
  language: "",
  sidebarWidth: "",
  uuid: "",
  sex: "Male"
}

describe("v2 person/get", () => {
  it.effect("answers the §2.11 body with §4.2 persons, byte for byte", () =>
    Effect.gen(function*() {
      const token = yield* login()
      const answer = yield* v2("person/get", query([leaf("id", ["20002"])]), token, coachBasic)
      expect(answer.status).toBe(200)
      expect(answer.headers["content-type"]).toBe("application/json;charset=utf-8")
      expect(answer.headers["content-disposition"]).toBe("attachment")
      expect(answer.headers["session-header"]).toBe(token)
      expect(answer.text).toBe(JSON.stringify({ objects: [noah], totalCount: 1 }))
      const two = yield* get(query([leaf("id", ["20013", "20001", "20101"])]), token)
      expect(ids(two)).toEqual([20001, 20013])
      expect(two.objects[1]?.sex).toBe("1")
      expect(two.objects[0]?.phoneNumbers).toEqual([{ type: 1, countryCode: "61", prefix: "4", number: "10740037" }])
      expect(two.objects[0]?.addresses).toEqual([{
        type: 0,
        address: "1 Stadium Road",
        suburb: "Bruce",
        city: "Canberra",
        country: "Australia",
        postcode: "2617"
      }])
      expect(two.objects[0]?.uuid).toBe("ATH-20001")
    }).pipe(Effect.provide(TestLayer())))

  it.effect("filters by username and emailAddress (ignoring case), with AND, OR, negation and nesting", () =>
    Effect.gen(function*() {
      const token = yield* login()
      expect(ids(yield* get(query([leaf("username", ["liam.walker", "Emily.Collins"])]), token))).toEqual([
        20001,
        20013
      ])
      expect(ids(yield* get(query([leaf("emailAddress", ["FINN.GALLAGHER@demo.example"])]), token))).toEqual([20025])
      const and = query([leaf("id", ["20001", "20002"]), leaf("username", ["Noah.Bennett"])], "0")
      expect(ids(yield* get(and, token))).toEqual([20002])
      const or = query([leaf("id", ["20001"]), leaf("username", ["Noah.Bennett"])], "1")
      expect(ids(yield* get(or, token))).toEqual([20001, 20002])
      const negated = query([leaf("id", ["20001"], { negated: true })])
      const all = yield* get(negated, token)
      expect(all.totalCount).toBe(29)
      expect(ids(all)).not.toContain(20001)
      const nested = query([
        { op: "1", branches: [leaf("id", ["20001"]), leaf("id", ["20030"])] },
        leaf("username", ["Finn.Gallagher"], { negated: true })
      ])
      expect(ids(yield* get(nested, token))).toEqual([20001, 20030])
      // numbers as numbers are fine too
      const numeric = {
        filter: {
          comparisons: {
            op: 0,
            branches: [{ leaf: { negated: false, comp: 1, fieldName: "id", valueInteger: [20003] } }]
          }
        },
        limit: -1,
        offset: -1
      }
      expect(ids(yield* get(numeric, token))).toEqual([20003])
    }).pipe(Effect.provide(TestLayer())))

  it.effect("limit and offset page the visible users; totalCount counts them all; no filter is everyone", () =>
    Effect.gen(function*() {
      const token = yield* login()
      const everyone = yield* get({ limit: "-1", offset: "-1" }, token)
      expect(everyone.totalCount).toBe(30)
      expect(everyone.objects).toHaveLength(30)
      const page = yield* get(query([], "0", "5", "10"), token)
      expect(page.totalCount).toBe(30)
      expect(ids(page)).toEqual([20011, 20012, 20013, 20014, 20015])
      const emptyOr = yield* get(query([], "1"), token)
      expect(emptyOr).toEqual({ objects: [], totalCount: 0 })
      // only users of the account's groups: staff and (for the analyst) the squads are invisible
      const analyst = yield* login(DemoData.analyst)
      const seen = yield* get(query([leaf("id", ["20001", "20025", "20100"])]), analyst)
      expect(ids(seen)).toEqual([20025])
      expect((yield* get({}, analyst)).totalCount).toBe(6)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("a malformed filter or body is an RPC InvalidRequestException", () =>
    Effect.gen(function*() {
      const token = yield* login()
      const bad: ReadonlyArray<unknown> = [
        query([leaf("nickname", ["x"])]),
        query([{ leaf: { negated: false, comp: "7", fieldName: "id", valueInteger: ["1"] } }]),
        query([leaf("id", ["abc"])]),
        query([leaf("id", ["1"])], "2"),
        query([leaf("id", ["1"])], "0", "ten"),
        { filter: { comparisons: { op: "0", branches: "all" } } },
        { filter: { comparisons: { op: "0", branches: [{ twig: {} }] } } },
        [1, 2]
      ]
      for (const body of bad) {
        const answer = yield* v2("person/get", body, token)
        expect(answer.status).toBe(200)
        expect(parse(answer)).toMatchObject({ "__is_rpc_exception__": true, type: "InvalidRequestException" })
      }
      const answer = yield* v2("person/get", "{not json", token)
      expect(answer.text).toBe(rpcText("InvalidRequestException", "The request body is not valid JSON"))
      const unknownField = yield* v2("person/get", query([leaf("nickname", ["x"])]), token)
      expect(unknownField.text).toBe(rpcText(
        "InvalidRequestException",
        "Malformed person filter: fieldName \"nickname\" is not one of \"id\", \"username\", \"emailAddress\""
      ))
    }).pipe(Effect.provide(TestLayer())))

  it.effect("needs a session: none is the 401 page (Basic alone is not enough), an expired one the RPC exception", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const basicOnly = yield* call("v2/person/get", { basic: coachBasic, body: query([leaf("id", ["20001"])]) })
      expect(basicOnly.status).toBe(401)
      expect(basicOnly.text).toBe(unauthorizedPage)
      const token = yield* login()
      yield* sim.expireAllSessions
      const expired = yield* v2("person/get", query([leaf("id", ["20001"])]), token, coachBasic)
      expect(expired.status).toBe(200)
      expect(expired.headers["content-type"]).toBe("application/json;charset=utf-8")
      expect(expired.text).toBe(rpcText("SessionExpiredException", "Session expired"))
    }).pipe(Effect.provide(TestLayer())))

  it.effect("with v2SessionExpiry http401 an expired session is the 401 page", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const token = yield* login()
      yield* sim.expireAllSessions
      const expired = yield* v2("person/get", query([leaf("id", ["20001"])]), token, coachBasic)
      expect(expired.status).toBe(401)
      expect(expired.headers["content-type"]).toMatch(/^text\/html/)
      expect(expired.text).toBe(unauthorizedPage)
    }).pipe(Effect.provide(TestLayer({ v2SessionExpiry: "http401" }))))
})

describe("v2 person/save", () => {
  it.effect("creates a person (CAS create_user body): owner, sex code, dd/mm/yyyy, English, no password", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const token = yield* login()
      const answer = yield* v2("person/save", { person: created }, token, coachBasic)
      expect(answer.status).toBe(200)
      expect(answer.headers["content-type"]).toBe("application/json;charset=utf-8")
      expect(answer.text).not.toContain("new-user-secret-1")
      const person = parse(answer) as Record<string, unknown>
      expect(Object.keys(person)).toEqual(Object.keys(noah))
      expect(person).toEqual({
        ...noah,
        id: 20105,
        ownerId: 20100,
        sex: "0",
        firstName: "Jamie",
        lastName: "Newton",
        username: "Jamie.Newton",
        emailAddress: "jamie.newton@demo.example",
        language: "English",
        sidebarWidth: "",
        phoneNumbers: null,
        dateOfBirth: "01/01/2000",
        __mtime__: 1
      })
      // visible to its creator on v2 and v1, in the creator's current group
      const found = parse(yield* v2("person/get", query([leaf("username", ["jamie.newton"])]), token)) as PersonAnswer
      expect(found).toEqual({ objects: [person], totalCount: 1 })
      const v1 = yield* v1Parsed<{ results: Array<{ results: Array<Record<string, unknown>> }> }>("usersearch", {
        identification: [{ username: "Jamie.Newton" }]
      })
      expect(v1.results[0]?.results[0]).toMatchObject({
        userId: 20105,
        dob: "01/01/2000",
        sex: "MALE",
        organisationalId: -1,
        uuid: "",
        groupsAndRoles: { athleteGroups: [{ id: 104, name: "All Athletes" }] }
      })
      // the password was neither answered nor logged
      const log = JSON.stringify(yield* sim.requests)
      expect(log).not.toContain("new-user-secret-1")
      // other accounts do not see it; the next new person gets the next id
      const analyst = yield* login(DemoData.analyst)
      expect(ids(parse(yield* v2("person/get", query([leaf("id", ["20105"])]), analyst)) as PersonAnswer)).toEqual([])
      const second = parse(
        yield* v2("person/save", {
          person: { ...created, id: -1, username: "Kim.Lo", sex: "2", dateOfBirth: "5/3/2001" }
        }, analyst)
      ) as Record<string, unknown>
      expect(second).toMatchObject({ id: 20106, ownerId: 20101, sex: "2", dateOfBirth: "05/03/2001" })
      expect(ids(parse(yield* v2("person/get", {}, analyst)) as PersonAnswer)).toContain(20106)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("edits a person with the fetched object (scalars as strings), replacing the editable fields", () =>
    Effect.gen(function*() {
      const token = yield* login()
      const fetched = (yield* get(query([leaf("id", ["20002"])]), token)).objects[0] ?? {}
      const stringified = Object.fromEntries(
        Object.entries(fetched).map((
          [k, v]
        ) => [k, typeof v === "number" || (typeof v === "boolean" && k !== "active") ? String(v) : v])
      )
      const answer = yield* v2(
        "person/save",
        {
          person: { ...stringified, firstName: "Noah-James", knownAs: "NJ", sex: "Unspecified", phoneNumbers: null }
        },
        token,
        coachBasic
      )
      const saved = parse(answer) as Record<string, unknown>
      expect(saved).toEqual({
        ...noah,
        firstName: "Noah-James",
        knownAs: "NJ",
        sex: "2",
        phoneNumbers: null,
        __mtime__: noah.__mtime__ + 1
      })
      expect((yield* get(query([leaf("id", ["20002"])]), token)).objects[0]).toEqual(saved)
      const v1 = yield* v1Parsed<{ results: Array<{ results: Array<Record<string, unknown>> }> }>("usersearch", {
        identification: [{ userId: 20002 }]
      })
      expect(v1.results[0]?.results[0]).toMatchObject({ firstName: "Noah-James", knownAs: "NJ", sex: "UNSPECIFIED" })
      expect(v1.results[0]?.results[0]?.phoneNumbers).toBeUndefined()
      // keeping its own username is not a duplicate; a minimal edit resets what it leaves out
      const minimal = parse(
        yield* v2("person/save", {
          person: { id: "20002", firstName: "Noah", lastName: "Bennett", username: "noah.bennett", sex: "0" }
        }, token)
      ) as Record<string, unknown>
      expect(minimal).toMatchObject({ username: "noah.bennett", knownAs: "", emailAddress: "", dateOfBirth: null })
    }).pipe(Effect.provide(TestLayer())))

  it.effect("refuses a duplicate username, missing fields, bad values and unknown ids with RPC exceptions", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const token = yield* login()
      const save = (person: unknown) => v2("person/save", { person }, token, coachBasic)
      const duplicate = yield* save({ ...created, username: "liam.walker" })
      expect(duplicate.status).toBe(200)
      expect(duplicate.text).toBe(
        rpcText("DuplicateUsernameException", "The username \"liam.walker\" is already in use")
      )
      // the accounts' own users count too
      expect(parse(yield* save({ ...created, username: "API.COACH" }))).toMatchObject({
        type: "DuplicateUsernameException"
      })
      for (const field of ["firstName", "lastName", "username"]) {
        const answer = yield* save({ ...created, [field]: field === "username" ? undefined : "  " })
        expect(answer.text).toBe(rpcText("ValidationException", `${field} is required`))
      }
      expect(parse(yield* save({ ...created, dateOfBirth: "31/02/2000" }))).toMatchObject({
        type: "ValidationException",
        value: { detailMessage: "dateOfBirth \"31/02/2000\" is not a yyyy-mm-dd or dd/mm/yyyy date" }
      })
      expect(parse(yield* save({ ...created, sex: "M" }))).toMatchObject({ type: "ValidationException" })
      expect(parse(yield* save({ ...created, firstName: { first: "x" } }))).toMatchObject({
        type: "ValidationException",
        value: { detailMessage: "firstName {\"first\":\"x\"} is not text" }
      })
      expect((yield* save({ ...created, id: "99999" })).text).toBe(
        rpcText("ObjectNotFoundException", "No person with id 99999")
      )
      // a user the account cannot see is not found either
      expect((yield* save({ ...created, id: 20102 })).text).toBe(
        rpcText("ObjectNotFoundException", "No person with id 20102")
      )
      expect(parse(yield* v2("person/save", { nobody: {} }, token))).toMatchObject({ type: "InvalidRequestException" })
      // nothing was created
      expect((yield* get({}, token)).totalCount).toBe(30)
      expect(JSON.stringify(yield* sim.requests)).not.toContain("new-user-secret-1")
    }).pipe(Effect.provide(TestLayer())))
})
