/**
 * Exhaustive error handling: every error a call can end in has its own handler, chosen by tag. The handlers are
 * chosen by the call's error union, and `handled` only accepts an effect whose error channel is empty: when a
 * library version adds a tag — or a handler is deleted — this file stops compiling. Each handler here turns its
 * error into a line of a report; a real program would retry, skip, alert or stop.
 */
import type { AmsError } from "@ams-effect/core"
import { Fault } from "@ams-effect/simulator"
import { V1Client, type V1Error } from "@ams-effect/v1"
import { V2Client, type V2Error } from "@ams-effect/v2"
import { V3Client, type V3Error } from "@ams-effect/v3"
import { Console, Effect, Option } from "effect"
import { Target } from "./Connection.js"

export const title = "Exhaustive error handling: one handler per tag for v1, v2 and v3 calls"

const say = (line: string) => Effect.succeed(line)

/** Compiles only for an effect that can no longer fail: every tag of its error union was handled. */
const handled = <A>(effect: Effect.Effect<A, never>) => effect

/** Handlers for the errors every call shares; each version adds its own below. */
const common = {
  AuthenticationFailed: (e: AmsError.AuthenticationFailed) =>
    say(`AuthenticationFailed (${e.reason}): fix the credentials`),
  AccessDenied: (e: AmsError.AccessDenied) => say(`AccessDenied on ${e.endpoint}: ask for Coach access / form rights`),
  TransportError: (e: AmsError.TransportError) =>
    say(`TransportError after ${e.attempts} attempt(s): check the network`),
  Timeout: (e: AmsError.Timeout) => say(`Timeout after ${e.timeoutMillis} ms: narrow the request`),
  ServerError: (e: AmsError.ServerError) => say(`ServerError ${e.status} after ${e.attempts} attempt(s): try later`),
  UnexpectedResponse: (e: AmsError.UnexpectedResponse) =>
    say(`UnexpectedResponse (${e.contentType ?? "no type"}): wrong URL or a proxy`),
  ResponseDecodeError: (e: AmsError.ResponseDecodeError) => say(`ResponseDecodeError at ${e.path}: report it`),
  InvalidRequest: (e: AmsError.InvalidRequest) => say(`InvalidRequest: ${e.field} (${e.reason}); nothing sent`)
}

export const program = Effect.gen(function*() {
  const v1 = yield* V1Client.V1Client
  const v2 = yield* V2Client.V2Client
  const v3 = yield* V3Client.V3Client
  const target = yield* Target
  const simulator = Option.getOrUndefined(target.simulator)

  // v1: an import whose second chunk names a user the account cannot see.
  const squad = yield* v1.groupMembers("Mens Squad")
  const events = squad.slice(0, 4).map((user, i) => ({
    formName: "Wellness",
    userId: i === 3 ? 99_999_999 : user.userId,
    start: new Date(2031, 6, 1, 7, i),
    values: { Fatigue: 3 }
  }))
  const v1Handlers = {
    ...common,
    OutcomeUnknown: (e: AmsError.OutcomeUnknown) => say(`OutcomeUnknown on ${e.endpoint}: search before re-sending`),
    V1ImportFailed: (e: V1Error.V1ImportFailed) =>
      say(
        `V1ImportFailed: ${e.report.imported.length} imported, records ${e.report.missingIndexes.join(", ")} refused`
      ),
    V1ImportIncomplete: (e: V1Error.V1ImportIncomplete) =>
      say(`V1ImportIncomplete: records ${e.report.missingIndexes.join(", ")} unconfirmed`),
    V1UnknownFields: (e: V1Error.V1UnknownFields) =>
      say(`V1UnknownFields: ${e.report.droppedFields.flatMap((d) => d.fields).join(", ")}`)
  }
  const v1Line = yield* handled(
    v1.importEvents(events, { chunkSize: 2 }).pipe(
      Effect.map((report) => `imported ${report.imported.length}`),
      Effect.catchTags(v1Handlers)
    )
  )
  yield* Console.log(`✓ v1 importEvents → ${v1Line}`)

  // v2: changing a person the account cannot see.
  const v2Handlers = {
    ...common,
    V2RpcException: (e: V2Error.V2RpcException) => say(`V2RpcException ${e.exceptionType}: ${e.detailMessage}`),
    PersonNotFound: (e: V2Error.PersonNotFound) => say(`PersonNotFound: ${e.id} is not visible to this account`)
  }
  const v2Line = yield* handled(
    v2.updatePerson(20102, { knownAs: "Coach" }).pipe(
      Effect.map((person) => `updated ${person.id}`),
      Effect.catchTags(v2Handlers)
    )
  )
  yield* Console.log(`✓ v2 updatePerson → ${v2Line}`)

  // v3: a form that does not exist, then (on the simulator) a server that keeps answering 503.
  const v3Read = {
    ...common,
    V3ApiError: (e: V3Error.V3ApiError) =>
      say(`V3ApiError ${e.body.status}: ${e.body.errors.map((x) => x.errorCode).join(", ")}`)
  }
  const v3Item = {
    ...v3Read,
    V3ItemNotFound: (e: V3Error.V3ItemNotFound) => say(`V3ItemNotFound: ${e.body.errors[0]?.message}`)
  }
  const v3Line = yield* handled(
    v3.form("event", 4242).pipe(Effect.map((form) => `form ${form.name}`), Effect.catchTags(v3Item))
  )
  yield* Console.log(`✓ v3 form("event", 4242) → ${v3Line}`)
  if (simulator !== undefined) {
    yield* simulator.addFault(Fault.rule(Fault.Status({ status: 503 }), { route: "v3/forms/summaries", times: 5 }))
    const busy = yield* handled(v3.formSummaries.pipe(Effect.map(() => "summaries"), Effect.catchTags(v3Read)))
    yield* Console.log(`✓ v3 formSummaries while the server answers 503 → ${busy}`)
  }
})
