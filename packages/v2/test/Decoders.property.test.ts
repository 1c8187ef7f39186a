/**
 * Every v2 decoder and error mapper, fed answers no server should send (through a fake pipeline that returns the
 * generated answers): always a value or a typed error, never a defect, quickly; an RPC exception is never missed.
 */
import { AmsHttp, AmsRequest, Session } from "@ams-effect/core"
import * as Garbage from "@ams-effect/simulator/Garbage"
import { Fuzz } from "@ams-effect/testing"
import { PersonFilter, V2Client } from "@ams-effect/v2"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, FastCheck as fc, Redacted, Schema } from "effect"
import * as Answer from "../src/internal/answer.js"
import { decodePerson } from "../src/internal/persons.js"

const numRuns = 150

const client = (given: ReadonlyArray<Fuzz.Reply>): V2Client.Service =>
  Effect.runSync(
    V2Client.make.pipe(
      Effect.provideService(AmsHttp.AmsHttp, Fuzz.fakeHttp(given)),
      Effect.provideService(Session.Session, Fuzz.session)
    )
  )

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
      [Fuzz.reply([shapes.persons, shapes.rpc])],
      ([given]) => {
        const response = Fuzz.toResponse(AmsRequest.read("v2", "person/get", {}), given)
        const exit = Fuzz.check(Answer.decode(Persons)(response), v2Errors)
        if (given.status === 200 && given.body === JSON.stringify(rpc)) expect(tagOf(exit)).toBe("V2RpcException")
      },
      { fastCheck: { numRuns } }
    )

    it.prop(
      "expectEmpty: success only for an empty 200, else ServerError | UnexpectedResponse | V2RpcException",
      [Fuzz.reply([shapes.rpc, ""])],
      ([given]) => {
        const response = Fuzz.toResponse(AmsRequest.write("v2", "event/deleteAll", {}), given)
        const exit = Fuzz.check(Answer.expectEmpty(response), v2Errors)
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
          const response = Fuzz.toResponse(request, { status: 200, headers: {}, body })
          expect(tagOf(Fuzz.check(Answer.decode(lenient)(response), v2Errors))).not.toBe("success")
          expect(tagOf(Fuzz.check(Answer.expectEmpty(response), v2Errors))).not.toBe("success")
        }
      },
      { fastCheck: { numRuns } }
    )

    it.prop(
      "decodePerson: a Person or ResponseDecodeError, from any value",
      [fc.oneof(Garbage.mutated(person), fc.anything(), fc.jsonValue())],
      ([raw]) => {
        const response = Fuzz.toResponse(AmsRequest.read("v2", "person/get", {}), {
          status: 200,
          headers: {},
          body: ""
        })
        Fuzz.check(decodePerson(response, raw), ["ResponseDecodeError"])
      },
      { fastCheck: { numRuns } }
    )
  })

  describe("V2Client", () => {
    const families: ReadonlyArray<Fuzz.Family<V2Client.Service>> = [
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
        [Fuzz.replies(family.shapes)],
        ([given]) => {
          Fuzz.check(family.call(client(given)), family.allowed)
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
