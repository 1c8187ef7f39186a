/**
 * The Smartabase API v2 client: persons (get, create, change), deleting many events at once, and file uploads.
 *
 * v2 answers HTTP 200 for success and failure alike; a failure carries `"__is_rpc_exception__": true` and becomes
 * `V2RpcException`. Every method's error type lists exactly what it can fail with.
 *
 * @since 0.1.0
 */
import * as AmsError from "@ams-effect/core/AmsError"
import * as AmsHttp from "@ams-effect/core/AmsHttp"
import * as AmsRequest from "@ams-effect/core/AmsRequest"
import * as AmsResponse from "@ams-effect/core/AmsResponse"
import * as Session from "@ams-effect/core/Session"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Answer from "./internal/answer.js"
import * as Persons from "./internal/persons.js"
import type { NewPerson, Person, PersonChanges } from "./Person.js"
import type { PersonFilter } from "./PersonFilter.js"
import type { V2RpcException } from "./V2Error.js"
import { PersonNotFound, V2UploadFailed } from "./V2Error.js"

/**
 * One page of `getPersons`: the persons on it and how many match in all.
 *
 * @since 0.1.0
 * @category models
 */
export interface PersonPage {
  readonly persons: ReadonlyArray<Person>
  readonly totalCount: number
}

/**
 * A stored file. `value` (`"<id>|<name>"`) is what a file field of an event import takes.
 *
 * @since 0.1.0
 * @category models
 */
export interface UploadedFile {
  readonly id: number
  readonly name: string
  readonly value: string
}

/**
 * A file to upload: documents go to file fields, avatars to a person's `avatarId`.
 *
 * @since 0.1.0
 * @category models
 */
export interface FileUpload {
  readonly fileName: string
  readonly data: Uint8Array
  readonly contentType?: string | undefined
  readonly kind?: "document" | "avatar" | undefined
}

/**
 * The v2 operations; each one's error type lists exactly what it can fail with.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Persons matching the filter (`person/get`); `limit`/`offset` page through them. */
  readonly getPersons: (
    filter: PersonFilter,
    page?: { readonly limit?: number | undefined; readonly offset?: number | undefined }
  ) => Effect.Effect<PersonPage, AmsHttp.ReadError | V2RpcException>
  /** Creates a person (`person/save` with id -1) and returns it as saved. */
  readonly createPerson: (person: NewPerson) => Effect.Effect<Person, AmsHttp.WriteError | V2RpcException>
  /**
   * Changes a person: fetches the whole person, applies the changes and saves the whole object (the server
   * replaces it; nothing it holds is lost). Repeating it is harmless, so it is retried like a read.
   */
  readonly updatePerson: (
    id: number,
    changes: PersonChanges
  ) => Effect.Effect<Person, AmsHttp.ReadError | V2RpcException | PersonNotFound>
  /** Deletes events by id (`event/deleteAll`, all or nothing); an empty body is the server's success. */
  readonly deleteEvents: (eventIds: ReadonlyArray<number>) => Effect.Effect<void, AmsHttp.WriteError | V2RpcException>
  /** Uploads a file (`/x/fileupload` with the login's upload token) and returns what the server stored. */
  readonly uploadFile: (
    file: FileUpload
  ) => Effect.Effect<UploadedFile, AmsHttp.WriteError | V2RpcException | V2UploadFailed>
}

/**
 * The API v2 client of one AMS connection.
 *
 * @since 0.1.0
 * @category tags
 */
export class V2Client extends Context.Tag("@ams-effect/v2/V2Client")<V2Client, Service>() {}

const PersonAnswer = Schema.Struct({
  objects: Schema.optionalWith(
    Schema.NullOr(Schema.Array(Schema.Record({ key: Schema.String, value: Schema.Unknown }))),
    {
      default: () => []
    }
  ),
  totalCount: Schema.optional(Schema.Number)
})

const SavedPerson = Schema.Record({ key: Schema.String, value: Schema.Unknown })

const UploadStatus = Schema.Struct({
  uploadStatus: Schema.Struct({ error: Schema.Boolean, message: Schema.optional(Schema.NullOr(Schema.String)) }),
  data: Schema.optionalWith(
    Schema.NullOr(Schema.Array(Schema.Struct({ value: Schema.Struct({ id: Schema.Number, name: Schema.String }) }))),
    { default: () => [] }
  )
})

const documentExtensions = new Set([
  "pdf",
  "doc",
  "docx",
  "txt",
  "csv",
  "png",
  "jpg",
  "jpeg",
  "gif",
  "heic",
  "xls",
  "xlsx",
  "xlsm",
  "tif",
  "tiff",
  "odt",
  "zip",
  "ppt",
  "pptx",
  "eml",
  "bmp"
])
const avatarExtensions = new Set(["png", "jpg", "jpeg"])

const invalid = (endpoint: string, field: string, reason: string) =>
  Effect.fail(new AmsError.InvalidRequest({ endpoint, field, reason }))

const checkPage = (value: number | undefined, field: string) =>
  value === undefined || (Number.isSafeInteger(value) && value >= 0)
    ? Effect.succeed(value === undefined ? "-1" : String(value))
    : invalid("v2/person/get", field, `${value} is not a non-negative integer`)

