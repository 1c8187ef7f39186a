/**
 * Profile import (§2.9) as one all-or-nothing step. The server replaces the user's whole record of the form with
 * the fields of the import it knows and drops the others, saying so only in its message: a misspelt field name
 * alone would wipe the profile. So the record is read before the import, and when the answer names unknown fields
 * the previous record is imported again and the call fails with `V1UnknownFields`, which keeps that record.
 */
import type * as AmsHttp from "@ams-effect/core/AmsHttp"
import * as AmsRequest from "@ams-effect/core/AmsRequest"
import * as Effect from "effect/Effect"
import type { Profile } from "../Event.js"
import type { V1StateFailed } from "../V1Error.js"
import { DroppedFields, ImportReport, ProfileRestore, V1UnknownFields } from "../V1Error.js"
import type { WireProfile } from "./encode.js"
import { unknownFields } from "./imports.js"
import { expectSuccess } from "./state.js"

/** What a profile import can fail with. */
export type ProfileImportError = AmsHttp.ReadError | V1StateFailed | V1UnknownFields

/** Sends one record; the server's message on success. */
const send = (http: AmsHttp.Service, body: WireProfile, subject: string) =>
  // A profile import replaces the user's record of that form: repeating it is harmless.
  http.execute(
    AmsRequest.make({ api: "v1", method: "POST", path: "profileimport", body, idempotent: true }),
    (response) => expectSuccess(response, subject)
  )

/** Imports `previous` again, as it was read; what became of the record. */
const restore = (
  http: AmsHttp.Service,
  wire: WireProfile,
  previous: Profile | undefined,
  subject: string
): Effect.Effect<ProfileRestore> => {
  const userId = wire.userId.userId
  if (previous === undefined) return Effect.succeed(new ProfileRestore({ userId, outcome: "created" }))
  const body: WireProfile = {
    formName: wire.formName,
    userId: wire.userId,
    enteredByUserId: previous.enteredByUserId ?? wire.enteredByUserId,
    rows: previous.rows
  }
  return send(http, body, `${subject} (putting the previous record back)`).pipe(
    Effect.as(new ProfileRestore({ userId, outcome: "restored", previous })),
    Effect.catchAll((error) =>
      Effect.succeed(
        new ProfileRestore({
          userId,
          outcome: "notRestored",
          previous,
          restoreError: `${error._tag}: ${error.message}`
        })
      )
    )
  )
}

/**
 * Imports `wire`, whose user's record of the form was `previous` just before (`undefined`: none). Fails with
 * `V1UnknownFields` when the server says the form lacks some of its fields, after putting `previous` back.
 */
export const run = (
  http: AmsHttp.Service,
  wire: WireProfile,
  previous: Profile | undefined
): Effect.Effect<void, ProfileImportError> =>
  Effect.gen(function*() {
    const subject = `the "${wire.formName}" profile of user ${wire.userId.userId}`
    const message = yield* send(http, wire, subject)
    const fields = unknownFields(message)
    if (fields.length === 0) return
    const profile = yield* restore(http, wire, previous, subject)
    const report = new ImportReport({
      total: 1,
      chunks: 1,
      imported: [],
      failed: [],
      unconfirmed: [],
      droppedFields: [new DroppedFields({ formName: wire.formName, fields, indexes: [0], eventIds: [] })]
    })
    return yield* new V1UnknownFields({ report, profile })
  })
