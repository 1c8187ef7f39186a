/**
 * The "first program" of packages/v3/README.md, kept here so that the typecheck compiles it; a test checks that the
 * README shows this code verbatim. It runs against the site in AMS_URL.
 */
import { AmsConfig, AmsHttp, UndiciHttpClient } from "@ams-effect/core"
import { Form, V3Client } from "@ams-effect/v3"
import { NodeRuntime } from "@effect/platform-node"
import { Console, Effect, Layer, Option } from "effect"

const program = Effect.gen(function*() {
  const v3 = yield* V3Client.V3Client
  const summaries = yield* v3.formSummaries
  yield* Console.log(`event forms: ${summaries.ofType("event").map((form) => form.name).join(", ")}`)
  const wellness = Form.findForm(summaries, "Wellness")
  if (Option.isSome(wellness)) {
    const definition = yield* v3.form(wellness.value.type, wellness.value.id)
    yield* Console.log(`Wellness fields: ${Form.fieldNames(definition).join(", ")}`)
  }
  const squad = yield* v3.groupAthletes(101)
  yield* Console.log(`group 101: ${squad.map((athlete) => athlete.fullName).join(", ")}`)
  // Check an import before sending it with V1Client.importEvents: a misspelled field fails here, typed.
  yield* v3.validateImport([{ formName: "Wellness", values: { Fatigue: 3, Sleep_Quality: 4 } }]).pipe(
    Effect.catchTags({
      V3ImportInvalid: (error) => Console.log(error.message), // … "Sleep_Quality" (did you mean "Sleep Quality"?) …
      V3FormUnknown: (error) => Console.log(error.message)
    })
  )
})

const Live = V3Client.layer.pipe(
  Layer.provideMerge(AmsHttp.layerWithSession),
  Layer.provide(AmsConfig.layerConfig()), // AMS_URL, AMS_USERNAME, AMS_PASSWORD
  Layer.provide(UndiciHttpClient.layer)
)

NodeRuntime.runMain(program.pipe(Effect.provide(Live)))
