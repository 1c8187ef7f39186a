import { DemoData, Fault, Simulator } from "@ams-effect/simulator"
import { type User, V1Client } from "@ams-effect/v1"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { layer, requestsTo } from "./fixtures.js"

const client = V1Client.V1Client

describe("V1Client users and groups", () => {
  it.scoped("listGroups returns the account's groups", () =>
    Effect.gen(function*() {
      const groups = yield* Effect.flatMap(client, (v1) => v1.listGroups)
      expect(groups).toEqual(["Mens Squad", "Womens Squad", "Academy", "All Athletes"])
      const [request] = yield* requestsTo("v1/listgroups")
      expect(request?.query).toEqual({ informat: "json", format: "json" })
    }).pipe(Effect.provide(layer())))

  it.scoped("searchUsers answers one result per query, in order", () =>
    Effect.gen(function*() {
      const v1 = yield* client
      const users = yield* v1.allUsers
      const first = users[0]!
      const results = yield* v1.searchUsers([
        { userId: first.userId },
        { username: first.username },
        { emailAddress: first.emailAddress! },
        { firstName: first.firstName, lastName: first.lastName },
        { username: "no.such.user" }
      ])
      expect(results.map((result) => result.users.map((user) => user.userId))).toEqual([
        [first.userId],
        [first.userId],
        [first.userId],
        [first.userId],
        []
      ])
      expect(results[0]?.query).toEqual({ userId: first.userId })
      expect(results[0]?.users[0]?.groupsAndRoles?.athleteGroups.length).toBeGreaterThan(0)
      expect(results[0]?.users[0]?.fullName).toBe(`${first.firstName} ${first.lastName}`)
    }).pipe(Effect.provide(layer())))

  it.scoped("bad queries are InvalidRequest naming the field, and nothing is sent", () =>
    Effect.gen(function*() {
      const v1 = yield* client
      const cases: ReadonlyArray<[User.UserQuery, string]> = [
        [{ userId: -1 }, "queries[1].userId"],
        [{ userId: 1.5 }, "queries[1].userId"],
        [{ username: " " }, "queries[1].username"],
        [{ emailAddress: "" }, "queries[1].emailAddress"],
        [{ firstName: "Ann", lastName: "" }, "queries[1].lastName"]
      ]
      for (const [query, field] of cases) {
        const error = yield* Effect.flip(v1.searchUsers([{ userId: 20001 }, query]))
        expect(error._tag).toBe("InvalidRequest")
        if (error._tag === "InvalidRequest") expect(error.field).toBe(field)
      }
      expect(yield* requestsTo("v1/usersearch")).toHaveLength(0)
    }).pipe(Effect.provide(layer())))

  it.scoped("allUsers sends the empty identification and sees only the coach's groups", () =>
    Effect.gen(function*() {
      const users = yield* Effect.flatMap(client, (v1) => v1.allUsers)
      expect(users.length).toBe(30)
      expect(users.every((user) => user.groupsAndRoles === undefined)).toBe(true)
      const [request] = yield* requestsTo("v1/usersearch")
      expect(request?.body).toEqual({ identification: [] })
    }).pipe(Effect.provide(layer())))

  it.scoped("groupMembers and currentGroup", () =>
    Effect.gen(function*() {
      const v1 = yield* client
      const academy = yield* v1.groupMembers("Academy")
      expect(academy.map((user) => user.userId)).toEqual([20025, 20026, 20027, 20028, 20029, 20030])
      expect(yield* v1.groupMembers("No Such Group")).toEqual([])
      const current = yield* v1.currentGroup
      expect(current.length).toBe(30)
    }).pipe(Effect.provide(layer())))

  it.scoped("a group the account does not coach is AccessDenied, handled by tag", () =>
    Effect.gen(function*() {
      const v1 = yield* client
      const outcome = yield* v1.groupMembers("Staff").pipe(
        Effect.map(() => "members"),
        Effect.catchTags({
          AccessDenied: (error) => Effect.succeed(`denied: ${error.endpoint}`),
          AuthenticationFailed: () => Effect.succeed("auth"),
          InvalidRequest: () => Effect.succeed("invalid"),
          ResponseDecodeError: () => Effect.succeed("decode"),
          ServerError: () => Effect.succeed("server"),
          Timeout: () => Effect.succeed("timeout"),
          TransportError: () => Effect.succeed("transport"),
          UnexpectedResponse: () => Effect.succeed("unexpected")
        })
      )
      expect(outcome).toBe("denied: v1/groupmembers")
    }).pipe(Effect.provide(layer())))

  it.scoped("an empty group name is InvalidRequest naming the field, and nothing is sent", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Effect.flatMap(client, (v1) => v1.groupMembers("  ")))
      expect(error._tag).toBe("InvalidRequest")
      if (error._tag === "InvalidRequest") expect(error.field).toBe("group")
      expect(yield* requestsTo("v1/groupmembers")).toHaveLength(0)
    }).pipe(Effect.provide(layer())))

  it.scoped("an HTML page with 200 is UnexpectedResponse", () =>
    Effect.gen(function*() {
      const simulator = yield* Simulator.Simulator
      yield* simulator.addFault(Fault.rule(Fault.HtmlOk(), { route: "v1/listgroups", times: 1 }))
      const error = yield* Effect.flip(Effect.flatMap(client, (v1) => v1.listGroups))
      expect(error._tag).toBe("UnexpectedResponse")
    }).pipe(Effect.provide(layer())))

  it.scoped("the analyst sees only the Academy", () =>
    Effect.gen(function*() {
      const users = yield* Effect.flatMap(client, (v1) => v1.allUsers)
      expect(new Set(users.map((user) => user.userId))).toEqual(new Set([20025, 20026, 20027, 20028, 20029, 20030]))
    }).pipe(Effect.provide(layer({ account: DemoData.analyst }))))
})
