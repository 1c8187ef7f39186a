/**
 * Every v2 decoder and error mapper, fed answers no server should send (through a fake pipeline that returns the
 * generated answers): always a value or a typed error, never a defect, quickly; an RPC exception is never missed.
 */
import { AmsHttp, AmsRequest, type AmsResponse, Session } from "@ams-effect/core"
import * as Garbage from "@ams-effect/simulator/Garbage"
import { PersonFilter, V2Client } from "@ams-effect/v2"
import * as Headers from "@effect/platform/Headers"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, FastCheck as fc, Option, Redacted, Schema } from "effect"
import * as Answer from "../src/internal/answer.js"
import { decodePerson } from "../src/internal/persons.js"

const numRuns = 150
const quick = 2_000

interface Reply {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

const reply = (shapes: ReadonlyArray<unknown>): fc.Arbitrary<Reply> =>
  fc.record({ status: Garbage.status, headers: Garbage.headers, body: Garbage.bodyText(shapes) })

/** One to three answers, given in turn to the requests of one call. */
const replies = (shapes: ReadonlyArray<unknown>) => fc.array(reply(shapes), { minLength: 1, maxLength: 3 })

const toResponse = (request: AmsRequest.AmsRequest, { body, headers, status }: Reply): AmsResponse.AmsResponse => ({
  request,
  url: `https://example.smartabase.com/site/api/${request.endpoint}`,
  status,
  headers: Headers.fromInput(headers),
  body,
  attempts: 1
})

/** A pipeline that answers the i-th request with the i-th answer (cycling), read whole however it is asked. */
const fakeHttp = (given: ReadonlyArray<Reply>): AmsHttp.Service => {
  let calls = 0
  const next = (request: AmsRequest.AmsRequest) =>
    Effect.sync(() => toResponse(request, given[calls++ % given.length]!))
  return { execute: next, executeStream: next }
}

const token: Session.SessionToken = {
  token: Redacted.make("token"),
  generation: 1,
  info: {
    userId: 7,
    username: "coach",
    applicationId: 1,
    isAdmin: false,
    isCoach: true,
    isAthlete: false,
    permissions: [],
    uploadToken: Option.some(Redacted.make("upload"))
  }
}
const session: Session.Service = {
  current: Effect.succeed(token),
  refresh: () => Effect.succeed(token),
  invalidate: Effect.void,
  loginCount: Effect.succeed(1)
}

const client = (given: ReadonlyArray<Reply>): V2Client.Service =>
  Effect.runSync(
    V2Client.make.pipe(
      Effect.provideService(AmsHttp.AmsHttp, fakeHttp(given)),
      Effect.provideService(Session.Session, session)
    )
  )

const check = <A, E>(effect: Effect.Effect<A, E>, allowed: ReadonlyArray<string>): Exit.Exit<A, E> => {
  const started = performance.now()
  const exit = Effect.runSyncExit(effect)
  expect(Garbage.problem(exit, allowed)).toBeUndefined()
  expect(performance.now() - started).toBeLessThan(quick)
  return exit
}

const tagOf = <A, E>(exit: Exit.Exit<A, E>): string =>
  Exit.match(exit, {
    onSuccess: () => "success",
    onFailure: (
      cause
    ) => (cause._tag === "Fail" ? String((cause.error as { readonly _tag?: unknown })._tag) : cause._tag)
  })

const v2Errors = ["ServerError", "UnexpectedResponse", "ResponseDecodeError", "V2RpcException"]

const person = {
  id: 1,
  username: "ada",
  firstName: "Ada",
  lastName: "Athlete",
  middleNames: null,
  knownAs: "",
  emailAddress: "ada@example.com",
  dateOfBirth: "01/01/2000",
  sex: "1",
  uuid: "",
  active: true,
  admin: false,
  ownerId: 7,
  phoneNumbers: null,
  addresses: [],
  __mtime__: 1_700_000_000_000
}
const rpc = {
  __is_rpc_exception__: true,
  type: "DuplicateUsernameException",
  value: { detailMessage: "Username taken", cause: null }
}
const shapes = {
  persons: { objects: [person, { ...person, id: 2, username: "bob" }], totalCount: 2 },
  person,
  rpc,
  upload: { uploadStatus: { error: false, message: null }, data: [{ value: { id: 5, name: "report.pdf" } }] }
}

describe("v2 decoders under garbage", () => {
  describe("internals", () => {
    const Persons = Schema.Struct({ objects: Schema.Array(Schema.Unknown), totalCount: Schema.Number })

    it.prop(
      "decode: a value or ServerError | UnexpectedResponse | ResponseDecodeError | V2RpcException",
      [reply([shapes.persons, shapes.rpc])],
      ([given]) => {
        const response = toResponse(AmsRequest.read("v2", "person/get", {}), given)
        const exit = check(Answer.decode(Persons)(response), v2Errors)
        if (given.status === 200 && given.body === JSON.stringify(rpc)) expect(tagOf(exit)).toBe("V2RpcException")
      },
      { fastCheck: { numRuns } }
    )

    it.prop(
      "expectEmpty: success only for an empty 200, else ServerError | UnexpectedResponse | V2RpcException",
      [reply([shapes.rpc, ""])],
      ([given]) => {
        const response = toResponse(AmsRequest.write("v2", "event/deleteAll", {}), given)
        const exit = check(Answer.expectEmpty(response), v2Errors)
        if (Exit.isSuccess(exit)) expect(given.status === 200 && given.body.trim() === "").toBe(true)
      },
      { fastCheck: { numRuns } }
    )

    it.prop(
      "an answer flagged as an RPC exception is never taken for data, however malformed its envelope",
      [
        Garbage.mutated(rpc).filter((value) =>
          typeof value === "object" && value !== null && !Array.isArray(value) &&
          (value as Record<string, unknown>)["__is_rpc_exception__"] === true
        )
      ],
      ([envelope]) => {
        const body = JSON.stringify(envelope)
        const lenient = Schema.Struct({ objects: Schema.optional(Schema.Unknown) })
        for (
          const request of [AmsRequest.read("v2", "person/get", {}), AmsRequest.write("v2", "event/deleteAll", {})]
        ) {
          const response = toResponse(request, { status: 200, headers: {}, body })
          expect(tagOf(check(Answer.decode(lenient)(response), v2Errors))).not.toBe("success")
          expect(tagOf(check(Answer.expectEmpty(response), v2Errors))).not.toBe("success")
        }
      },
      { fastCheck: { numRuns } }
    )

    it.prop(
      "decodePerson: a Person or ResponseDecodeError, from any value",
      [fc.oneof(Garbage.mutated(person), fc.anything(), fc.jsonValue())],
      ([raw]) => {
        const response = toResponse(AmsRequest.read("v2", "person/get", {}), { status: 200, headers: {}, body: "" })
        check(decodePerson(response, raw), ["ResponseDecodeError"])
      },
      { fastCheck: { numRuns } }
    )
  })

  describe("V2Client", () => {
    const families: ReadonlyArray<{
      readonly name: string
      readonly shapes: ReadonlyArray<unknown>
      readonly allowed: ReadonlyArray<string>
      readonly call: (client: V2Client.Service) => Effect.Effect<unknown, unknown>
    }> = [
      {
        name: "getPersons",
        shapes: [shapes.persons, shapes.rpc],
        allowed: v2Errors,
        call: (c) => c.getPersons(PersonFilter.or(PersonFilter.ids([1, 2]), PersonFilter.usernames(["ada"])))
      },
      {
        name: "createPerson",
        shapes: [shapes.person, shapes.rpc],
        allowed: v2Errors,
        call: (c) =>
          c.createPerson({
            firstName: "Ada",
            lastName: "Athlete",
            username: "ada",
            emailAddress: "ada@example.com",
            password: Redacted.make("secret"),
            dateOfBirth: "01/01/2000"
          })
      },
      {
        name: "updatePerson",
        shapes: [shapes.persons, shapes.person, shapes.rpc],
        allowed: [...v2Errors, "PersonNotFound"],
        call: (c) => c.updatePerson(1, { knownAs: "Ace" })
      },
      {
        name: "deleteEvents",
        shapes: [shapes.rpc, ""],
        allowed: v2Errors,
        call: (c) => c.deleteEvents([101, 102])
      },
      {
        name: "uploadFile",
        shapes: [shapes.upload, shapes.rpc],
        allowed: [...v2Errors, "V2UploadFailed"],
        call: (c) => c.uploadFile({ fileName: "report.pdf", data: new Uint8Array([1, 2, 3]) })
      }
    ]

    for (const family of families) {
      it.prop(
        `${family.name}: a value or ${family.allowed.join(" | ")}`,
        [replies(family.shapes)],
        ([given]) => {
          check(family.call(client(given)), family.allowed)
        },
        { fastCheck: { numRuns } }
      )
    }
  })

  describe("regressions", () => {
    // Was a success with no persons: the envelope's `type` was not a string, so the exception went unseen.
    it("getPersons answered with a malformed RPC envelope is V2RpcException", () => {
      const body = JSON.stringify({ __is_rpc_exception__: true, type: ["DuplicateUsernameException"], value: "x" })
      const exit = Effect.runSyncExit(client([{ status: 200, headers: {}, body }]).getPersons(PersonFilter.ids([1])))
      expect(tagOf(exit)).toBe("V2RpcException")
    })
  })
})
