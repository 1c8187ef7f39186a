import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { analystBasic, call, coachBasic, login, parse, TestLayer } from "./utils.js"

interface UserResult {
  readonly userId: number
  readonly username: string
  readonly groupsAndRoles?: { readonly athleteGroups: ReadonlyArray<{ readonly name: string }> }
}
interface SearchAnswer {
  readonly results: ReadonlyArray<{ readonly search: unknown; readonly results: ReadonlyArray<UserResult> }>
}

const search = (body: unknown, credentials: { readonly username: string; readonly password: string } = coachBasic) =>
  call("v1/usersearch", { basic: credentials, body }).pipe(Effect.map((a) => parse(a) as SearchAnswer))

describe("API v1", () => {
  describe("listgroups", () => {
    it.effect("with Basic: the coached groups, no Content-Type at all, chunked, recorded separators", () =>
      Effect.gen(function*() {
        const answer = yield* call("v1/listgroups", { basic: coachBasic, body: { name: "" } })
        expect(answer.status).toBe(200)
        expect(answer.headers["content-type"]).toBeUndefined()
        expect(answer.headers["transfer-encoding"]).toBe("chunked")
        expect(answer.headers["session-header"]).toBeUndefined()
        expect(answer.text).toBe("{\"name\": [\"Mens Squad\",\"Womens Squad\",\"Academy\",\"All Athletes\"]}")
        const analyst = yield* call("v1/listgroups", { basic: analystBasic, body: { name: "api.analyst" } })
        expect(parse(analyst)).toEqual({ name: ["Academy"] })
      }).pipe(Effect.provide(TestLayer())))

    it.effect("with a session (header and cookie, or cookie alone), echoing session-header", () =>
      Effect.gen(function*() {
        const token = yield* login()
        const answer = yield* call("v1/listgroups", { session: token, body: { name: "api.coach" } })
        expect(answer.status).toBe(200)
        expect(answer.headers["content-type"]).toBeUndefined()
        expect(answer.headers["session-header"]).toBe(token)
        expect(parse(answer)).toEqual({ name: ["Mens Squad", "Womens Squad", "Academy", "All Athletes"] })
        const cookieOnly = yield* call("v1/listgroups", { headers: { cookie: `JSESSIONID=${token}` }, body: {} })
        expect(cookieOnly.status).toBe(200)
      }).pipe(Effect.provide(TestLayer())))

    it.effect("401 text/html without credentials, with bad ones, or with an unknown session (echoed)", () =>
      Effect.gen(function*() {
        const none = yield* call("v1/listgroups", { body: {} })
        expect(none.status).toBe(401)
        expect(none.headers["content-type"]).toMatch(/^text\/html/)
        expect(none.text).toBe("<html><body><h1>HTTP Status 401 – Unauthorized</h1></body></html>")
        const bad = yield* call("v1/listgroups", { basic: { ...coachBasic, password: "x" }, body: {} })
        expect(bad.status).toBe(401)
        const garbage = yield* call("v1/listgroups", { headers: { authorization: "Basic !!!" }, body: {} })
        expect(garbage.status).toBe(401)
        const unknown = yield* call("v1/listgroups", { session: "AAAAAAAAAAAAAAAAAAAAAAAA", body: {} })
        expect(unknown.status).toBe(401)
        expect(unknown.headers["session-header"]).toBe("AAAAAAAAAAAAAAAAAAAAAAAA")
      }).pipe(Effect.provide(TestLayer())))

    it.effect("a body that is not JSON is a 400 text/html page", () =>
      Effect.gen(function*() {
        const answer = yield* call("v1/listgroups", { basic: coachBasic, body: "name=x" })
        expect(answer.status).toBe(400)
        expect(answer.headers["content-type"]).toMatch(/^text\/html/)
        expect(answer.text).toBe("<html><body><h1>HTTP Status 400 – Bad Request</h1></body></html>")
      }).pipe(Effect.provide(TestLayer())))
  })

  describe("usersearch", () => {
    it.effect("an empty search ([], {}, null, missing) gives every visible user under search {}", () =>
      Effect.gen(function*() {
        for (const body of [{ identification: [] }, { identification: {} }, { identification: null }, {}]) {
          const answer = yield* search(body)
          expect(answer.results).toHaveLength(1)
          expect(answer.results[0]?.search).toEqual({})
          const users = answer.results[0]?.results ?? []
          expect(users).toHaveLength(30)
          expect(users.every((u) => u.groupsAndRoles === undefined)).toBe(true)
          expect(users.some((u) => u.username === "api.coach")).toBe(false)
        }
        const analyst = yield* search({ identification: [] }, analystBasic)
        expect(analyst.results[0]?.results.map((u) => u.userId)).toEqual([20025, 20026, 20027, 20028, 20029, 20030])
      }).pipe(Effect.provide(TestLayer())))

    it.effect("finds by username, userId, emailAddress and first+last name, one element per identification", () =>
      Effect.gen(function*() {
        const ids = [
          { username: "Finn.Gallagher" },
          { userId: 20001 },
          { emailAddress: "emily.collins@demo.example" },
          { firstName: "Grace", lastName: "Patel" },
          { username: "nobody" }
        ]
        const answer = yield* search({ identification: ids })
        expect(answer.results.map((r) => r.search)).toEqual(ids)
        expect(answer.results.map((r) => r.results.map((u) => u.username))).toEqual([
          ["Finn.Gallagher"],
          ["Liam.Walker"],
          ["Emily.Collins"],
          ["Grace.Patel"],
          []
        ])
      }).pipe(Effect.provide(TestLayer())))

    it.effect("the user object has the §4.1 fields in the recorded order; groupsAndRoles only for one result", () =>
      Effect.gen(function*() {
        const answer = yield* call("v1/usersearch", {
          basic: coachBasic,
          body: { identification: [{ userId: 20002 }] }
        })
        expect(answer.text).toContain(
          "{\"userId\": 20002,\"firstName\": \"Noah\",\"lastName\": \"Bennett\",\"dob\": \"08/06/1995\","
        )
        const user = (parse(answer) as { results: Array<{ results: Array<Record<string, unknown>> }> }).results[0]
          ?.results[0] ?? {}
        expect(Object.keys(user)).toEqual([
          "userId",
          "firstName",
          "lastName",
          "dob",
          "middleName",
          "emailAddress",
          "knownAs",
          "organisationalId",
          "username",
          "phoneNumbers",
          "sex",
          "uuid",
          "groupsAndRoles"
        ])
        expect(user.groupsAndRoles).toEqual({
          coachGroups: [],
          athleteGroups: [{ id: 101, name: "Mens Squad" }, { id: 104, name: "All Athletes" }],
          role: ["Athlete"]
        })
        const two = yield* search({ identification: [{ lastName: "Smith", firstName: "Lachlan" }, { userId: 20003 }] })
        expect(two.results.every((r) => r.results[0]?.groupsAndRoles !== undefined)).toBe(true)
      }).pipe(Effect.provide(TestLayer())))

    it.effect("users outside the account's groups are not found", () =>
      Effect.gen(function*() {
        const answer = yield* search({ identification: [{ userId: 20001 }, { userId: 20101 }] }, analystBasic)
        expect(answer.results.map((r) => r.results.length)).toEqual([0, 0])
      }).pipe(Effect.provide(TestLayer())))
  })

  describe("groupmembers and currentgroup", () => {
    it.effect("accepts the name as a string or an array", () =>
      Effect.gen(function*() {
        for (const name of ["Mens Squad", ["Mens Squad"]]) {
          const answer = yield* call("v1/groupmembers", { basic: coachBasic, body: { name } })
          expect(answer.headers["content-type"]).toBeUndefined()
          const parsed = parse(answer) as SearchAnswer
          expect(parsed.results).toHaveLength(1)
          expect(parsed.results[0]?.search).toEqual({ name: "Mens Squad" })
          expect(parsed.results[0]?.results.map((u) => u.userId)).toEqual(
            Array.from({ length: 12 }, (_, i) => 20001 + i)
          )
        }
      }).pipe(Effect.provide(TestLayer())))

    it.effect("403 text/html for a group the account does not coach; unknown group gives empty results", () =>
      Effect.gen(function*() {
        const staff = yield* call("v1/groupmembers", { basic: coachBasic, body: { name: "Staff" } })
        expect(staff.status).toBe(403)
        expect(staff.headers["content-type"]).toMatch(/^text\/html/)
        expect(staff.text).toBe("<html><body><h1>HTTP Status 403 – Forbidden</h1></body></html>")
        const analyst = yield* call("v1/groupmembers", { basic: analystBasic, body: { name: ["Mens Squad"] } })
        expect(analyst.status).toBe(403)
        const unknown = yield* call("v1/groupmembers", { basic: coachBasic, body: { name: "Mens Sqaud" } })
        expect(unknown.status).toBe(200)
        expect(parse(unknown)).toEqual({ results: [{ search: { name: "Mens Sqaud" }, results: [] }] })
      }).pipe(Effect.provide(TestLayer())))

    it.effect("currentgroup answers the members of the account's current group", () =>
      Effect.gen(function*() {
        const coach = parse(yield* call("v1/currentgroup", { basic: coachBasic, body: { name: "" } })) as SearchAnswer
        expect(coach.results[0]?.search).toEqual({ name: "" })
        expect(coach.results[0]?.results).toHaveLength(30)
        const analyst = parse(
          yield* call("v1/currentgroup", { basic: analystBasic, body: { name: "" } })
        ) as SearchAnswer
        expect(analyst.results[0]?.results).toHaveLength(6)
      }).pipe(Effect.provide(TestLayer())))
  })
})
