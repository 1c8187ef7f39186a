/**
 * Every v1 decoder and error mapper, fed answers no server should send (through a fake pipeline that returns the
 * generated answers): always a value or a typed error, never a defect, quickly — and an import never loses a record.
 */
import { AmsHttp, AmsRequest, AmsResponse, Session } from "@ams-effect/core"
import * as Garbage from "@ams-effect/simulator/Garbage"
import { Fuzz } from "@ams-effect/testing"
import { Filter, V1Client, type V1Error } from "@ams-effect/v1"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, FastCheck as fc, Schema, Stream } from "effect"
import { decodeOk } from "../src/internal/answer.js"
import * as Imports from "../src/internal/imports.js"
import { expectSuccess } from "../src/internal/state.js"
import * as Sync from "../src/internal/sync.js"

const numRuns = 100

const client = (given: ReadonlyArray<Fuzz.Reply>): V1Client.Service =>
  Effect.runSync(
    V1Client.make.pipe(
      Effect.provideService(AmsHttp.AmsHttp, Fuzz.fakeHttp(given)),
      Effect.provideService(Session.Session, Fuzz.session)
    )
  )

const decodeErrors = ["ServerError", "UnexpectedResponse", "ResponseDecodeError"]

const event = {
  id: 101,
  formName: "Wellness",
  userId: 1,
  enteredByUserId: 7,
  startDate: "01/02/2024",
  finishDate: "01/02/2024",
  startTime: "9:00 AM",
  finishTime: "10:00 AM",
  rows: [{ row: 0, pairs: [{ key: "Sleep", value: "8" }, { key: "Mood", value: "good" }] }]
}
const user = {
  userId: 1,
  firstName: "Ada",
  lastName: "Athlete",
  username: "ada",
  emailAddress: "ada@example.com",
  dob: "01/01/2000",
  sex: "FEMALE",
  phoneNumbers: [{ type: "mobile", number: "555" }],
  groupsAndRoles: { coachGroups: [], athleteGroups: [{ id: 3, name: "Squad" }], role: [] }
}
const shapes = {
  groups: { name: ["All Athletes", "Squad"] },
  users: { results: [{ search: { userId: 1 }, results: [user] }, { search: { username: "ada" }, results: [] }] },
  events: { events: [event, { ...event, id: 102 }] },
  profiles: { profiles: [{ id: 5, formName: "Profile", userId: 1, rows: event.rows }] },
  sync: { export: { events: [event] }, lastSynchronisationTimeOnServer: 1_700_000_000_000, idsOfDeletedEvents: [99] },
  state: { state: "SUCCESS", message: "done" },
  unknownNames: {
    state: "SUCCESSFULLY_IMPORTED",
    message: "1 out of 1 records successfully imported. The following names [Heigth] were sent in the message " +
      "but do not exist in the form"
  },
  import: {
    result: { state: "SUCCESSFULLY_IMPORTED", message: "Imported" },
    eventImportResultForForm: [
      {
        formName: "Wellness",
        eventImportResults: {
          state: "SUCCESSFULLY_IMPORTED",
          message: "The following names [Moood] were sent in the message but do not exist in the form",
          ids: [101, 102]
        }
      },
      { formName: "Training", eventImportResults: { state: "SUCCESSFULLY_IMPORTED", ids: [103] } }
    ]
  }
}

const imports: ReadonlyArray<V1Client.ImportOptions & { readonly events: number }> = [
  { events: 2 },
  { events: 5, chunkSize: 2 },
  { events: 5, chunkSize: 2, concurrency: 2 }
]
const inputEvents = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    formName: i % 2 === 0 ? "Wellness" : "Training",
    userId: 1,
    start: { date: "01/02/2024", time: "9:00 AM" },
    values: { Sleep: i },
    ...(i % 3 === 0 ? { existingEventId: 500 + i } : {})
  }))

/** Every input index appears exactly once among the imported, failed and unconfirmed records. */
const expectNothingLost = (report: V1Error.ImportReport) => {
  const seen = [
    ...report.imported.map((record) => record.index),
    ...report.failed.flatMap((failure) => failure.indexes),
    ...report.unconfirmed.flatMap((failure) => failure.indexes)
  ].sort((a, b) => a - b)
  expect(seen).toEqual(Array.from({ length: report.total }, (_, i) => i))
}

