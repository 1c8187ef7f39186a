/**
 * Using the library inside an application: an app service (`SquadReport`) that depends on `V1Client`, the layers
 * composed once, and the spans the library opens for every call printed OpenTelemetry-style (name, duration,
 * attributes; secrets are never attributes). Swap the tracer for `@effect/opentelemetry` to export them for real.
 */
import { V1Client } from "@ams-effect/v1"
import { Console, Context, Effect, Layer, Option, Tracer } from "effect"

export const title = "Layer composition: an app service on top of V1Client, with the library's spans printed"

/** An application service: the week's average wellness of a squad. */
class SquadReport extends Context.Tag("examples/SquadReport")<SquadReport, {
  readonly averageFatigue: (group: string, from: Date, to: Date) => Effect.Effect<number, V1Client.ReadError>
}>() {
  static readonly layer = Layer.effect(
    SquadReport,
    Effect.map(V1Client.V1Client, (v1) => ({
      averageFatigue: (group, from, to) =>
        Effect.gen(function*() {
          const squad = yield* v1.groupMembers(group)
          const events = yield* v1.searchEvents({
            forms: "Wellness",
            userIds: squad.map((user) => user.userId),
            from,
            to
          })
          const values = events.map((event) => Number(event.values["Fatigue"])).filter(Number.isFinite)
          return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length
        }).pipe(Effect.withSpan("SquadReport.averageFatigue", { attributes: { "squad.group": group } }))
    }))
  )
}

interface Recorded {
  readonly name: string
  readonly parent: string | undefined
  readonly id: string
  readonly attributes: Map<string, unknown>
  start: bigint
  end: bigint
}

/** A tracer that keeps spans so that they can be printed as a tree once the work is done. */
const recordingTracer = (spans: Array<Recorded>) => {
  let next = 0
  return Tracer.make({
    span: (name, parent, context, links, startTime, kind) => {
      const recorded: Recorded = {
        name,
        id: `${++next}`,
        parent: Option.getOrUndefined(Option.map(parent, (p) => p.spanId)),
        attributes: new Map(),
        start: startTime,
        end: startTime
      }
      spans.push(recorded)
      return {
        _tag: "Span",
        name,
        spanId: recorded.id,
        traceId: "demo",
        parent,
        context,
        status: { _tag: "Started", startTime },
        attributes: recorded.attributes,
        links: [...links],
        sampled: true,
        kind,
        end: (endTime) => {
          recorded.end = endTime
        },
        attribute: (key, value) => {
          recorded.attributes.set(key, value)
        },
        event: () => {},
        addLinks: () => {}
      }
    },
    context: (f) => f()
  })
}

const shown = [
  "ams.endpoint",
  "ams.attempts",
  "http.response.status_code",
  "squad.group",
  "http.request.header.session-header"
]

export const program = Effect.gen(function*() {
  const spans: Array<Recorded> = []
  const average = yield* Effect.flatMap(
    SquadReport,
    (report) => report.averageFatigue("Womens Squad", new Date(2025, 4, 10), new Date(2025, 4, 16))
  ).pipe(
    Effect.provide(SquadReport.layer),
    Effect.withTracer(recordingTracer(spans))
  )
  yield* Console.log(`✓ SquadReport.averageFatigue("Womens Squad", one week) → ${average.toFixed(2)}`)
  const print = (parent: string | undefined, depth: number): Effect.Effect<void> =>
    Effect.forEach(spans.filter((span) => span.parent === parent), (span) =>
      Effect.zipRight(
        Console.log(
          `  ${"  ".repeat(depth)}${span.name} ${Number(span.end - span.start) / 1e6 | 0} ms ${
            JSON.stringify(Object.fromEntries([...span.attributes].filter(([key]) => shown.includes(key))))
          }`
        ),
        print(span.id, depth + 1)
      ), { discard: true })
  yield* print(undefined, 0)
})
