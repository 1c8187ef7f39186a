import { Session } from "@ams-effect/core"
import { DemoData, Fault, Simulator, TestTime } from "@ams-effect/simulator"
import { V3Client, V3Error } from "@ams-effect/v3"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Redacted, Schema } from "effect"
import { errorBody, layer, requestsTo } from "./fixtures.js"

const v3 = V3Client.V3Client
const Note = Schema.Struct({ id: Schema.Number, athleteId: Schema.Number, title: Schema.String, text: Schema.String })

describe("V3Client error bodies", () => {
  it.effect("404 itemNotFound is V3ItemNotFound with the exact body, the item and the URL", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const error = yield* Effect.flip(client.groupAthletes(9999))
      expect(error._tag).toBe("V3ItemNotFound")
      if (error._tag !== "V3ItemNotFound") return
      expect(error.status).toBe(404)
      expect(error.method).toBe("GET")
      expect(error.endpoint).toBe("v3/group-athletes/9999")
      expect(error.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/demo\/api\/v3\/group-athletes\/9999$/)
      expect(error.item).toBe("group 9999")
      expect(error.body.status).toBe(404)
      expect(error.body.href).toBe("/api/v3/group-athletes/9999")
      expect(error.body.errors).toEqual([
        new V3Error.ErrorDetail({ errorCode: "itemNotFound", message: "Could not find group 9999.", metaData: null })
      ])
      expect(V3Error.isV3Error(error)).toBe(true)
      expect(error.message).toContain("group 9999")
      expect(error.message).toContain("Could not find group 9999.")
      // No secret travels in the error.
      const token = Redacted.value((yield* Effect.flatMap(Session.Session, (session) => session.current)).token)
      for (const text of [JSON.stringify(error), error.message, String(error)]) {
        expect(text).not.toContain(token)
        expect(text).not.toContain(DemoData.coach.password)
      }
    }).pipe(Effect.provide(layer())))

  it.effect("an unknown form is V3ItemNotFound naming its type and id", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const error = yield* Effect.flip(client.form("event", 4242))
      expect(error._tag).toBe("V3ItemNotFound")
      if (error._tag !== "V3ItemNotFound") return
      expect(error.item).toBe("event form 4242")
      expect(error.body.errors[0]?.message).toBe("Could not find form 4242.")
      expect(error.message).toContain("formSummaries")
    }).pipe(Effect.provide(layer())))

  it.effect("422 with several requiredFieldMissing keeps every one of them", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const error = yield* Effect.flip(client.post("notes", {}, Note))
      expect(error._tag).toBe("V3RequiredFieldMissing")
      if (error._tag !== "V3RequiredFieldMissing") return
      expect(error.status).toBe(422)
      expect(error.body.href).toBe("/api/v3/notes")
      expect(error.body.errors.map((e) => [e.errorCode, e.message])).toEqual([
        ["requiredFieldMissing", "Required field athleteId is missing."],
        ["requiredFieldMissing", "Required field title is missing."],
        ["requiredFieldMissing", "Required field text is missing."]
      ])
      expect(error.missing).toHaveLength(3)
      expect(error.message).toContain("3 required field(s) missing")
      expect(error.message).toContain("Required field title is missing.")
    }).pipe(Effect.provide(layer())))

  it.effect("a 422 mixing both codes is V3RequiredFieldMissing and keeps the valueNotParsable entries too", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const error = yield* Effect.flip(client.post("notes", { athleteId: "twenty", title: "Hamstring" }, Note))
      expect(error._tag).toBe("V3RequiredFieldMissing")
      if (error._tag !== "V3RequiredFieldMissing") return
      expect(error.body.errors.map((e) => e.errorCode)).toEqual(["valueNotParsable", "requiredFieldMissing"])
      expect(error.missing.map((e) => e.message)).toEqual(["Required field text is missing."])
      expect(error.message).toContain("1 other error(s): valueNotParsable")
    }).pipe(Effect.provide(layer())))

  it.effect("a body that is not JSON (none at all) is V3ValueNotParsable", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const error = yield* Effect.flip(client.post("notes", undefined, Note))
      expect(error._tag).toBe("V3ValueNotParsable")
      if (error._tag !== "V3ValueNotParsable") return
      expect(error.body.errors).toEqual([
        new V3Error.ErrorDetail({
          errorCode: "valueNotParsable",
          message: "The request body could not be parsed as JSON.",
          metaData: null
        })
      ])
      const [request] = yield* requestsTo("v3/notes")
      expect(request?.body).toBeUndefined()
    }).pipe(Effect.provide(layer())))

  it.effect("a JSON body that is not an object, and a value of the wrong type, are V3ValueNotParsable", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const notObject = yield* Effect.flip(client.post("notes", "athleteId=20001", Note))
      expect(notObject._tag).toBe("V3ValueNotParsable")
      if (notObject._tag !== "V3ValueNotParsable") return
      expect(notObject.body.errors[0]?.message).toBe("The request body must be a JSON object.")
      const wrongType = yield* Effect.flip(client.post("notes", { athleteId: 20001, title: 7, text: "ok" }, Note))
      expect(wrongType._tag).toBe("V3ValueNotParsable")
      if (wrongType._tag !== "V3ValueNotParsable") return
      expect(wrongType.body.errors.map((e) => e.message)).toEqual(["Field title could not be parsed: expected text."])
      expect(wrongType.message).toContain("Field title could not be parsed")
    }).pipe(Effect.provide(layer())))

  it.effect("a valid note is created (201) and decoded with the caller's schema", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const note = yield* client.post(
        "notes",
        { athleteId: 20001, title: "Hamstring", text: "Tight after sprints" },
        Note
      )
      expect(note).toEqual({ id: 1, athleteId: 20001, title: "Hamstring", text: "Tight after sprints" })
    }).pipe(Effect.provide(layer())))

  it.effect("a non-JSON 404 (the server's HTML page for an unknown path) is UnexpectedResponse", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const error = yield* Effect.flip(client.get("no-such-endpoint/1", Schema.Unknown))
      expect(error._tag).toBe("UnexpectedResponse")
      if (error._tag !== "UnexpectedResponse") return
      expect(error.status).toBe(404)
      expect(error.endpoint).toBe("v3/no-such-endpoint/1")
      expect(error.bodyExcerpt).toContain("HTTP Status 404")
    }).pipe(Effect.provide(layer())))

  it.effect("a non-JSON 500 is ServerError", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const simulator = yield* Simulator.Simulator
      yield* simulator.addFault(Fault.rule(Fault.Status({ status: 500 }), { route: "v3/group-athletes/:id" }))
      const error = yield* Effect.flip(client.groupAthletes(101))
      expect(error._tag).toBe("ServerError")
      if (error._tag !== "ServerError") return
      expect(error.status).toBe(500)
    }).pipe(Effect.provide(layer())))

  it.effect("another code, or a code the endpoint does not document, is V3ApiError with the whole body", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const simulator = yield* Simulator.Simulator
      const conflict = errorBody(409, "/api/v3/group-athletes/101", [
        { errorCode: "conflict", message: "The group is being edited." },
        { errorCode: "locked", message: "Try again later." }
      ])
      yield* simulator.addFault(
        Fault.rule(Fault.Status({ status: 409, body: conflict }), { route: "v3/group-athletes/:id", times: 1 })
      )
      const error = yield* Effect.flip(client.groupAthletes(101))
      expect(error._tag).toBe("V3ApiError")
      if (error._tag !== "V3ApiError") return
      expect(error.status).toBe(409)
      expect(error.body.errors.map((e) => e.errorCode)).toEqual(["conflict", "locked"])
      expect(error.message).toContain("The group is being edited.")
      // forms/summaries takes no id: an itemNotFound there is not a V3ItemNotFound.
      yield* simulator.addFault(Fault.rule(
        Fault.Status({
          status: 404,
          body: errorBody(404, "/api/v3/forms/summaries", [{ errorCode: "itemNotFound", message: "No forms." }])
        }),
        { route: "v3/forms/summaries", times: 1 }
      ))
      const summaries = yield* Effect.flip(client.formSummaries)
      expect(summaries._tag).toBe("V3ApiError")
    }).pipe(Effect.provide(layer())))

  it.effect("403 (a group the account does not coach) is AccessDenied after one fresh login", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const error = yield* Effect.flip(client.groupAthletes(105))
      expect(error._tag).toBe("AccessDenied")
      const counters = yield* Effect.flatMap(Simulator.Simulator, (simulator) => simulator.counters)
      expect(counters.logins).toBe(2)
      expect((yield* requestsTo("v3/group-athletes/:id")).map((request) => request.status)).toEqual([403, 403])
    }).pipe(Effect.provide(layer())))

  it.effect("an expired v3 session (401) logs in once more and the call succeeds", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const simulator = yield* Simulator.Simulator
      yield* client.formSummaries
      yield* simulator.expireAllSessions
      const athletes = yield* client.groupAthletes(103)
      expect(athletes).toHaveLength(6)
      expect((yield* simulator.counters).logins).toBe(2)
      expect((yield* requestsTo("v3/group-athletes/:id")).map((request) => request.status)).toEqual([401, 200])
    }).pipe(Effect.provide(layer())))

  it.effect("wrong credentials are AuthenticationFailed", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const error = yield* Effect.flip(client.formSummaries)
      expect(error._tag).toBe("AuthenticationFailed")
    }).pipe(Effect.provide(layer({ account: { username: DemoData.coach.username, password: "wrong" } }))))

  it.effect("a transient 503 is retried (reads are idempotent)", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const simulator = yield* Simulator.Simulator
      yield* simulator.addFault(Fault.rule(Fault.Status({ status: 503 }), { route: "v3/forms/summaries", times: 2 }))
      const summaries = yield* TestTime.runWithClock(client.formSummaries)
      expect(summaries.ofType("event").length).toBeGreaterThan(0)
      expect((yield* requestsTo("v3/forms/summaries")).map((request) => request.status)).toEqual([503, 503, 200])
    }).pipe(Effect.provide(layer())))
})