describe("v1 decoders under garbage", () => {
  describe("internals", () => {
    it.prop(
      "decodeOk: a value or ServerError | UnexpectedResponse | ResponseDecodeError",
      [Fuzz.reply([shapes.events, shapes.groups])],
      ([given]) => {
        const Groups = Schema.Struct({ name: Schema.Array(Schema.String) })
        const decode = decodeOk(Groups, { empty: () => ({ name: [] }), project: (answer) => answer.name })
        const response = Fuzz.toResponse(AmsRequest.read("v1", "listgroups", {}), given)
        const exit = Fuzz.check(decode(response), decodeErrors)
        // What it answers is the projection of what the schema decodes, and it fails when the schema does
        const decoded = Effect.runSyncExit(AmsResponse.decode(Groups, { onEmpty: () => ({ name: [] }) })(response))
        if (response.status === 200) expect(exit).toStrictEqual(Exit.map(decoded, (answer) => answer.name))
        else expect(Exit.isFailure(exit)).toBe(true)
      },
      { fastCheck: { numRuns } }
    )

    it.effect("decodeOk projects what only the schema decodes (a suspended schema) too", () =>
      Effect.gen(function*() {
        const decode = decodeOk(Schema.Struct({ name: Schema.Array(Schema.suspend(() => Schema.Trim)) }), {
          empty: () => ({ name: [] }),
          project: (answer) => answer.name
        })
        const reply = (body: string) =>
          Fuzz.toResponse(AmsRequest.read("v1", "listgroups", {}), { status: 200, headers: {}, body })
        expect(yield* decode(reply("{\"name\": [\" Mens Squad \"]}"))).toEqual(["Mens Squad"])
        expect(yield* decode(reply(""))).toEqual([])
      }))

    it.prop(
      "expectSuccess: the message, V1StateFailed, or a decode error",
      [Fuzz.reply([shapes.state, { state: "FAILURE", message: "no" }, { state: "SUCCESS_BUT_ERROR" }])],
      ([given]) => {
        const exit = Fuzz.check(
          expectSuccess(Fuzz.toResponse(AmsRequest.write("v1", "deleteevent", { eventId: 1 }), given), "event 1"),
          [...decodeErrors, "V1StateFailed"]
        )
        if (Exit.isSuccess(exit)) expect(given.status).toBe(200)
      },
      { fastCheck: { numRuns } }
    )

    it.prop(
      "unknownFields reads any message",
      [fc.string({ unit: "binary" }), fc.array(fc.string())],
      ([text, names]) => {
        expect(Array.isArray(Imports.unknownFields(text))).toBe(true)
        const message = `The following names [${names.join(",")}] were sent in the message but do not exist in the form`
        const found = Imports.unknownFields(message)
        for (const name of found) expect(name.trim()).toBe(name)
      },
      { fastCheck: { numRuns } }
    )

    it.prop(
      "Imports.run: a report or a typed error, and every record accounted for",
      [Fuzz.replies([shapes.import]), fc.constantFrom(...imports)],
      ([given, options]) => {
        const records = inputEvents(options.events).map((input, index) => ({
          index,
          event: {
            formName: input.formName,
            startDate: "01/02/2024",
            startTime: "9:00 AM",
            finishDate: "01/02/2024",
            finishTime: "10:00 AM",
            userId: { userId: 1 },
            enteredByUserId: 7,
            rows: []
          }
        }))
        const exit = Fuzz.check(
          Imports.run(Fuzz.fakeHttp(given), Imports.chunk(records, options.chunkSize ?? 100), records.length, {
            concurrency: options.concurrency ?? 1
          }),
          [...decodeErrors, "V1ImportFailed", "V1ImportIncomplete", "V1UnknownFields"]
        )
        Exit.match(exit, {
          onSuccess: expectNothingLost,
          onFailure: (cause) => {
            if (cause._tag === "Fail" && "report" in cause.error) expectNothingLost(cause.error.report)
          }
        })
      },
      { fastCheck: { numRuns } }
    )

    it.prop(
      "Sync.stream: batches or ServerError | UnexpectedResponse | ResponseDecodeError | V1PayloadTooLarge",
      [Fuzz.replies([shapes.sync, {}, { lastSynchronisationTimeOnServer: 5 }]), fc.integer({ min: 1, max: 250 })],
      ([given, users]) => {
        const userIds = Array.from({ length: users }, (_, i) => i + 1)
        Fuzz.check(
          Stream.runCollect(Sync.stream(Fuzz.fakeHttp(given), "Wellness", userIds, 0)),
          [...decodeErrors, "V1PayloadTooLarge"]
        )
      },
      { fastCheck: { numRuns } }
    )
  })

  describe("V1Client", () => {
    const families: ReadonlyArray<Fuzz.Family<V1Client.Service>> = [
      { name: "listGroups", shapes: [shapes.groups], allowed: decodeErrors, call: (c) => c.listGroups },
      {
        name: "searchUsers",
        shapes: [shapes.users],
        allowed: decodeErrors,
        call: (c) => c.searchUsers([{ userId: 1 }, { username: "ada" }])
      },
      { name: "allUsers", shapes: [shapes.users], allowed: decodeErrors, call: (c) => c.allUsers },
      { name: "groupMembers", shapes: [shapes.users], allowed: decodeErrors, call: (c) => c.groupMembers("Squad") },
      {
        name: "searchEvents",
        shapes: [shapes.events],
        allowed: decodeErrors,
        call: (c) => c.searchEvents({ forms: ["Wellness"], userIds: [1], from: "01/01/2024", to: "31/12/2024" })
      },
      {
        name: "filteredSearchEvents",
        shapes: [shapes.events],
        allowed: decodeErrors,
        call: (c) =>
          c.filteredSearchEvents({
            forms: ["Wellness"],
            userIds: [1],
            from: "01/01/2024",
            to: "31/12/2024",
            filters: [Filter.form("Wellness", Filter.equals("Sleep", 8))]
          })
      },
      {
        name: "synchronise",
        shapes: [shapes.sync],
        allowed: [...decodeErrors, "V1PayloadTooLarge"],
        call: (c) => c.synchronise({ formName: "Wellness", userIds: [1, 2, 3], since: 0 })
      },
      {
        name: "searchProfiles",
        shapes: [shapes.profiles],
        allowed: decodeErrors,
        call: (c) => c.searchProfiles({ forms: ["Profile"], userIds: [1] })
      },
      {
        name: "importProfile",
        shapes: [shapes.profiles, shapes.state, shapes.unknownNames],
        allowed: [...decodeErrors, "V1StateFailed", "V1UnknownFields"],
        call: (c) => c.importProfile({ formName: "Profile", userId: 1, values: { Height: 180 } })
      },
      {
        name: "deleteEvent",
        shapes: [shapes.state],
        allowed: [...decodeErrors, "V1StateFailed"],
        call: (c) => c.deleteEvent(101)
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

    it.prop(
      "importEvents: a report or a typed error, and every record accounted for",
      [Fuzz.replies([shapes.import]), fc.constantFrom(...imports)],
      ([given, { events, ...options }]) => {
        const exit = Fuzz.check(
          client(given).importEvents(inputEvents(events), options),
          [...decodeErrors, "V1ImportFailed", "V1ImportIncomplete", "V1UnknownFields"]
        )
        Exit.match(exit, {
          onSuccess: expectNothingLost,
          onFailure: (cause) => {
            if (cause._tag === "Fail" && "report" in cause.error) expectNothingLost(cause.error.report)
          }
        })
      },
      { fastCheck: { numRuns } }
    )
  })

  describe("regressions", () => {
    const deep = Garbage.nested(20_000, "mixed")
    const body = (event: string, time: string) =>
      `{"export":{"events":[${event}]},"lastSynchronisationTimeOnServer":${time},"idsOfDeletedEvents":[]}`

    // Were defects ("RangeError: Maximum call stack size exceeded"): the streamed synchronise decoded each event
    // and the top-level members with its own decoder, which formatted the deep value in its error message.
    it.each([
      ["an event", body(`{"id":1,"formName":"Wellness","userId":1,"rows":${deep}}`, "5")],
      ["the server time", body("", deep)]
    ])("a synchronise answer with %s nested 20000 levels deep is ResponseDecodeError", (_, text) => {
      const exit = Fuzz.check(
        client([{ status: 200, headers: {}, body: text }]).synchronise({ formName: "Wellness", userIds: [1] }),
        ["ResponseDecodeError"]
      )
      expect(Exit.isFailure(exit)).toBe(true)
    })
  })
})
