/**
 * API v1 event writes: `eventsimport` (§2.8, §7.2, §7.3) and `deleteevent` (§2.10). Imports answer HTTP 200 with a
 * `result.state` and one `eventImportResultForForm` entry per form; a batch is all-or-nothing: one bad record (or
 * an unknown form, or a file field naming no uploaded file) and nothing is stored. An update (`existingEventId`)
 * replaces the whole event. Without the write right on a form the answer is the 403 page.
 *
 * @since 0.1.0
 * @internal
 */
import type { EventTimes } from "./eventStore.js"
import { canWrite, eventTimes } from "./eventStore.js"
import type { Route } from "./http.js"
import { forbidden, isRecord, v1Json } from "./http.js"
import type { RecordBody } from "./importRecord.js"
import { recordBody, unknownNamesNote } from "./importRecord.js"
import type { SimulatorState } from "./state.js"
import { asInt, asList, unique, v1Handler } from "./v1.js"

interface ImportedEvent extends RecordBody, EventTimes {
  readonly formName: string
  readonly existingEventId: number | undefined
}

const shown = (value: unknown): string => JSON.stringify(value) ?? "undefined"

/** A required text member: the reason when it is missing or not a string. */
const requiredText = (raw: Readonly<Record<string, unknown>>, key: string): string | { readonly error: string } => {
  const value = raw[key]
  if (value === undefined || value === null || value === "") return { error: `has no ${key}` }
  return typeof value === "string" ? value : { error: `${key} ${shown(value)} is not text` }
}

/** An optional text member: absent, null and `""` are not given. */
const optionalText = (
  raw: Readonly<Record<string, unknown>>,
  key: string
): string | undefined | { readonly error: string } => {
  const value = raw[key]
  if (value === undefined || value === null || value === "") return undefined
  return typeof value === "string" ? value : { error: `${key} ${shown(value)} is not text` }
}

const parseEvent = (
  state: SimulatorState,
  raw: unknown,
  context: {
    readonly visible: ReadonlySet<number>
    readonly callerUserId: number
    readonly fileExists: (id: number) => boolean
  }
): ImportedEvent | string => {
  if (!isRecord(raw)) return "is not an event object"
  if (typeof raw.formName !== "string") return "has no formName"
  const form = state.store.eventForm(raw.formName)
  if (form === undefined) return `the event form "${raw.formName}" does not exist`
  const given = [
    requiredText(raw, "startDate"),
    requiredText(raw, "startTime"),
    optionalText(raw, "finishDate"),
    optionalText(raw, "finishTime")
  ] as const
  for (const value of given) {
    if (typeof value === "object") return value.error
  }
  const [startDate, startTime, finishDate, finishTime] = given
  if (typeof startDate !== "string" || typeof startTime !== "string") return "has no start"
  const times = eventTimes({
    startDate,
    startTime,
    finishDate: typeof finishDate === "string" ? finishDate : undefined,
    finishTime: typeof finishTime === "string" ? finishTime : undefined
  })
  if (typeof times === "string") return times
  let existingEventId: number | undefined
  const rawExisting = raw.existingEventId
  if (rawExisting !== undefined && rawExisting !== null && rawExisting !== "") {
    existingEventId = asInt(rawExisting)
    if (existingEventId === undefined) return `existingEventId ${shown(rawExisting)} is not an event id`
    const existing = state.store.events.get(existingEventId)
    if (existing === undefined || !context.visible.has(existing.userId)) {
      return `existingEventId ${existingEventId} does not exist`
    }
    if (existing.formName !== form.name) {
      return `existingEventId ${existingEventId} is an event of the form "${existing.formName}", not "${form.name}"`
    }
  }
  const body = recordBody(raw, form, context)
  if (typeof body === "string") return body
  return { ...body, ...times, formName: form.name, existingEventId }
}

const importMessage = (imported: number, sent: number): string =>
  `${imported} out of ${sent} records successfully imported.`

