import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { DemoData, Simulator } from "../src/index.js"
import { call, coachBasic, forbiddenPage, login, parse, TestLayer, unauthorizedPage, v3Get } from "./utils.js"

const notFoundPage = "<html><body><h1>HTTP Status 404 – Not Found</h1></body></html>"

const item = (name: string, formItemType: string, extra: Record<string, unknown> = {}) => ({
  type: "FormItem",
  name,
  instructions: "",
  children: [],
  required: false,
  defaultsToLastKnownValue: false,
  formItemType,
  options: [],
  scores: [],
  dateSelection: null,
  ...extra
})

const note = (body: unknown, session: string) => call("v3/notes", { body, session, query: false })

const v3Errors = (status: number, href: string, errors: ReadonlyArray<readonly [string, string]>) =>
  JSON.stringify({
    status,
    href,
    errors: errors.map(([errorCode, message]) => ({ errorCode, message, metaData: null }))
  })

describe("v3 forms", () => {
  it.effect("forms/summaries lists the readable forms by type, read-only where the account only reads", () =>
    Effect.gen(function*() {
      const token = yield* login()
      const answer = yield* v3Get("forms/summaries", token)
      expect(answer.status).toBe(200)
      expect(answer.headers["content-type"]).toBe("application/json")
      expect(answer.headers["session-header"]).toBe(token)
      expect(parse(answer)).toEqual({
        event: [
          { id: 1001, name: "Wellness", mainCategory: "Monitoring", isReadOnly: false, groupEntryEnabled: true },
          { id: 1002, name: "Training Load", mainCategory: "Training", isReadOnly: false, groupEntryEnabled: true },
          { id: 1003, name: "Jump Testing", mainCategory: "Testing", isReadOnly: false, groupEntryEnabled: false },
          { id: 1004, name: "Injury Report", mainCategory: "Medical", isReadOnly: true, groupEntryEnabled: false }
        ],
        profile: [
          { id: 2001, name: "Athlete Profile", mainCategory: "Profile", isReadOnly: false, groupEntryEnabled: false }
        ],
        database: [],
        linkedOnlyEvent: [],
        linkedOnlyProfile: []
      })
      const analyst = yield* login(DemoData.analyst)
      expect((yield* v3Get("forms/summaries", analyst)).text).toBe(
        "{\"event\":[{\"id\":1001,\"name\":\"Wellness\",\"mainCategory\":\"Monitoring\",\"isReadOnly\":true," +
          "\"groupEntryEnabled\":true}],\"profile\":[],\"database\":[],\"linkedOnlyEvent\":[],\"linkedOnlyProfile\":[]}"
      )
    }).pipe(Effect.provide(TestLayer())))

  it.effect("forms/{type}/{id} answers the field tree; table fields sit in a nested FormFieldSet", () =>
    Effect.gen(function*() {
      const token = yield* login()
      const load = yield* v3Get("forms/event/1002", token)
      expect(load.status).toBe(200)
      expect(load.headers["content-type"]).toBe("application/json")
      expect(load.text).toBe(JSON.stringify({
        id: 1002,
        name: "Training Load",
        type: "FormFieldSet",
        children: [
          item("Session Type", "Single Selection", { options: ["Field", "Gym", "Recovery"] }),
          item("Duration", "Number", { required: true }),
          item("RPE", "Number", { required: true })
        ]
      }))
      const jumps = parse(yield* v3Get("forms/event/1003", token)) as { children: ReadonlyArray<unknown> }
      expect(jumps.children).toEqual([{
        type: "FormFieldSet",
        name: "Table",
        instructions: "",
        children: [
          item("Jump Type", "Single Selection", { options: ["CMJ", "SJ", "DJ"] }),
          item("Height", "Number"),
          item("Contact Time", "Number")
        ],
        required: false,
        defaultsToLastKnownValue: false,
        formItemType: null,
        options: [],
        scores: [],
        dateSelection: null
      }])
      const injury = parse(yield* v3Get("forms/event/1004", token)) as { children: ReadonlyArray<{ name: string }> }
      expect(injury.children.at(-1)).toEqual(item("Attachment", "File Upload"))
      const wellness = parse(yield* v3Get("forms/event/1001", token)) as { children: ReadonlyArray<unknown> }
      expect(wellness.children[0]).toEqual(
        item("Sleep Quality", "Number", { instructions: "1 = very poor, 5 = very good" })
      )
      expect(wellness.children[5]).toEqual(item("Comments", "Text"))
      const profile = parse(yield* v3Get("forms/profile/2001", token)) as { name: string }
      expect(profile.name).toBe("Athlete Profile")
    }).pipe(Effect.provide(TestLayer())))

  it.effect("an unknown form (or the wrong type) is 404 itemNotFound; a form the account cannot read is 403", () =>
    Effect.gen(function*() {
      const token = yield* login()
      const unknown = yield* v3Get("forms/event/9999", token)
      expect(unknown.status).toBe(404)
      expect(unknown.headers["content-type"]).toBe("application/json")
      expect(unknown.text).toBe(
        v3Errors(404, "/api/v3/forms/event/9999", [["itemNotFound", "Could not find form 9999."]])
      )
      const wrongType = yield* v3Get("forms/profile/1001", token)
      expect(wrongType.status).toBe(404)
      expect(parse(wrongType)).toMatchObject({ errors: [{ message: "Could not find form 1001." }] })
      expect((yield* v3Get("forms/database/1", token)).status).toBe(404)
      const analyst = yield* login(DemoData.analyst)
      const denied = yield* v3Get("forms/event/1002", analyst)
      expect(denied.status).toBe(403)
      expect(denied.headers["content-type"]).toMatch(/^text\/html/)
      expect(denied.text).toBe(forbiddenPage)
    }).pipe(Effect.provide(TestLayer())))
})

