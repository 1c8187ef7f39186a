/**
 * One program, three error conventions. v2 answers HTTP 200 with an RPC exception body; v3 answers 404 or 422
 * with an `errors[]` body; v1 would silently drop a misspelled field. Each becomes a typed error, handled here by
 * its tag — and the v3 form definition catches the misspelled field before anything is sent.
 */
import { V1Client } from "@ams-effect/v1"
import { V2Client } from "@ams-effect/v2"
import { V3Client } from "@ams-effect/v3"
import { Config, Console, Effect, Redacted } from "effect"

export const title = "Error conventions: a v2 RPC exception, a v3 404, and an import validated before sending"

export const program = Effect.gen(function*() {
  const v1 = yield* V1Client.V1Client
  const v2 = yield* V2Client.V2Client
  const v3 = yield* V3Client.V3Client
  const squad = yield* v1.groupMembers(yield* Config.string("AMS_EXAMPLE_GROUP").pipe(Config.withDefault("Mens Squad")))
  const taken = squad[0]!.username

  // v2: HTTP 200, body {"__is_rpc_exception__": true, "type": "DuplicateUsernameException", …}
  const created = yield* v2.createPerson({
    firstName: "Sam",
    lastName: "Taylor",
    username: taken,
    emailAddress: "sam.taylor@example.com",
    password: Redacted.make("demo-Passw0rd"),
    dateOfBirth: "14/02/2006"
  }).pipe(
    Effect.map((person) => `created person ${person.id}`),
    Effect.catchTag(
      "V2RpcException",
      (error) => Effect.succeed(`V2RpcException handled by tag: ${error.exceptionType}: ${error.detailMessage}`)
    )
  )
  yield* Console.log(`✓ createPerson("${taken}") → ${created}`)

  // v3: HTTP 404 {"status": 404, "href": …, "errors": [{"errorCode": "itemNotFound", …}]}
  const group = yield* v3.groupAthletes(9999).pipe(
    Effect.map((athletes) => `${athletes.length} athletes`),
    Effect.catchTag(
      "V3ItemNotFound",
      (error) => Effect.succeed(`V3ItemNotFound handled by tag: ${error.body.errors[0]?.message}`)
    )
  )
  yield* Console.log(`✓ groupAthletes(9999) → ${group}`)

  // v1 would import this event without "Sleep_Quality" and say so only in a message; v3's form definition
  // catches it first, typed, with a suggestion.
  const event = {
    formName: "Wellness",
    userId: squad[0]!.userId,
    start: new Date(),
    values: { Fatigue: 2, Sleep_Quality: 4 }
  }
  const checked = yield* v3.validateImport([event]).pipe(
    Effect.map(() => "valid"),
    Effect.catchTags({
      V3ImportInvalid: (error) => Effect.succeed(`V3ImportInvalid handled by tag: ${error.message}`),
      V3FormUnknown: (error) => Effect.succeed(`V3FormUnknown handled by tag: ${error.message}`)
    })
  )
  yield* Console.log(`✓ validateImport(Sleep_Quality) → ${checked}`)
  const fixed = { ...event, values: { Fatigue: 2, "Sleep Quality": 4 } }
  yield* v3.validateImport([fixed])
  const report = yield* v1.importEvents([fixed])
  yield* Console.log(`✓ fixed and imported: event ${report.eventIds[0]}`)
})