const eventsimport = (state: SimulatorState): Route => ({
  version: "v1",
  method: "POST",
  path: "eventsimport",
  handle: v1Handler((account, body, request) => {
    const raws: ReadonlyArray<unknown> | undefined = isRecord(body) && Array.isArray(body.events)
      ? body.events
      : undefined
    if (raws === undefined) {
      return v1Json({
        result: { state: "UNEXPECTED_ERROR", message: "The request has no \"events\" array. No events were imported." },
        eventImportResultForForm: []
      })
    }
    const formNames = raws.map((raw) => isRecord(raw) && typeof raw.formName === "string" ? raw.formName : undefined)
    const forms = unique(formNames.flatMap((name) => name === undefined ? [] : [name]))
    if (forms.some((name) => state.store.eventForm(name) !== undefined && !canWrite(account, name))) return forbidden
    const sent = (name: string) => formNames.filter((n) => n === name).length
    const context = {
      visible: state.visibleUserIds(account),
      callerUserId: account.userId,
      fileExists: (id: number) => state.files.exists(id)
    }
    const events: Array<ImportedEvent> = []
    let failure: string | undefined
    for (const [index, raw] of raws.entries()) {
      const event = parseEvent(state, raw, context)
      if (typeof event !== "string") events.push(event)
      else if (failure === undefined) failure = `Event at index ${index}: ${event}. No events were imported.`
    }
    if (failure !== undefined) {
      const reason = failure
      return v1Json({
        result: { state: "UNEXPECTED_ERROR", message: reason },
        eventImportResultForForm: forms.map((name) => ({
          formName: name,
          eventImportResults: {
            state: "UNEXPECTED_ERROR",
            message: state.store.eventForm(name) === undefined
              ? `${importMessage(0, sent(name))} The event form "${name}" does not exist.`
              : `${importMessage(0, sent(name))} ${reason}`,
            ids: []
          }
        }))
      })
    }
    const dropped = request.fault?._tag === "DropImportedId" ? events.length - 1 : -1
    const ids = new Map<string, Array<number>>()
    for (const [index, event] of events.entries()) {
      if (index === dropped) continue
      const id = event.existingEventId ?? state.store.takeId()
      state.store.putEvent({
        id,
        formName: event.formName,
        userId: event.userId,
        startDate: event.startDate,
        startTime: event.startTime,
        finishDate: event.finishDate,
        finishTime: event.finishTime,
        startMinute: event.startMinute,
        enteredByUserId: event.enteredByUserId,
        rows: event.rows,
        modifiedAt: state.store.stamp(request.now)
      })
      ids.set(event.formName, [...(ids.get(event.formName) ?? []), id])
    }
    return v1Json({
      result: { state: "SUCCESSFULLY_IMPORTED" },
      eventImportResultForForm: forms.map((name) => {
        const ofForm = events.filter((e) => e.formName === name)
        const note = unknownNamesNote(unique(ofForm.flatMap((e) => e.unknownNames)))
        return {
          formName: name,
          eventImportResults: {
            state: "SUCCESSFULLY_IMPORTED",
            message: `${importMessage(ofForm.length, ofForm.length)}${note}`,
            ids: ids.get(name) ?? []
          }
        }
      })
    })
  })
})

const deleteFailure = (message: string) => v1Json({ state: "FAILURE", message })

const deleteevent = (state: SimulatorState): Route => ({
  version: "v1",
  method: "POST",
  path: "deleteevent",
  handle: v1Handler((account, body, request) => {
    const raw = isRecord(body) ? body.eventId : undefined
    const list = asList(raw)
    const id = list.length === 1 ? asInt(list[0]) : undefined
    if (id === undefined) return deleteFailure(`eventId ${shown(raw)} is not an event id`)
    const event = state.store.events.get(id)
    if (event === undefined) return deleteFailure(`Event ${id} does not exist`)
    if (!canWrite(account, event.formName) || !state.visibleUserIds(account).has(event.userId)) return forbidden
    state.store.deleteEvent(event, request.now)
    return v1Json({ state: "SUCCESS", message: `Deleted ${id}` })
  })
})

/** The v1 event write routes. @internal */
export const routes = (state: SimulatorState): ReadonlyArray<Route> => [eventsimport(state), deleteevent(state)]
