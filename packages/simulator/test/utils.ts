/** Helpers for the simulator tests: real HTTP calls over undici to a simulator started per test. */
import { HttpClient, HttpClientRequest } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { Duration, Effect, Layer } from "effect"
import { DemoData, Simulator } from "../src/index.js"

export const TestLayer = (options?: Simulator.Options) =>
  Layer.merge(Simulator.layer(options), NodeHttpClient.layerUndici)

export interface Answer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly text: string
}

export interface CallOptions {
  readonly body?: string | unknown
  readonly headers?: Record<string, string>
  readonly basic?: { readonly username: string; readonly password: string }
  readonly session?: string
  readonly method?: "GET" | "POST"
  readonly query?: boolean
}

/** `path` is relative to the site's `/api/` (e.g. `"v1/listgroups"`), or to the server when it starts with `/`. */
export const call = (path: string, options: CallOptions = {}) =>
  Effect.gen(function*() {
    const sim = yield* Simulator.Simulator
    const client = yield* HttpClient.HttpClient
    const base = path.startsWith("/") ? `${sim.url}${path}` : `${sim.siteUrl}/api/${path}`
    const url = `${base}${options.query === false ? "" : "?informat=json&format=json"}`
    let request = options.method === "GET" ? HttpClientRequest.get(url) : HttpClientRequest.post(url)
    if (options.body !== undefined) {
      request = typeof options.body === "string"
        ? HttpClientRequest.bodyText(request, options.body, "application/json")
        : HttpClientRequest.bodyUnsafeJson(request, options.body)
    }
    if (options.basic !== undefined) {
      request = HttpClientRequest.basicAuth(request, options.basic.username, options.basic.password)
    }
    if (options.session !== undefined) {
      request = HttpClientRequest.setHeaders(request, {
        "session-header": options.session,
        cookie: `JSESSIONID=${options.session}`
      })
    }
    if (options.headers !== undefined) request = HttpClientRequest.setHeaders(request, options.headers)
    const response = yield* client.execute(request)
    const text = yield* response.text
    return { status: response.status, headers: response.headers, text } satisfies Answer
  }).pipe(Effect.scoped)

export const coachBasic = DemoData.coach
export const analystBasic = DemoData.analyst

export const loginBody = (
  credentials: { readonly username: string; readonly password: string } = DemoData.coach,
  appName = "demo"
) => ({ ...credentials, loginProperties: { appName, clientTime: "2025-05-16T10:00:00" } })

/** Logs in and returns the session token. */
export const login = (credentials: { readonly username: string; readonly password: string } = DemoData.coach) =>
  Effect.gen(function*() {
    const answer = yield* call("v2/user/loginUser", { body: loginBody(credentials), basic: credentials })
    const token = answer.headers["session-header"]
    if (answer.status !== 200 || token === undefined) return yield* Effect.dieMessage(`login failed: ${answer.text}`)
    return token
  })

/** Waits (in real time, a few ms at a time) until `check` holds; dies after about 5 seconds. */
export const waitUntil = <E, R>(check: Effect.Effect<boolean, E, R>, what = "condition") =>
  Effect.gen(function*() {
    for (let i = 0; i < 1000; i++) {
      if (yield* check) return
      yield* Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, 5)))
    }
    return yield* Effect.dieMessage(`timed out waiting for ${what}`)
  })

export const parse = (answer: Answer): unknown => JSON.parse(answer.text)

export const seconds = (n: number) => Duration.seconds(n)

/** POSTs a v1 JSON body with Basic credentials (the coach's by default). */
export const v1 = (
  path: string,
  body: unknown,
  credentials: { readonly username: string; readonly password: string } = DemoData.coach
) => call(`v1/${path}`, { basic: credentials, body })

/** POSTs a v1 body and parses the JSON answer (dies unless the status is 200). */
export const v1Parsed = <A = Record<string, unknown>>(
  path: string,
  body: unknown,
  credentials: { readonly username: string; readonly password: string } = DemoData.coach
) =>
  Effect.flatMap(v1(path, body, credentials), (answer) =>
    answer.status === 200
      ? Effect.succeed(JSON.parse(answer.text) as A)
      : Effect.dieMessage(`${path} answered ${answer.status}: ${answer.text}`))

