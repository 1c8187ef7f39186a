/**
 * A simulator-only v3 endpoint for exercising the 422 conventions of §7.8: `POST notes` with
 * `{"athleteId": <integer>, "title": <text>, "text": <text>}` creates a note and answers 201 with
 * `{"id", "athleteId", "title", "text", "enteredByUserId"}`. A body that is not JSON (or not a JSON object) is
 * 422 with one `valueNotParsable` error; otherwise every missing field (absent or null) is one
 * `requiredFieldMissing` error and every field of the wrong type one `valueNotParsable` error, in field order. An
 * athlete that does not exist is 404 `itemNotFound`, one the account cannot see the 403 page.
 *
 * @since 0.1.0
 * @internal
 */
import type { Route } from "./http.js"
import { forbidden, isRecord, parseJson } from "./http.js"
import type { SimulatorState } from "./state.js"
import type { V3ErrorEntry } from "./v3.js"
import { itemNotFound, v3Error, v3Handler, v3Json } from "./v3.js"

const fields = [
  { name: "athleteId", type: "integer", accepts: (u: unknown) => typeof u === "number" && Number.isSafeInteger(u) },
  { name: "title", type: "text", accepts: (u: unknown) => typeof u === "string" },
  { name: "text", type: "text", accepts: (u: unknown) => typeof u === "string" }
] as const

const notParsable = (message: string): V3ErrorEntry => ({ errorCode: "valueNotParsable", message })

const createNote = (state: SimulatorState): Route => ({
  version: "v3",
  method: "POST",
  path: "notes",
  handle: v3Handler((account, request) => {
    const parsed = request.bodyText.trim() === "" ? undefined : parseJson(request.bodyText)
    if (parsed === undefined) {
      return v3Error(request, 422, [notParsable("The request body could not be parsed as JSON.")])
    }
    const body = parsed.value
    if (!isRecord(body)) return v3Error(request, 422, [notParsable("The request body must be a JSON object.")])
    const errors: Array<V3ErrorEntry> = []
    for (const field of fields) {
      const value = body[field.name]
      if (value === undefined || value === null) {
        errors.push({ errorCode: "requiredFieldMissing", message: `Required field ${field.name} is missing.` })
      } else if (!field.accepts(value)) {
        errors.push(notParsable(`Field ${field.name} could not be parsed: expected ${field.type}.`))
      }
    }
    const { athleteId, text, title } = body
    if (errors.length > 0 || typeof athleteId !== "number" || typeof title !== "string" || typeof text !== "string") {
      return v3Error(request, 422, errors)
    }
    if (!state.users.has(athleteId)) return itemNotFound(request, `Could not find athlete ${athleteId}.`)
    if (!state.visibleUserIds(account).has(athleteId)) return forbidden
    const note = { id: state.notes.length + 1, athleteId, title, text, enteredByUserId: account.userId }
    state.notes.push(note)
    return v3Json(201, note)
  })
})

/** The v3 note route. @internal */
export const routes = (state: SimulatorState): ReadonlyArray<Route> => [createNote(state)]