describe("v3 group-athletes", () => {
  it.effect("answers the group's athletes as [{id, firstName, lastName, username}]", () =>
    Effect.gen(function*() {
      const token = yield* login()
      const answer = yield* v3Get("group-athletes/101", token)
      expect(answer.status).toBe(200)
      expect(answer.headers["content-type"]).toBe("application/json")
      const athletes = parse(answer) as ReadonlyArray<Record<string, unknown>>
      expect(athletes).toHaveLength(12)
      expect(answer.text.startsWith(
        "[{\"id\":20001,\"firstName\":\"Liam\",\"lastName\":\"Walker\",\"username\":\"Liam.Walker\"},{\"id\":20002,"
      )).toBe(true)
      const analyst = yield* login(DemoData.analyst)
      expect((parse(yield* v3Get("group-athletes/103", analyst)) as ReadonlyArray<{ id: number }>).map((a) => a.id))
        .toEqual([20025, 20026, 20027, 20028, 20029, 20030])
    }).pipe(Effect.provide(TestLayer())))

  it.effect("an unknown group is the seed's 404 body exactly; a group the account does not coach is 403", () =>
    Effect.gen(function*() {
      const token = yield* login()
      const unknown = yield* v3Get("group-athletes/9999", token)
      expect(unknown.status).toBe(404)
      expect(unknown.headers["content-type"]).toBe("application/json")
      expect(parse(unknown)).toEqual({
        status: 404,
        href: "/api/v3/group-athletes/9999",
        errors: [{ errorCode: "itemNotFound", message: "Could not find group 9999.", metaData: null }]
      })
      expect(unknown.text).toBe(
        "{\"status\":404,\"href\":\"/api/v3/group-athletes/9999\",\"errors\":[{\"errorCode\":\"itemNotFound\"," +
          "\"message\":\"Could not find group 9999.\",\"metaData\":null}]}"
      )
      expect(parse(yield* v3Get("group-athletes/abc", token))).toMatchObject({
        href: "/api/v3/group-athletes/abc",
        errors: [{ message: "Could not find group abc." }]
      })
      const staff = yield* v3Get("group-athletes/105", token)
      expect(staff.status).toBe(403)
      expect(staff.text).toBe(forbiddenPage)
      const analyst = yield* login(DemoData.analyst)
      expect((yield* v3Get("group-athletes/101", analyst)).status).toBe(403)
    }).pipe(Effect.provide(TestLayer())))
})

