/**
 * API v2 `event/deleteAll` (§2.10): `{"eventIds": ["134273", "134274"]}` (strings or numbers) deletes every listed
 * event and answers HTTP 200 with an **empty** body; the deletions are recorded like v1 `deleteevent`'s, so v1
 * synchronise reports them. All-or-nothing: the first id that does not name a live event the account can see is
 * `ObjectNotFoundException`, the first event on a form the account may not write is `PermissionDeniedException`
 * (checked in list order), a body without a list of ids is `InvalidRequestException`; then nothing is deleted.
 *
 * @since 0.1.0
 * @internal
 */
import type { EventRecord } from "./eventStore.js"
import { canWrite } from "./eventStore.js"
import type { Route } from "./http.js"
import { isRecord, rpcException, v2Headers } from "./http.js"
import type { SimulatorState } from "./state.js"
import { intList, unique } from "./v1.js"
import { v2Handler } from "./v2.js"

const deleteAll = (state: SimulatorState): Route => ({
  version: "v2",
  method: "POST",
  path: "event/deleteAll",
  handle: v2Handler(state, (body, { account, request }) => {
    const raw = isRecord(body) ? body.eventIds : undefined
    const ids = Array.isArray(raw) ? intList(raw) : undefined
    if (ids === undefined) {
      return rpcException("InvalidRequestException", "Malformed request: expected {\"eventIds\": [\"<id>\", …]}")
    }
    const visible = state.visibleUserIds(account)
    const events: Array<EventRecord> = []
    for (const id of unique(ids)) {
      const event = state.store.events.get(id)
      if (event === undefined || !visible.has(event.userId)) {
        return rpcException("ObjectNotFoundException", `Event ${id} does not exist`)
      }
      if (!canWrite(account, event.formName)) {
        return rpcException(
          "PermissionDeniedException",
          `No permission to delete event ${id}: the account may not write the form "${event.formName}"`
        )
      }
      events.push(event)
    }
    for (const event of events) state.store.deleteEvent(event, request.now)
    return { status: 200, headers: v2Headers, body: "" }
  })
})

/** The v2 event routes. @internal */
export const routes = (state: SimulatorState): ReadonlyArray<Route> => [deleteAll(state)]
