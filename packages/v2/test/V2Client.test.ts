import { Simulator } from "@ams-effect/simulator"
import { V1Client } from "@ams-effect/v1"
import { type Person, PersonFilter, V2Client } from "@ams-effect/v2"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { layer, logins, requestsTo } from "./fixtures.js"

const v2 = V2Client.V2Client
const secret = "N3w-Athlete-LEAK-CANARY"

const newPerson = {
  firstName: "Ada",
  lastName: "Lovelace",
  username: "ada.lovelace",
  emailAddress: "ada@example.com",
  password: Redacted.make(secret),
  dateOfBirth: new Date(2001, 11, 10),
  sex: "FEMALE" as const
}

describe("V2Client persons", () => {
  it.scoped("getPersons sends the filter tree with numbers as strings and decodes sex and dates", () =>
    Effect.gen(function*() {
      const client = yield* v2
      const page = yield* client.getPersons(PersonFilter.ids([20001, 20013]))
      expect(page.totalCount).toBe(2)
      expect(page.persons.map((person) => person.id).sort()).toEqual([20001, 20013])
      const first = page.persons.find((person) => person.id === 20001)
      expect(first?.sex).toBe("MALE")
      expect(first?.dateOfBirth).toMatch(/^\d\d\/\d\d\/\d{4}$/)
      const [request] = yield* requestsTo("v2/person/get")
      expect(request?.body).toEqual({
        filter: {
          comparisons: {
            op: "0",
            branches: [{ leaf: { negated: false, comp: "1", fieldName: "id", valueInteger: ["20001", "20013"] } }]
          }
        },
        limit: "-1",
        offset: "-1"
      })
    }).pipe(Effect.provide(layer())))

  it.scoped("filters combine: or, not, usernames; limit and offset page", () =>
    Effect.gen(function*() {
      const client = yield* v2
      const either = yield* client.getPersons(
        PersonFilter.or(PersonFilter.ids([20001]), PersonFilter.usernames(["Noah.Bennett"]))
      )
      expect(either.persons.map((person) => person.id).sort()).toEqual([20001, 20002])
      const notFirst = yield* client.getPersons(
        PersonFilter.and(PersonFilter.ids([20001, 20002, 20003]), PersonFilter.not(PersonFilter.ids([20001])))
      )
      expect(notFirst.persons.map((person) => person.id).sort()).toEqual([20002, 20003])
      const paged = yield* client.getPersons(PersonFilter.ids([20001, 20002, 20003]), { limit: 1, offset: 1 })
      expect(paged.persons).toHaveLength(1)
    }).pipe(Effect.provide(layer())))

  it.scoped("create → get → edit → get; the password is sent but never echoed, logged or kept in the request log", () =>
    Effect.gen(function*() {
      const client = yield* v2
      const created = yield* client.createPerson(newPerson)
      expect(created.id).toBeGreaterThan(0)
      expect(created).toMatchObject({ firstName: "Ada", sex: "FEMALE", dateOfBirth: "10/12/2001", ownerId: 20100 })
      const [save] = yield* requestsTo("v2/person/save")
      expect(save?.body).toMatchObject({
        person: { id: "-1", dateOfBirth: "2001-12-10", sex: "Female", password: "<redacted>", active: true }
      })

      const fetched = yield* client.getPersons(PersonFilter.usernames(["ada.lovelace"]))
      expect(fetched.persons.map((person) => person.id)).toEqual([created.id])

      const edited = yield* client.updatePerson(created.id, { knownAs: "Countess", sex: "UNSPECIFIED" })
      expect(edited).toMatchObject({ id: created.id, knownAs: "Countess", sex: "UNSPECIFIED", firstName: "Ada" })
      const [, edit] = yield* requestsTo("v2/person/save")
      expect(edit?.body).toMatchObject({ person: { id: String(created.id), knownAs: "Countess", sex: "2" } })

      const again = yield* client.getPersons(PersonFilter.ids([created.id]))
      expect(again.persons[0]).toMatchObject({ knownAs: "Countess", emailAddress: "ada@example.com" })
      // The new person is visible to v1 too.
      const [found] = yield* Effect.flatMap(V1Client.V1Client, (v1) => v1.searchUsers([{ username: "ada.lovelace" }]))
      expect(found?.users.map((user) => user.userId)).toEqual([created.id])

      const simulator = yield* Simulator.Simulator
      expect(JSON.stringify(yield* simulator.requests)).not.toContain(secret)
      expect(JSON.stringify(created)).not.toContain(secret)
    }).pipe(Effect.provide(layer())))

  it.scoped("a duplicate username is V2RpcException with the server's type and detail", () =>
    Effect.gen(function*() {
      const client = yield* v2
      const error = yield* Effect.flip(client.createPerson({ ...newPerson, username: "Liam.Walker" }))
      expect(error._tag).toBe("V2RpcException")
      if (error._tag !== "V2RpcException") return
      expect(error.exceptionType).toBe("DuplicateUsernameException")
      expect(error.detailMessage).toContain("Liam.Walker")
      expect(error.message).toContain("must be unique")
    }).pipe(Effect.provide(layer())))

  it.scoped("bad input is InvalidRequest naming the field, and nothing is sent", () =>
    Effect.gen(function*() {
      const client = yield* v2
      const cases: ReadonlyArray<[Effect.Effect<unknown, { readonly _tag: string; readonly field?: string }>, string]> =
        [
          [client.createPerson({ ...newPerson, firstName: " " }), "firstName"],
          [client.createPerson({ ...newPerson, emailAddress: "nope" }), "emailAddress"],
          [client.createPerson({ ...newPerson, password: Redacted.make("") }), "password"],
          [client.createPerson({ ...newPerson, dateOfBirth: "31/02/2001" }), "dateOfBirth"],
          [client.updatePerson(-3, {}), "id"],
          [client.updatePerson(20001, { username: "" }), "username"],
          // From a caller without the types: the server would store "unspecified"
          [client.updatePerson(20002, { sex: "X" as Person.Sex }), "sex"],
          [client.updatePerson(20002, undefined as unknown as Person.PersonChanges), "changes"],
          [client.createPerson({ ...newPerson, sex: "male" as Person.Sex }), "sex"],
          [client.createPerson({ ...newPerson, firstName: 5 as unknown as string }), "firstName"],
          [client.createPerson({ ...newPerson, emailAddress: null as unknown as string }), "emailAddress"],
          [client.createPerson({ ...newPerson, dateOfBirth: 20010203 as unknown as string }), "dateOfBirth"],
          [
            client.createPerson({ ...newPerson, password: "plain" as unknown as Redacted.Redacted<string> }),
            "password"
          ],
          [client.getPersons(PersonFilter.ids([])), "filter"],
          [client.getPersons(PersonFilter.or(PersonFilter.ids([1]), PersonFilter.ids([0]))), "filter.filters[1]"],
          [client.getPersons(PersonFilter.ids([1]), { limit: -2 }), "limit"],
          [client.getPersons({ _tag: "Bogus" } as unknown as PersonFilter.PersonFilter), "filter"],
          [
            client.getPersons({ _tag: "Usernames", usernames: [null] } as unknown as PersonFilter.PersonFilter),
            "filter"
          ],
          [client.deleteEvents([]), "eventIds"],
          [client.deleteEvents([1, 0]), "eventIds[1]"]
        ]
      for (const [effect, field] of cases) {
        const error = yield* Effect.flip(effect)
        expect(error._tag, field).toBe("InvalidRequest")
        expect(error.field).toBe(field)
      }
      // A filter built in a loop, nested deeper than any search needs: refused, not a stack overflow
      let deep = PersonFilter.ids([1])
      for (let i = 0; i < 100_000; i++) deep = PersonFilter.not(deep)
      const gets = (yield* requestsTo("v2/person/get")).length
      const tooDeep = yield* Effect.flip(client.getPersons(deep))
      expect(tooDeep._tag).toBe("InvalidRequest")
      if (tooDeep._tag === "InvalidRequest") expect(tooDeep.reason).toContain("levels deep")
      expect(yield* requestsTo("v2/person/get")).toHaveLength(gets)
      expect(yield* requestsTo("v2/person/save")).toHaveLength(0)
      expect(yield* requestsTo("v2/event/deleteAll")).toHaveLength(0)
    }).pipe(Effect.provide(layer())))

  it.scoped("changing a person the account cannot see is PersonNotFound", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Effect.flatMap(v2, (client) => client.updatePerson(20102, { knownAs: "x" })))
      expect(error._tag).toBe("PersonNotFound")
      expect(yield* requestsTo("v2/person/save")).toHaveLength(0)
    }).pipe(Effect.provide(layer())))

  for (const style of ["rpc", "http401"] as const) {
    it.scoped(`a v2 session that expired (${style} style) is renewed once and the call succeeds`, () =>
      Effect.gen(function*() {
        const client = yield* v2
        yield* client.getPersons(PersonFilter.ids([20001]))
        yield* Effect.flatMap(Simulator.Simulator, (simulator) => simulator.expireAllSessions)
        const page = yield* client.getPersons(PersonFilter.ids([20001]))
        expect(page.persons).toHaveLength(1)
        expect(yield* logins).toBe(2)
        expect((yield* requestsTo("v2/person/get")).map((request) => request.status)).toEqual([
          200,
          style === "rpc" ? 200 : 401,
          200
        ])
      }).pipe(Effect.provide(layer({ v2SessionExpiry: style }))))
  }

  it.effect("the error union is exact: handling every tag leaves nothing (a type-level test)", () =>
    Effect.gen(function*() {
      const client = yield* v2
      const handlers = {
        AccessDenied: () => Effect.void,
        AuthenticationFailed: () => Effect.void,
        InvalidRequest: () => Effect.void,
        ResponseDecodeError: () => Effect.void,
        ServerError: () => Effect.void,
        Timeout: () => Effect.void,
        TransportError: () => Effect.void,
        UnexpectedResponse: () => Effect.void,
        V2RpcException: () => Effect.void
      }
      const exhaustive: Effect.Effect<unknown, never> = client.updatePerson(20001, {}).pipe(
        Effect.catchTags({ ...handlers, PersonNotFound: () => Effect.void })
      )
      // @ts-expect-error PersonNotFound is not handled, so the error channel is not empty
      const missing: Effect.Effect<unknown, never> = client.updatePerson(20001, {}).pipe(Effect.catchTags(handlers))
      expect(yield* exhaustive).toBeDefined()
      expect(missing).toBeDefined()
    }).pipe(Effect.provide(layer())))
})
