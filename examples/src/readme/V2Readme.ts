/**
 * The "first program" of packages/v2/README.md, kept here so that the typecheck compiles it; a test checks that the
 * README shows this code verbatim. It runs against the site in AMS_URL.
 */
import { AmsConfig, AmsHttp, UndiciHttpClient } from "@ams-effect/core"
import { PersonFilter, V2Client } from "@ams-effect/v2"
import { NodeRuntime } from "@effect/platform-node"
import { Console, Effect, Layer, Redacted } from "effect"

const program = Effect.gen(function*() {
  const v2 = yield* V2Client.V2Client
  const created = yield* v2.createPerson({
    firstName: "Jane",
    lastName: "Doe",
    username: "jane.doe",
    emailAddress: "jane.doe@example.com",
    password: Redacted.make("a-first-password"),
    dateOfBirth: new Date(2004, 2, 1),
    sex: "FEMALE"
  }).pipe(
    Effect.catchTag("V2RpcException", (error) =>
      error.exceptionType === "DuplicateUsernameException"
        ? Effect.map(v2.getPersons(PersonFilter.usernames(["jane.doe"])), (page) => page.persons[0]!)
        : Effect.fail(error))
  )
  const renamed = yield* v2.updatePerson(created.id, { knownAs: "JD" })
  yield* Console.log(`${renamed.firstName} ${renamed.lastName} (${renamed.id}), known as ${renamed.knownAs}`)
})

const Live = V2Client.layer.pipe(
  Layer.provideMerge(AmsHttp.layerWithSession),
  Layer.provide(AmsConfig.layerConfig()), // AMS_URL, AMS_USERNAME, AMS_PASSWORD
  Layer.provide(UndiciHttpClient.layer)
)

NodeRuntime.runMain(program.pipe(Effect.provide(Live)))
