import { DemoData } from "@ams-effect/simulator"
import type { V3Error } from "@ams-effect/v3"
import { V3Client } from "@ams-effect/v3"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { layer, requestsTo } from "./fixtures.js"

const v3 = V3Client.V3Client

/** The shape of `@ams-effect/v1`'s `EventInput` (v3 does not depend on v1): it must fit `validateImport`. */
interface EventInputLike {
  readonly formName: string
  readonly userId: number
  readonly start: Date | string
  readonly finish?: Date | string | undefined
  readonly values?: Readonly<Record<string, string | number | boolean | null | undefined>> | undefined
  readonly table?: ReadonlyArray<Readonly<Record<string, string | number | boolean | null | undefined>>> | undefined
  readonly existingEventId?: number | undefined
  readonly enteredByUserId?: number | undefined
}

const wellness = (userId: number, values: EventInputLike["values"]): EventInputLike => ({
  formName: "Wellness",
  userId,
  start: new Date(2031, 0, 1, 8, 0),
  values
})

const v1Requests = Effect.map(requestsTo(), (requests) => requests.filter((request) => request.route.startsWith("v1/")))

describe("V3Client.validateImport", () => {
  it.effect("a valid batch passes unchanged; each form's definition is fetched once and nothing goes to v1", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const events: ReadonlyArray<EventInputLike> = [
        ...Array.from(
          { length: 10 },
          (_, i) => wellness(20001 + i, { Fatigue: 3, "Sleep Quality": 4, Comments: "ok" })
        ),
        { formName: "Training Load", userId: 20001, start: "01/01/2031", values: { Duration: 60, RPE: 7 } },
        { formName: "Training Load", userId: 20002, start: "01/01/2031", values: { Duration: "45", RPE: 0 } },
        {
          formName: "Jump Testing",
          userId: 20003,
          start: "01/01/2031",
          table: [{ "Jump Type": "CMJ", Height: 41.5 }, { "Jump Type": "SJ", Height: 38, "Contact Time": 0.2 }]
        }
      ]
      const validated = yield* client.validateImport(events)
      expect(validated).toBe(events)
      expect(yield* requestsTo("v3/forms/summaries")).toHaveLength(1)
      expect((yield* requestsTo("v3/forms/:type/:id")).map((request) => request.path)).toEqual([
        "/demo/api/v3/forms/event/1001",
        "/demo/api/v3/forms/event/1002",
        "/demo/api/v3/forms/event/1003"
      ])
      expect(yield* v1Requests).toEqual([])
    }).pipe(Effect.provide(layer())))

  it.effect("no events: nothing to check and nothing sent", () =>
    Effect.gen(function*() {
      const client = yield* v3
      expect(yield* client.validateImport([])).toEqual([])
      expect(yield* requestsTo()).toEqual([])
    }).pipe(Effect.provide(layer())))

  it.effect("a misspelled field is reported by event index, with the name probably meant", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const error = yield* Effect.flip(client.validateImport([
        wellness(20001, { Fatigue: 3 }),
        wellness(20002, { fatigue: 3, Sleep_Quality: 4, Fatgiue: 2, Weather: "sunny" })
      ]))
      expect(error._tag).toBe("V3ImportInvalid")
      if (error._tag !== "V3ImportInvalid") return
      expect(error.problems).toHaveLength(1)
      const [problem] = error.problems
      expect(problem?.index).toBe(1)
      expect(problem?.formName).toBe("Wellness")
      expect(problem?.missingRequired).toEqual([])
      expect(problem?.unknownFields.map((field) => [field.name, field.suggestion])).toEqual([
        ["fatigue", "Fatigue"],
        ["Sleep_Quality", "Sleep Quality"],
        ["Fatgiue", "Fatigue"],
        ["Weather", undefined]
      ])
      expect(error.message).toContain(`"fatigue" (did you mean "Fatigue"?)`)
      expect(error.message).toContain("event 1 (\"Wellness\")")
      expect(yield* v1Requests).toEqual([])
    }).pipe(Effect.provide(layer())))

  it.effect("an unknown name of 100,000 characters is reported without a suggestion; short ones still get theirs", () =>
    Effect.gen(function*() {
      const client = yield* v3
      // It contains "Fatigue", which would make it look like that field; no field name is this long.
      const huge = `Fatigue${"x".repeat(100_000)}`
      const events = Array.from({ length: 50 }, (_, i) => wellness(20001 + i, { [huge]: 1, Fatgiue: 2 }))
      const error = yield* Effect.flip(client.validateImport(events))
      expect(error._tag).toBe("V3ImportInvalid")
      if (error._tag !== "V3ImportInvalid") return
      expect(error.problems.map((problem) => problem.index)).toEqual(events.map((_, i) => i))
      expect(error.problems[49]?.unknownFields.map((field) => [field.name.length, field.suggestion])).toEqual([
        [huge.length, undefined],
        ["Fatgiue".length, "Fatigue"]
      ])
      const form = yield* Effect.flip(client.validateImport([{ formName: `Wellness${"s".repeat(100_000)}` }]))
      expect(form._tag === "V3FormUnknown" && form.similar).toEqual([])
      expect(yield* v1Requests).toEqual([])
    }).pipe(Effect.provide(layer())))

  it.effect("events that are not a list, or an event that is not an object, are InvalidRequest, never a defect", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const field = (events: unknown) =>
        Effect.map(
          Effect.flip(client.validateImport(events as ReadonlyArray<V3Client.ImportCandidate>)),
          (error) => error._tag === "InvalidRequest" ? error.field : error._tag
        )
      expect(yield* field(undefined)).toBe("events")
      expect(yield* field([{ formName: "Wellness" }, null])).toBe("events[1].formName")
      expect(yield* requestsTo()).toEqual([])
      // A table row that is not an object holds no field (it died)
      const withNullRow = [{ formName: "Wellness", values: {}, table: [null] } as unknown as V3Client.ImportCandidate]
      expect(yield* client.validateImport(withNullRow)).toEqual(withNullRow)
    }).pipe(Effect.provide(layer())))

  it.effect("missing required fields are reported (a blank or null value counts as missing), table rows included", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const error = yield* Effect.flip(client.validateImport([
        { formName: "Training Load", userId: 20001, start: "01/01/2031", values: { Duration: 60 } },
        { formName: "Training Load", userId: 20001, start: "01/01/2031", values: { Duration: " ", RPE: null } },
        {
          formName: "Training Load",
          userId: 20001,
          start: "01/01/2031",
          values: { RPE: 5 },
          table: [{ Duration: 30 }]
        },
        { formName: "Training Load", userId: 20001, start: "01/01/2031", values: { Duration: 60, rpe: 6 } }
      ]))
      expect(error._tag).toBe("V3ImportInvalid")
      if (error._tag !== "V3ImportInvalid") return
      expect(error.problems.map((p) => [p.index, p.missingRequired, p.unknownFields.map((f) => f.name)])).toEqual([
        [0, ["RPE"], []],
        [1, ["Duration", "RPE"], []],
        [3, ["RPE"], ["rpe"]]
      ])
      expect(error.problems[2]?.unknownFields[0]?.suggestion).toBe("RPE")
      expect(error.message).toContain("missing required \"RPE\"")
    }).pipe(Effect.provide(layer())))

  it.effect("an unknown form name is V3FormUnknown with the name, the similar names and the events naming it", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const error = yield* Effect.flip(client.validateImport([
        wellness(20001, { Fatigue: 1 }),
        { ...wellness(20002, { Fatigue: 1 }), formName: "wellness" },
        { ...wellness(20003, { Fatigue: 1 }), formName: "wellness" }
      ]))
      expect(error._tag).toBe("V3FormUnknown")
      if (error._tag !== "V3FormUnknown") return
      expect(error.formName).toBe("wellness")
      expect(error.similar).toEqual(["Wellness"])
      expect(error.indexes).toEqual([1, 2])
      expect(error.message).toContain(`Did you mean "Wellness"?`)
      // Stopped before any definition was fetched.
      expect(yield* requestsTo("v3/forms/:type/:id")).toEqual([])
      const unlike = yield* Effect.flip(client.validateImport([{ formName: "Sleep Diary" }]))
      expect(unlike._tag === "V3FormUnknown" && unlike.similar).toEqual([])
    }).pipe(Effect.provide(layer())))

  it.effect("a form the account cannot read is unknown to it", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const error = yield* Effect.flip(client.validateImport([{ formName: "Training Load", values: { Duration: 1 } }]))
      expect(error._tag).toBe("V3FormUnknown")
      expect(error.message).toContain("read access")
    }).pipe(Effect.provide(layer({ account: DemoData.analyst }))))

  it.effect("the error union is exact: handling every tag leaves nothing (a type-level test)", () =>
    Effect.gen(function*() {
      const client = yield* v3
      const handled = client.validateImport([wellness(20001, { Fatgue: 3 })]).pipe(
        Effect.catchTags({
          AccessDenied: () => Effect.succeed("AccessDenied"),
          AuthenticationFailed: () => Effect.succeed("AuthenticationFailed"),
          InvalidRequest: () => Effect.succeed("InvalidRequest"),
          ResponseDecodeError: () => Effect.succeed("ResponseDecodeError"),
          ServerError: () => Effect.succeed("ServerError"),
          Timeout: () => Effect.succeed("Timeout"),
          TransportError: () => Effect.succeed("TransportError"),
          UnexpectedResponse: () => Effect.succeed("UnexpectedResponse"),
          V3ApiError: () => Effect.succeed("V3ApiError"),
          V3FormUnknown: () => Effect.succeed("V3FormUnknown"),
          V3ImportInvalid: (error: V3Error.V3ImportInvalid) =>
            Effect.succeed(error.problems[0]?.unknownFields[0]?.suggestion),
          V3ItemNotFound: () => Effect.succeed("V3ItemNotFound")
        })
      )
      const exhaustive: Effect.Effect<unknown, never> = handled
      // @ts-expect-error V3ImportInvalid is not handled, so the error channel is not empty
      const missing: Effect.Effect<unknown, never> = client.validateImport([]).pipe(
        Effect.catchTags({
          AccessDenied: () => Effect.void,
          AuthenticationFailed: () => Effect.void,
          InvalidRequest: () => Effect.void,
          ResponseDecodeError: () => Effect.void,
          ServerError: () => Effect.void,
          Timeout: () => Effect.void,
          TransportError: () => Effect.void,
          UnexpectedResponse: () => Effect.void,
          V3ApiError: () => Effect.void,
          V3FormUnknown: () => Effect.void,
          V3ItemNotFound: () => Effect.void
        })
      )
      expect(yield* exhaustive).toBe("Fatigue")
      expect(missing).toBeDefined()
    }).pipe(Effect.provide(layer())))

  it.effect("post's error union has OutcomeUnknown unless the call is idempotent (a type-level test)", () =>
    Effect.gen(function*() {
      const client = yield* v3
      // Built, never run: only their types matter.
      const _write = client.post("notes", {}, Schema.Unknown)
      const _read = client.post("notes", {}, Schema.Unknown, { idempotent: true })
      const writeHasOutcome: "OutcomeUnknown" extends Effect.Effect.Error<typeof _write>["_tag"] ? true : false = true
      const readHasOutcome: "OutcomeUnknown" extends Effect.Effect.Error<typeof _read>["_tag"] ? true : false = false
      expect([writeHasOutcome, readHasOutcome]).toEqual([true, false])
    }).pipe(Effect.provide(layer())))
})
