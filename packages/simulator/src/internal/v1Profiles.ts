/**
 * API v1 profile forms (§2.7, §2.9, §4.4): `profilesearch` and `profileimport`. A profile form holds one record per
 * user; an import is always an upsert of that record (the whole record is replaced), one bare object per request,
 * answered with a top-level `state` and `message`.
 *
 * @since 0.1.0
 * @internal
 */
import { canRead, canWrite } from "./eventStore.js"
import type { Route } from "./http.js"
import { badRequest, forbidden, isRecord, v1Json } from "./http.js"
import { recordBody, unknownNamesNote } from "./importRecord.js"
import { v1Profile } from "./render.js"
import type { SimulatorState } from "./state.js"
import { intList, searchAnswer, stringList, v1Handler } from "./v1.js"

const profilesearch = (state: SimulatorState): Route => ({
  version: "v1",
  method: "POST",
  path: "profilesearch",
  handle: v1Handler((account, body) => {
    if (!isRecord(body)) return badRequest
    const formNames = stringList(body.formNames)
    const userIds = intList(body.userIds)
    if (formNames === undefined || userIds === undefined) return badRequest
    if (formNames.some((name) => state.store.forms.has(name) && !canRead(account, name))) return forbidden
    const forms = new Set(formNames)
    const visible = state.visibleUserIds(account)
    const users = new Set(userIds.filter((id) => visible.has(id)))
    const found = state.store.profileList().filter((p) => forms.has(p.formName) && users.has(p.userId))
    return searchAnswer(state, "profiles", found.map(v1Profile))
  })
})

const importFailure = (message: string) => v1Json({ state: "UNEXPECTED_ERROR", message })

const profileimport = (state: SimulatorState): Route => ({
  version: "v1",
  method: "POST",
  path: "profileimport",
  handle: v1Handler((account, body, request) => {
    if (!isRecord(body)) return importFailure("The request is not a profile record object. Nothing was imported.")
    const name = body.formName
    if (typeof name !== "string") return importFailure("The profile record has no formName. Nothing was imported.")
    const form = state.store.profileForm(name)
    if (form === undefined) return importFailure(`The profile form "${name}" does not exist. Nothing was imported.`)
    if (!canWrite(account, form.name)) return forbidden
    const record = recordBody(body, form, {
      visible: state.visibleUserIds(account),
      callerUserId: account.userId,
      fileExists: (id) => state.files.exists(id)
    })
    if (typeof record === "string") return importFailure(`The profile record ${record}. Nothing was imported.`)
    const existing = state.store.profile(form.name, record.userId)
    state.store.putProfile({
      id: existing?.id ?? state.store.takeId(),
      formName: form.name,
      userId: record.userId,
      enteredByUserId: record.enteredByUserId,
      rows: record.rows,
      modifiedAt: state.store.stamp(request.now)
    })
    return v1Json({
      state: "SUCCESSFULLY_IMPORTED",
      message: `1 out of 1 records successfully imported.${unknownNamesNote(record.unknownNames)}`
    })
  })
})

/** The v1 profile routes. @internal */
export const routes = (state: SimulatorState): ReadonlyArray<Route> => [profilesearch(state), profileimport(state)]
