import { Fault, Simulator } from "@ams-effect/simulator"
import { type Event, Reconcile, V1Client } from "@ams-effect/v1"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { layer } from "./fixtures.js"

const record = (i: number): Event.EventInput => ({
  formName: "Wellness",
  userId: 20001 + (i % 3),
  start: new Date(2031, 8, 1 + (i % 5), 6, i),
  values: { Fatigue: 1 + (i % 5), Comments: `reconcile-${i}` }
})

const addFault = (fault: Fault.Fault, options: Omit<Fault.FaultRule, "fault" | "route"> = {}) =>
  Effect.flatMap(
    Simulator.Simulator,
    (simulator) => simulator.addFault(Fault.rule(fault, { route: "v1/eventsimport", ...options }))
  )

describe("Reconcile", () => {
  it.scoped("after OutcomeUnknown the applied import is found, so nothing is sent twice", () =>
    Effect.gen(function*() {
      const v1 = yield* V1Client.V1Client
      yield* v1.listGroups
      const events = [record(0), record(1)]
      yield* addFault(Fault.ResetAfterHandler(), { times: 1 })
      expect((yield* Effect.flip(v1.importEvents(events)))._tag).toBe("OutcomeUnknown")
      const result = yield* Reconcile.findImported(events)
      expect(result.missing).toEqual([])
      expect(result.found.map((f) => f.index)).toEqual([0, 1])
      const stored = yield* Effect.flatMap(Simulator.Simulator, (s) => s.events)
      expect(result.found.every((f) => stored.some((event) => event.id === f.eventId))).toBe(true)
    }).pipe(Effect.provide(layer())))

  it.scoped("an import the server never ran is missing, and is sent again", () =>
    Effect.gen(function*() {
      const v1 = yield* V1Client.V1Client
      const events = [record(2)]
      yield* addFault(Fault.HtmlOk(), { times: 1 })
      expect((yield* Effect.flip(v1.importEvents(events)))._tag).toBe("UnexpectedResponse")
      const result = yield* Reconcile.findImported(events)
      expect(result).toMatchObject({ found: [], missing: [0] })
      const report = yield* v1.importEvents(result.missing.map((i) => events[i]!))
      expect(report.imported).toHaveLength(1)
      expect((yield* Reconcile.findImported(events)).found).toHaveLength(1)
    }).pipe(Effect.provide(layer())))

  it.scoped("the records of an incomplete import: the dropped one is missing, the others found", () =>
    Effect.gen(function*() {
      const v1 = yield* V1Client.V1Client
      const events = [record(3), record(4), record(5)]
      yield* addFault(Fault.DropImportedId(), { times: 1 })
      const error = yield* Effect.flip(v1.importEvents(events))
      expect(error._tag).toBe("V1ImportIncomplete")
      if (error._tag !== "V1ImportIncomplete") return
      const result = yield* Reconcile.unconfirmed(events, error.report)
      expect(result.found.map((f) => f.index)).toEqual([0, 1])
      expect(result.missing).toEqual([2])
    }).pipe(Effect.provide(layer())))

  it.scoped("a record stored twice is reported as ambiguous", () =>
    Effect.gen(function*() {
      const v1 = yield* V1Client.V1Client
      yield* v1.importEvents([record(6)])
      yield* v1.importEvents([record(6)])
      const result = yield* Reconcile.findImported([record(6)])
      expect(result.ambiguous).toHaveLength(1)
      expect(result.ambiguous[0]?.eventIds).toHaveLength(2)
    }).pipe(Effect.provide(layer())))
})
