/**
 * Reading one imported record (§2.8, §2.9): the wrapped `userId` (`{"userId": n}`; a bare number or numeric string
 * is accepted too), `enteredByUserId`, and `rows` of `{row, pairs: [{key, value}]}` with string values (numbers
 * and booleans are taken as their text, null as `""`). Checks the user is visible to the account, drops the keys
 * the form does not have (reporting them), checks required fields, and checks that a file field's value
 * `"<fileId>|<serverFileName>"` names an uploaded file (§2.12).
 *
 * @since 0.1.0
 * @internal
 */
import type * as DemoData from "../DemoData.js"
import { fileReference } from "./fileStore.js"
import { isRecord } from "./http.js"
import { asInt, asList } from "./v1.js"

/** The parts an event and a profile record share, checked against their form. @internal */
export interface RecordBody {
  readonly userId: number
  readonly enteredByUserId: number
  readonly rows: ReadonlyArray<DemoData.EventRow>
  /** Keys sent that the form does not have, in the order first sent. */
  readonly unknownNames: ReadonlyArray<string>
}

const pairValue = (value: unknown): string | undefined =>
  value === null || value === undefined
    ? ""
    : typeof value === "string"
    ? value
    : typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : undefined

const parseRows = (value: unknown): ReadonlyArray<DemoData.EventRow> | undefined => {
  const rows: Array<DemoData.EventRow> = []
  for (const [index, raw] of asList(value).entries()) {
    if (!isRecord(raw)) return undefined
    const row = raw.row === undefined ? index : asInt(raw.row)
    if (row === undefined) return undefined
    const pairs: Array<DemoData.Pair> = []
    for (const pair of asList(raw.pairs)) {
      if (!isRecord(pair) || typeof pair.key !== "string") return undefined
      const text = pairValue(pair.value)
      if (text === undefined) return undefined
      pairs.push({ key: pair.key, value: text })
    }
    rows.push({ row, pairs })
  }
  return rows
}

/** The user id of an import: `{"userId": n}`, or `n` / `"n"` as is. @internal */
export const importUserId = (value: unknown): number | undefined => isRecord(value) ? asInt(value.userId) : asInt(value)

/** A user reference for a message. */
const shown = (value: unknown): string => JSON.stringify(value) ?? "undefined"

/**
 * Reads the user, `enteredByUserId` and rows of a record for `form`; the reason as text when it is unacceptable.
 *
 * @internal
 */
export const recordBody = (
  raw: Readonly<Record<string, unknown>>,
  form: DemoData.FormDef,
  context: {
    readonly visible: ReadonlySet<number>
    readonly callerUserId: number
    /** Whether an uploaded file has this id; file values are not checked without it. */
    readonly fileExists?: (id: number) => boolean
  }
): RecordBody | string => {
  if (raw.userId === undefined) return `has no userId ({"userId": <id>})`
  const userId = importUserId(raw.userId)
  if (userId === undefined) return `userId ${shown(raw.userId)} is not {"userId": <id>}`
  if (!context.visible.has(userId)) return `user ${userId} does not exist or is not visible to this account`
  const entered = raw.enteredByUserId === undefined || raw.enteredByUserId === null || raw.enteredByUserId === ""
    ? context.callerUserId
    : asInt(raw.enteredByUserId)
  if (entered === undefined) return `enteredByUserId ${shown(raw.enteredByUserId)} is not a user id`
  const parsed = parseRows(raw.rows)
  if (parsed === undefined) return `rows are not [{"row": <n>, "pairs": [{"key": <name>, "value": <text>}]}]`
  const fields = new Set(form.fields.map((f) => f.name))
  const unknownNames = new Set<string>()
  const rows: Array<DemoData.EventRow> = []
  for (const row of parsed) {
    const pairs = row.pairs.filter((pair) => {
      if (fields.has(pair.key)) return true
      unknownNames.add(pair.key)
      return false
    })
    if (pairs.length > 0 || row.pairs.length === 0) rows.push({ row: row.row, pairs })
  }
  for (const field of form.fields) {
    if (field.required !== true) continue
    if (!rows.some((row) => row.pairs.some((p) => p.key === field.name && p.value.trim() !== ""))) {
      return `required field "${field.name}" has no value`
    }
  }
  const fileFields = new Set(form.fields.filter((f) => f.kind === "file").map((f) => f.name))
  for (const pair of rows.flatMap((row) => row.pairs)) {
    if (!fileFields.has(pair.key) || pair.value.trim() === "" || context.fileExists === undefined) continue
    const reference = fileReference(pair.value)
    if (reference === undefined) {
      return `file field "${pair.key}" value ${shown(pair.value)} is not "<fileId>|<serverFileName>"`
    }
    if (!context.fileExists(reference.id)) {
      return `file field "${pair.key}" references file ${reference.id}, which was never uploaded`
    }
  }
  return { userId, enteredByUserId: entered, rows, unknownNames: Array.from(unknownNames) }
}

/** `" The following names [A, B] were sent in the message but do not exist in the form"` (§7.2), or `""`. @internal */
export const unknownNamesNote = (names: ReadonlyArray<string>): string =>
  names.length === 0
    ? ""
    : ` The following names [${names.join(", ")}] were sent in the message but do not exist in the form`
