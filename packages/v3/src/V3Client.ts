/**
 * The Smartabase API v3 client: form summaries and definitions, the athletes of a group, a typed `get`/`post` for
 * the v3 endpoints not modelled here, and `validateImport`, which checks v1 import events against their form
 * definitions before anything is sent.
 *
 * v3 is plain REST: meaningful statuses and an error body `{status, href, errors[]}` that maps to `V3ItemNotFound`,
 * `V3RequiredFieldMissing`, `V3ValueNotParsable` or `V3ApiError` (see `V3Error`). 401 and 403 come without a
 * JSON body and are handled by the core pipeline (one fresh login, then `AuthenticationFailed` / `AccessDenied`).
 * Every method's error type lists exactly what it can fail with, so `Effect.catchTags` over it is checked by the
 * compiler.
 *
 * @since 0.1.0
 */
import * as AmsHttp from "@ams-effect/core/AmsHttp"
import * as AmsRequest from "@ams-effect/core/AmsRequest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Struct from "effect/Struct"
import { Athlete } from "./Athlete.js"
import * as Form from "./Form.js"
import * as Answer from "./internal/answer.js"
import * as Check from "./internal/check.js"
import * as Validate from "./internal/validate.js"
import type {
  ImportProblem,
  V3ApiError,
  V3ItemNotFound,
  V3RequiredFieldMissing,
  V3ValueNotParsable
} from "./V3Error.js"
import { V3FormUnknown, V3ImportInvalid } from "./V3Error.js"

/**
 * What every v3 read can fail with: the core read errors, and `V3ApiError` for an error body the endpoint gives
 * no meaning to.
 *
 * @since 0.1.0
 * @category errors
 */
export type ReadError = AmsHttp.ReadError | V3ApiError

/**
 * What a read of one item by id (`form`, `groupAthletes`) can fail with.
 *
 * @since 0.1.0
 * @category errors
 */
export type ItemError = ReadError | V3ItemNotFound

/**
 * What the generic `get` can fail with: any v3 error.
 *
 * @since 0.1.0
 * @category errors
 */
export type GetError = ReadError | V3ItemNotFound | V3RequiredFieldMissing | V3ValueNotParsable

/**
 * What the generic `post` can fail with: any v3 error, and `OutcomeUnknown` unless the call is idempotent.
 *
 * @since 0.1.0
 * @category errors
 */
export type PostError<Idempotent extends boolean = false> =
  | AmsHttp.ErrorFor<Idempotent>
  | V3ApiError
  | V3ItemNotFound
  | V3RequiredFieldMissing
  | V3ValueNotParsable

/**
 * What `validateImport` can fail with.
 *
 * @example
 * ```ts
 * import type { Event } from "@ams-effect/v1"
 * import { V1Client } from "@ams-effect/v1"
 * import { V3Client } from "@ams-effect/v3"
 * import { Console, Effect } from "effect"
 *
 * const events: ReadonlyArray<Event.EventInput> = [
 *   { formName: "Wellness", userId: 12, start: new Date(2025, 0, 6, 7, 30), values: { Sleep: 7, Sorenes: 3 } }
 * ]
 *
 * // v1 would silently drop the misspelt "Sorenes"; the form definition catches it before anything is sent
 * const program = Effect.gen(function*() {
 *   const v3 = yield* V3Client.V3Client
 *   const v1 = yield* V1Client.V1Client
 *   const checked = yield* v3.validateImport(events)
 *   return yield* v1.importEvents(checked)
 * }).pipe(
 *   Effect.catchTags({
 *     // e.g. event 0 ("Wellness"): unknown field(s) "Sorenes" (did you mean "Soreness"?)
 *     V3ImportInvalid: (error) => Console.log(error.message),
 *     V3FormUnknown: (error) => Console.log(`no form ${error.formName}; did you mean ${error.similar.join(" or ")}?`)
 *   })
 * )
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export type ValidateImportError = ItemError | V3FormUnknown | V3ImportInvalid

/**
 * The part of an import event `validateImport` reads. Structural, so that `@ams-effect/v1`'s `EventInput` (and
 * `ProfileInput`) fit it without this package depending on v1.
 *
 * @since 0.1.0
 * @category models
 */