/**
 * Builds the client on the connection's request pipeline and session.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, AmsHttp.AmsHttp | Session.Session> = Effect.gen(function*() {
  const http = yield* AmsHttp.AmsHttp
  const session = yield* Session.Session
  const decodePersons = Answer.decode(PersonAnswer)
  const decodeSaved = Answer.decode(SavedPerson)
  const decodeStatus = Answer.decode(UploadStatus)

  const fetchPersons = (filter: PersonFilter, limit: string, offset: string) =>
    Effect.gen(function*() {
      const wire = yield* Persons.filterToWire(filter)
      const response = yield* http.execute(AmsRequest.read("v2", "person/get", { filter: wire, limit, offset }))
      const answer = yield* decodePersons(response)
      const raws = answer.objects ?? []
      const persons = yield* Effect.forEach(raws, (raw) => Persons.decodePerson(response, raw))
      return { raws, persons, totalCount: answer.totalCount ?? persons.length }
    })

  const save = <const Idempotent extends boolean>(person: unknown, idempotent: Idempotent) =>
    Effect.gen(function*() {
      const response = yield* http.execute(
        AmsRequest.make({ api: "v2", method: "POST", path: "person/save", body: { person }, idempotent })
      )
      return yield* Persons.decodePerson(response, yield* decodeSaved(response))
    })

  const uploadFile = (file: FileUpload) =>
    Effect.gen(function*() {
      const endpoint = "x/fileupload"
      const kind = file.kind ?? "document"
      // Checked here rather than trusted to the types: a caller without them may pass anything
      if (kind !== "document" && kind !== "avatar") {
        return yield* invalid(endpoint, "kind", `${JSON.stringify(kind)} is not "document" or "avatar"`)
      }
      if (typeof file.fileName !== "string") return yield* invalid(endpoint, "fileName", "must be text")
      if (!(file.data instanceof Uint8Array)) {
        return yield* invalid(endpoint, "data", "must be the file's bytes (a Uint8Array, such as a Buffer)")
      }
      const extension = file.fileName.split(".").at(-1)?.toLowerCase() ?? ""
      const allowed = kind === "avatar" ? avatarExtensions : documentExtensions
      if (file.fileName.trim() === "" || !file.fileName.includes(".") || !allowed.has(extension)) {
        return yield* invalid(
          endpoint,
          "fileName",
          `${JSON.stringify(file.fileName)} is not a ${kind} the server accepts (${[...allowed].join(", ")})`
        )
      }
      if (Option.isNone((yield* session.current).info.uploadToken)) {
        return yield* new V2UploadFailed({ fileName: file.fileName, serverMessage: "the login gave no upload token" })
      }
      const upload = AmsRequest.make({
        api: "v2",
        method: "POST",
        path: endpoint,
        location: "server",
        idempotent: false,
        // The upload token changes with every login: after a re-login the form is built again.
        bodyForSession: (current) => {
          const form = new FormData()
          form.append(
            "session-token",
            Option.match(current.info.uploadToken, { onNone: () => "", onSome: Redacted.value })
          )
          form.append("filename", file.fileName)
          form.append("processorkey", kind === "avatar" ? "avatar-key" : "document-key")
          form.append(
            "filedata",
            new Blob([Uint8Array.from(file.data)], { type: file.contentType ?? "application/octet-stream" }),
            file.fileName
          )
          return form
        }
      })
      yield* http.execute(upload, (response) => AmsResponse.expectStatus(response, 200))
      const status = yield* http.execute(AmsRequest.read("v2", "fileupload/getUploadStatus", {}), decodeStatus)
      const stored = status.data?.[0]?.value
      if (status.uploadStatus.error || stored === undefined) {
        return yield* new V2UploadFailed({
          fileName: file.fileName,
          serverMessage: status.uploadStatus.message ?? "the server reported no stored file"
        })
      }
      return { id: stored.id, name: stored.name, value: `${stored.id}|${stored.name}` }
    })

  return {
    getPersons: (filter, page = {}) =>
      Effect.gen(function*() {
        const limit = yield* checkPage(page.limit, "limit")
        const offset = yield* checkPage(page.offset, "offset")
        const { persons, totalCount } = yield* fetchPersons(filter, limit, offset)
        return { persons, totalCount }
      }),
    createPerson: (person) =>
      Effect.flatMap(Effect.suspend(() => Persons.newPersonToWire(person)), (wire) => save(wire, false)),
    updatePerson: (id, changes) =>
      Effect.gen(function*() {
        if (!Number.isSafeInteger(id) || id <= 0) {
          return yield* invalid("v2/person/save", "id", `${id} is not a positive integer id`)
        }
        const { raws } = yield* fetchPersons({ _tag: "Ids", ids: [id] }, "-1", "-1")
        const raw = raws.find((candidate) => Number(candidate["id"]) === id)
        if (raw === undefined) return yield* new PersonNotFound({ id })
        return yield* Effect.flatMap(Persons.applyChanges(raw, changes), (wire) => save(wire, true))
      }),
    deleteEvents: (eventIds) =>
      Effect.gen(function*() {
        const endpoint = "v2/event/deleteAll"
        if (eventIds.length === 0) return yield* invalid(endpoint, "eventIds", "must name at least one event")
        for (const [i, id] of eventIds.entries()) {
          if (!Number.isSafeInteger(id) || id <= 0) {
            return yield* invalid(endpoint, `eventIds[${i}]`, `${id} is not a positive integer id`)
          }
        }
        const response = yield* http.execute(
          AmsRequest.write("v2", "event/deleteAll", { eventIds: eventIds.map(String) })
        )
        yield* Answer.expectEmpty(response)
      }),
    uploadFile
  }
})

/**
 * The client, given `AmsHttp` and `Session` (for instance from `AmsHttp.layerWithSession`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<V2Client, never, AmsHttp.AmsHttp | Session.Session> = Layer.effect(V2Client, make)
