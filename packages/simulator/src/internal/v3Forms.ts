/**
 * API v3 forms (§2.14): `GET forms/summaries` lists the forms the account may read, keyed by form type (`event`,
 * `profile`, and the always empty `database`, `linkedOnlyEvent`, `linkedOnlyProfile`); `GET forms/{type}/{id}`
 * answers a form's field tree: a root `{"id", "name", "type": "FormFieldSet", "children"}` whose children are
 * `FormItem` nodes, the form's table fields gathered in one nested `FormFieldSet` named "Table". An unknown
 * type/id is 404 `itemNotFound` ("Could not find form <id>."), a form the account may not read the 403 page.
 *
 * @since 0.1.0
 * @internal
 */
import type * as DemoData from "../DemoData.js"
import { canRead, canWrite } from "./eventStore.js"
import type { Route } from "./http.js"
import { forbidden } from "./http.js"
import type { SimulatorState } from "./state.js"
import { itemNotFound, v3Handler, v3Json } from "./v3.js"

const summary = (account: DemoData.Account, form: DemoData.FormDef) => ({
  id: form.id,
  name: form.name,
  mainCategory: form.mainCategory ?? "General",
  isReadOnly: !canWrite(account, form.name),
  groupEntryEnabled: form.groupEntryEnabled ?? form.type === "event"
})

const summaries = (state: SimulatorState): Route => ({
  version: "v3",
  method: "GET",
  path: "forms/summaries",
  handle: v3Handler((account) => {
    const readable = Array.from(state.store.forms.values()).filter((form) => canRead(account, form.name))
    const ofType = (type: DemoData.FormDef["type"]) =>
      readable.filter((form) => form.type === type).map((form) => summary(account, form))
    return v3Json(200, {
      event: ofType("event"),
      profile: ofType("profile"),
      database: [],
      linkedOnlyEvent: [],
      linkedOnlyProfile: []
    })
  })
})

const itemTypes: Readonly<Record<NonNullable<DemoData.FormField["kind"]>, string>> = {
  text: "Text",
  number: "Number",
  date: "Date",
  file: "File Upload",
  option: "Single Selection"
}

const node = (
  type: "FormFieldSet" | "FormItem",
  name: string,
  details: {
    readonly instructions?: string | undefined
    readonly children?: ReadonlyArray<unknown>
    readonly required?: boolean
    readonly formItemType?: string | null
    readonly options?: ReadonlyArray<string> | undefined
  }
) => ({
  type,
  name,
  instructions: details.instructions ?? "",
  children: details.children ?? [],
  required: details.required ?? false,
  defaultsToLastKnownValue: false,
  formItemType: details.formItemType ?? null,
  options: details.options ?? [],
  scores: [],
  dateSelection: null
})

const item = (field: DemoData.FormField) =>
  node("FormItem", field.name, {
    instructions: field.instructions,
    required: field.required === true,
    formItemType: itemTypes[field.kind ?? "text"],
    options: field.options
  })

/** The form's children: its fields in order, the table fields in one "Table" set where the first one stands. */
const children = (form: DemoData.FormDef): ReadonlyArray<unknown> => {
  const table = form.fields.filter((f) => f.table === true)
  const out: Array<unknown> = []
  for (const field of form.fields) {
    if (field.table !== true) out.push(item(field))
    else if (field === table[0]) out.push(node("FormFieldSet", "Table", { children: table.map(item) }))
  }
  return out
}

const definition = (state: SimulatorState): Route => ({
  version: "v3",
  method: "GET",
  path: "forms/:type/:id",
  handle: v3Handler((account, request) => {
    const { id, type } = request.params
    const form = Array.from(state.store.forms.values()).find((f) => f.type === type && String(f.id) === id)
    if (form === undefined) return itemNotFound(request, `Could not find form ${id ?? ""}.`)
    if (!canRead(account, form.name)) return forbidden
    return v3Json(200, { id: form.id, name: form.name, type: "FormFieldSet", children: children(form) })
  })
})

/** The v3 form routes. @internal */
export const routes = (state: SimulatorState): ReadonlyArray<Route> => [summaries(state), definition(state)]