export interface ImportCandidate {
  readonly formName: string
  readonly values?: Readonly<Record<string, unknown>> | undefined
  readonly table?: ReadonlyArray<Readonly<Record<string, unknown>>> | undefined
}

/**
 * Options of the generic `get`: extra query parameters.
 *
 * @since 0.1.0
 * @category models
 */
export interface GetOptions {
  /** Query parameters, e.g. `{ version: "v1" }`. */
  readonly urlParams?: Readonly<Record<string, string>> | undefined
}

/**
 * Options of the generic `post`: extra query parameters, and whether the call may be repeated.
 *
 * @since 0.1.0
 * @category models
 */
export interface PostOptions<Idempotent extends boolean = false> extends GetOptions {
  /**
   * Whether sending the request twice is harmless. Default `false`: the request is never repeated once it may
   * have reached the server, and a lost answer is `OutcomeUnknown`. With `true` it is retried like a read.
   */
  readonly idempotent?: Idempotent | undefined
}

/**
 * The v3 operations; each one's error type lists exactly what it can fail with.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Every form the account can read, by type (`GET forms/summaries`). */
  readonly formSummaries: Effect.Effect<Form.FormSummaries, ReadError>
  /** A form's field tree (`GET forms/{type}/{id}`); `type` and `id` come from its `FormSummary`. */
  readonly form: (type: string, id: number) => Effect.Effect<Form.FormDefinition, ItemError>
  /** The athletes of the group with this id (`GET group-athletes/{id}`). */
  readonly groupAthletes: (groupId: number) => Effect.Effect<ReadonlyArray<Athlete>, ItemError>
  /** `GET {path}` below `/api/v3/`, its answer decoded with `schema`. */
  readonly get: <A, I>(
    path: string,
    schema: Schema.Schema<A, I>,
    options?: GetOptions
  ) => Effect.Effect<A, GetError>
  /** `POST {path}` below `/api/v3/` with a JSON body, its answer (any 2xx) decoded with `schema`. */
  readonly post: <A, I, const Idempotent extends boolean = false>(
    path: string,
    body: unknown,
    schema: Schema.Schema<A, I>,
    options?: PostOptions<Idempotent>
  ) => Effect.Effect<A, PostError<Idempotent>>
  /**
   * Checks import events against their forms' definitions (summaries → the form of that exact name → its
   * definition, each fetched once per call): unknown field names, with the name probably meant, and required
   * fields without a value. Succeeds with the events unchanged, so it can precede `V1Client.importEvents`.
   */
  readonly validateImport: <E extends ImportCandidate>(
    events: ReadonlyArray<E>
  ) => Effect.Effect<ReadonlyArray<E>, ValidateImportError>
}

/**
 * The API v3 client of one AMS connection.
 *
 * @since 0.1.0
 * @category tags
 */
export class V3Client extends Context.Tag("@ams-effect/v3/V3Client")<V3Client, Service>() {}

const SummariesWire = Schema.Record({
  key: Schema.String,
  value: Schema.NullOr(Schema.Array(Schema.Struct(Struct.omit(Form.FormSummary.fields, "type"))))
})

const toSummaries = (wire: typeof SummariesWire.Type): Form.FormSummaries =>
  new Form.FormSummaries({
    byType: Object.fromEntries(
      Object.entries(wire).map(([type, forms]) => [
        type,
        (forms ?? []).map((form) => new Form.FormSummary({ ...form, type }))
      ])
    )
  })

const allKinds = ["ItemNotFound", "RequiredFieldMissing", "ValueNotParsable"] as const

