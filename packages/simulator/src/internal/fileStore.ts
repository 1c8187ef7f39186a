/**
 * Uploaded files (§2.12). `/x/fileupload` stores a file under a new id and a server name with an epoch-ms suffix
 * (`doc1.pdf` → `doc1_1747654002120.pdf`); an import's file field value `"<fileId>|<serverFileName>"` must name a
 * stored file, or one the seed data's records already reference (the demo's injury scan, 94196). New ids follow
 * the highest referenced one (94197 with the demo data).
 *
 * @since 0.1.0
 * @internal
 */
import type * as DemoData from "../DemoData.js"

/** A stored upload. @internal */
export interface FileRecord {
  readonly id: number
  /** The server's name: `<name>_<epochms>.<ext>`. */
  readonly name: string
  /** The `filename` the client sent. */
  readonly originalName: string
  /** `document-key` or `avatar-key`. */
  readonly processorKey: string
  readonly size: number
  readonly contentType: string | undefined
  readonly data: Uint8Array
}

/** The lowest id an upload gets. @internal */
export const firstFileId = 94197

/** `"<fileId>|<name>"` read; `undefined` when the value is not one. @internal */
export const fileReference = (value: string): { readonly id: number; readonly name: string } | undefined => {
  const match = /^\s*(\d+)\|(.+)$/.exec(value)
  if (match === null) return undefined
  const id = Number(match[1])
  return Number.isSafeInteger(id) ? { id, name: match[2] ?? "" } : undefined
}

/** `doc1.pdf` uploaded at `millis` → `doc1_<millis>.pdf`. @internal */
export const serverFileName = (original: string, millis: number): string => {
  const dot = original.lastIndexOf(".")
  return dot > 0 ? `${original.slice(0, dot)}_${millis}${original.slice(dot)}` : `${original}_${millis}`
}

/** @internal */
export class FileStore {
  readonly files: Array<FileRecord> = []
  private readonly seededIds = new Set<number>()
  private nextId = firstFileId

  constructor(data: DemoData.SeedData) {
    const fileFields = new Map<string, ReadonlySet<string>>()
    for (const form of data.forms ?? []) {
      fileFields.set(form.name, new Set(form.fields.filter((f) => f.kind === "file").map((f) => f.name)))
    }
    for (const record of [...data.events ?? [], ...data.profiles ?? []]) {
      const fields = fileFields.get(record.formName)
      if (fields === undefined || fields.size === 0) continue
      for (const pair of record.rows.flatMap((row) => row.pairs)) {
        const reference = fields.has(pair.key) ? fileReference(pair.value) : undefined
        if (reference !== undefined) this.seededIds.add(reference.id)
      }
    }
    for (const id of this.seededIds) this.nextId = Math.max(this.nextId, id + 1)
  }

  add(file: Omit<FileRecord, "id">): FileRecord {
    const stored: FileRecord = { ...file, id: this.nextId }
    this.nextId += 1
    this.files.push(stored)
    return stored
  }

  get(id: number): FileRecord | undefined {
    return this.files.find((f) => f.id === id)
  }

  /** Whether an import may reference this file id. */
  exists(id: number): boolean {
    return this.seededIds.has(id) || this.get(id) !== undefined
  }
}