/** An exported event (§4.3) as the tests read it. */
export interface WireEvent {
  readonly id: number
  readonly formName: string
  readonly startDate: string
  readonly finishDate: string
  readonly startTime: string
  readonly finishTime: string
  readonly userId: number
  readonly enteredByUserId: number
  readonly rows: ReadonlyArray<{ readonly row: number; readonly pairs: ReadonlyArray<{ key: string; value: string }> }>
}

/** The value of a field in the first row that has it. */
export const valueOf = (event: Pick<WireEvent, "rows">, key: string): string | undefined =>
  event.rows.flatMap((row) => row.pairs).find((pair) => pair.key === key)?.value

export const forbiddenPage = "<html><body><h1>HTTP Status 403 – Forbidden</h1></body></html>"

export const unauthorizedPage = "<html><body><h1>HTTP Status 401 – Unauthorized</h1></body></html>"

/** Logs in and returns the session token and the login's `user.skypeName` (the upload token). */
export const loginWithUploadToken = (
  credentials: { readonly username: string; readonly password: string } = DemoData.coach
) =>
  Effect.gen(function*() {
    const answer = yield* call("v2/user/loginUser", { body: loginBody(credentials), basic: credentials })
    const token = answer.headers["session-header"]
    if (answer.status !== 200 || token === undefined) return yield* Effect.dieMessage(`login failed: ${answer.text}`)
    const body = JSON.parse(answer.text) as { user: { skypeName: string } }
    return { token, uploadToken: body.user.skypeName }
  })

/** POSTs a v2 JSON body with the session (and, as PY does, Basic credentials too). */
export const v2 = (path: string, body: unknown, session: string, basic?: typeof DemoData.coach) =>
  call(`v2/${path}`, { body, session, ...(basic === undefined ? {} : { basic }) })

/** An RPC exception body (§3.2), as the simulator writes it. */
export const rpcText = (type: string, detailMessage: string) =>
  JSON.stringify({ "__is_rpc_exception__": true, type, value: { detailMessage, cause: null } })

/** GETs a v3 path with the session headers (no query string, as PY sends v3 GETs). */
export const v3Get = (path: string, session?: string) =>
  call(`v3/${path}`, { method: "GET", query: false, ...(session === undefined ? {} : { session }) })

/** A `multipart/form-data` body as PY's `requests` writes it: text fields, then the file part. */
export const multipartBody = (
  boundary: string,
  fields: ReadonlyArray<readonly [string, string]>,
  file?: { readonly name: string; readonly filename: string; readonly contentType: string; readonly content: string }
): Uint8Array => {
  let text = ""
  for (const [name, value] of fields) {
    text += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
  }
  if (file !== undefined) {
    text += `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\n`
    text += `Content-Type: ${file.contentType}\r\n\r\n${file.content}\r\n`
  }
  return new TextEncoder().encode(`${text}--${boundary}--\r\n`)
}

/** POSTs a multipart form to `/x/fileupload` at the server root. */
export const uploadFile = (fields: {
  readonly token?: string
  readonly filename?: string
  readonly processorKey?: string
  readonly content?: string
  readonly contentType?: string
}) =>
  Effect.gen(function*() {
    const sim = yield* Simulator.Simulator
    const client = yield* HttpClient.HttpClient
    const boundary = "----ams-effect-test-boundary"
    const textFields: Array<readonly [string, string]> = []
    if (fields.token !== undefined) textFields.push(["session-token", fields.token])
    if (fields.filename !== undefined) textFields.push(["filename", fields.filename])
    if (fields.processorKey !== undefined) textFields.push(["processorkey", fields.processorKey])
    const body = multipartBody(
      boundary,
      textFields,
      fields.content === undefined ? undefined : {
        name: "filedata",
        filename: fields.filename ?? "file.bin",
        contentType: fields.contentType ?? "application/pdf",
        content: fields.content
      }
    )
    const request = HttpClientRequest.post(`${sim.url}/x/fileupload`).pipe(
      HttpClientRequest.bodyUint8Array(body, `multipart/form-data; boundary=${boundary}`)
    )
    const response = yield* client.execute(request)
    const text = yield* response.text
    return { status: response.status, headers: response.headers, text } satisfies Answer
  }).pipe(Effect.scoped)