describe("v3 POST notes (simulator-only, for the 422 conventions)", () => {
  it.effect("creates a note: 201 with the created object", () =>
    Effect.gen(function*() {
      const token = yield* login()
      const answer = yield* note({ athleteId: 20001, title: "Load", text: "Reduce volume this week" }, token)
      expect(answer.status).toBe(201)
      expect(answer.headers["content-type"]).toBe("application/json")
      expect(answer.text).toBe(
        "{\"id\":1,\"athleteId\":20001,\"title\":\"Load\",\"text\":\"Reduce volume this week\",\"enteredByUserId\":20100}"
      )
      const second = yield* note({ athleteId: 20002, title: "", text: "" }, token)
      expect(parse(second)).toMatchObject({ id: 2, athleteId: 20002 })
    }).pipe(Effect.provide(TestLayer())))

  it.effect("422: a body that is not JSON is one valueNotParsable; each missing field one requiredFieldMissing", () =>
    Effect.gen(function*() {
      const token = yield* login()
      const href = "/api/v3/notes"
      for (const body of ["{not json", ""]) {
        const answer = yield* note(body, token)
        expect(answer.status).toBe(422)
        expect(answer.headers["content-type"]).toBe("application/json")
        expect(answer.text).toBe(
          v3Errors(422, href, [["valueNotParsable", "The request body could not be parsed as JSON."]])
        )
      }
      expect((yield* note([1, 2], token)).text).toBe(
        v3Errors(422, href, [["valueNotParsable", "The request body must be a JSON object."]])
      )
      expect((yield* note({}, token)).text).toBe(v3Errors(422, href, [
        ["requiredFieldMissing", "Required field athleteId is missing."],
        ["requiredFieldMissing", "Required field title is missing."],
        ["requiredFieldMissing", "Required field text is missing."]
      ]))
      expect((yield* note({ athleteId: 20001, title: null }, token)).text).toBe(v3Errors(422, href, [
        ["requiredFieldMissing", "Required field title is missing."],
        ["requiredFieldMissing", "Required field text is missing."]
      ]))
      expect((yield* note({ athleteId: "20001", title: 5, text: "ok" }, token)).text).toBe(v3Errors(422, href, [
        ["valueNotParsable", "Field athleteId could not be parsed: expected integer."],
        ["valueNotParsable", "Field title could not be parsed: expected text."]
      ]))
      expect((yield* note({ athleteId: 1.5, text: "ok" }, token)).text).toBe(v3Errors(422, href, [
        ["valueNotParsable", "Field athleteId could not be parsed: expected integer."],
        ["requiredFieldMissing", "Required field title is missing."]
      ]))
    }).pipe(Effect.provide(TestLayer())))

  it.effect("an unknown athlete is 404 itemNotFound, one the account cannot see 403", () =>
    Effect.gen(function*() {
      const token = yield* login()
      const unknown = yield* note({ athleteId: 1, title: "t", text: "x" }, token)
      expect(unknown.status).toBe(404)
      expect(unknown.text).toBe(v3Errors(404, "/api/v3/notes", [["itemNotFound", "Could not find athlete 1."]]))
      const staff = yield* note({ athleteId: 20102, title: "t", text: "x" }, token)
      expect(staff.status).toBe(403)
      expect(staff.text).toBe(forbiddenPage)
    }).pipe(Effect.provide(TestLayer())))
})

describe("v3 sessions and unknown paths", () => {
  it.effect("v3 needs the v2 session: none, Basic alone, unknown or expired is the 401 page", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const token = yield* login()
      expect((yield* v3Get("group-athletes/101", token)).status).toBe(200)
      for (
        const answer of [
          yield* v3Get("group-athletes/101"),
          yield* call("v3/group-athletes/101", { method: "GET", query: false, basic: coachBasic }),
          yield* v3Get("forms/summaries", "NoSuchSessionTokenAtAll1")
        ]
      ) {
        expect(answer.status).toBe(401)
        expect(answer.headers["content-type"]).toMatch(/^text\/html/)
        expect(answer.text).toBe(unauthorizedPage)
      }
      yield* sim.expireAllSessions
      const expired = yield* v3Get("group-athletes/101", token)
      expect(expired.status).toBe(401)
      expect(expired.text).toBe(unauthorizedPage)
      expect(expired.headers["session-header"]).toBe(token)
      expect((yield* note({ athleteId: 20001, title: "t", text: "x" }, token)).status).toBe(401)
    }).pipe(Effect.provide(TestLayer())))

  it.effect("an unknown v3 path (or method) is the generic text/html 404 page, not a JSON error", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const token = yield* login()
      for (const answer of [yield* v3Get("nosuchthing/1", token), yield* v3Get("notes", token)]) {
        expect(answer.status).toBe(404)
        expect(answer.headers["content-type"]).toMatch(/^text\/html/)
        expect(answer.text).toBe(notFoundPage)
      }
      const log = yield* sim.requests
      expect(log.slice(-2).map((r) => r.route)).toEqual(["unknown", "unknown"])
      expect((yield* sim.counters).byRoute["v3/forms/summaries"]).toBeUndefined()
    }).pipe(Effect.provide(TestLayer())))
})