/**
 * Builds the client on the connection's request pipeline.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, AmsHttp.AmsHttp> = Effect.gen(function*() {
  const http = yield* AmsHttp.AmsHttp

  const formSummaries = http.execute(
    AmsRequest.get("v3", "forms/summaries"),
    Answer.decode(SummariesWire, { expected: [], item: "the form summaries" })
  ).pipe(Effect.map(toSummaries))

  const form = (type: string, id: number) =>
    Effect.gen(function*() {
      const endpoint = "v3/forms"
      const checkedType = yield* Check.formType(type, endpoint)
      const checkedId = yield* Check.id(id, endpoint, "id")
      const response = yield* http.execute(
        AmsRequest.get("v3", `forms/${encodeURIComponent(checkedType)}/${checkedId}`)
      )
      return yield* Answer.decode(Form.FormDefinition, {
        expected: ["ItemNotFound"],
        item: `${checkedType} form ${checkedId}`
      })(response)
    })

  const groupAthletes = (groupId: number) =>
    Effect.gen(function*() {
      const id = yield* Check.id(groupId, "v3/group-athletes", "groupId")
      const response = yield* http.execute(AmsRequest.get("v3", `group-athletes/${id}`))
      return yield* Answer.decode(Schema.Array(Athlete), { expected: ["ItemNotFound"], item: `group ${id}` })(response)
    })

  const get = <A, I>(path: string, schema: Schema.Schema<A, I>, options: GetOptions = {}) =>
    Effect.gen(function*() {
      const checked = yield* Check.path(path)
      const urlParams = yield* Check.urlParams(options.urlParams, `v3/${checked}`)
      const response = yield* http.execute(AmsRequest.get("v3", checked, urlParams))
      return yield* Answer.decode(schema, { expected: allKinds, item: `the item at v3/${checked}` })(response)
    })

  const post = <A, I, const Idempotent extends boolean = false>(
    path: string,
    body: unknown,
    schema: Schema.Schema<A, I>,
    options: PostOptions<Idempotent> = {}
  ): Effect.Effect<A, PostError<Idempotent>> =>
    Effect.gen(function*() {
      const checked = yield* Check.path(path)
      const urlParams = yield* Check.urlParams(options.urlParams, `v3/${checked}`)
      // Without the option, `Idempotent` is its default `false`: the value and the type agree.
      const idempotent = (options.idempotent ?? false) as Idempotent
      const response = yield* http.execute(
        AmsRequest.make({ api: "v3", method: "POST", path: checked, body, urlParams, idempotent })
      )
      return yield* Answer.decode(schema, { expected: allKinds, item: `the item at v3/${checked}` })(response)
    })

  const validateImport = <E extends ImportCandidate>(events: ReadonlyArray<E>) =>
    Effect.gen(function*() {
      yield* Validate.checkCandidates(events)
      yield* Effect.annotateCurrentSpan("ams.events", events.length)
      if (events.length === 0) return events
      const summaries = yield* formSummaries
      const indexesByForm = new Map<string, Array<number>>()
      events.forEach((event, index) => {
        const indexes = indexesByForm.get(event.formName)
        if (indexes === undefined) indexesByForm.set(event.formName, [index])
        else indexes.push(index)
      })
      const found = new Map<string, Form.FormSummary>()
      for (const [formName, indexes] of indexesByForm) {
        const summary = Form.findForm(summaries, formName)
        if (Option.isNone(summary)) {
          return yield* new V3FormUnknown({ formName, similar: Form.similarFormNames(summaries, formName), indexes })
        }
        found.set(formName, summary.value)
      }
      const definitions = new Map<string, Form.FormDefinition>()
      for (const [formName, summary] of found) definitions.set(formName, yield* form(summary.type, summary.id))
      const problems: Array<ImportProblem> = []
      events.forEach((event, index) => {
        const definition = definitions.get(event.formName)
        const problem = definition === undefined ? undefined : Validate.check(event, index, definition)
        if (problem !== undefined) problems.push(problem)
      })
      if (problems.length > 0) return yield* new V3ImportInvalid({ problems })
      return events
    }).pipe(Effect.withSpan("V3Client.validateImport"))

  return { formSummaries, form, groupAthletes, get, post, validateImport }
})

/**
 * The client, given `AmsHttp` (for instance from `AmsHttp.layerWithSession`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<V3Client, never, AmsHttp.AmsHttp> = Layer.effect(V3Client, make)
