/**
 * File uploads (§2.12). `POST /x/fileupload` at the server root (no site, no `/api`) takes `multipart/form-data`
 * with `session-token` (the login's `user.skypeName`, which names a live session), `filename`, `processorkey`
 * (`document-key` | `avatar-key`) and the file part `filedata`; it stores the file and answers 200 with a small
 * text/html page (a wrong or missing token is the 401 page, a malformed form the 400 page). Then v2
 * `fileupload/getUploadStatus` answers the session's last upload:
 * `{"uploadStatus": {"error": false, "message": "Upload successful"}, "data": [{"value": {"id", "name"}}]}`, or
 * `{"uploadStatus": {"error": true, "message": "No upload"}, "data": []}`.
 *
 * @since 0.1.0
 * @internal
 */
import * as Effect from "effect/Effect"
import * as RequestLog from "../RequestLog.js"
import { serverFileName } from "./fileStore.js"
import type { Reply, Route } from "./http.js"
import { badRequest, html, unauthorized, v2Json } from "./http.js"
import type { Part } from "./multipart.js"
import { parseMultipart } from "./multipart.js"
import type { SimulatorState } from "./state.js"
import { v2Handler } from "./v2.js"

/** What `/x/fileupload` answers once the file is stored. @internal */
export const uploadedPage =
  "<html><body><script type=\"text/javascript\">window.parent.postMessage(\"upload-complete\", \"*\");</script>" +
  "</body></html>"

const processorKeys = new Set(["document-key", "avatar-key"])

const textField = (parts: ReadonlyArray<Part>, name: string): string | undefined => {
  const part = parts.find((p) => p.name === name && p.filename === undefined)
  return part === undefined ? undefined : part.data.toString("utf8").trim()
}

/** The log keeps the field names and file sizes, never the token nor the file's bytes. */
const logUpload = (headers: Readonly<Record<string, string>>, body: Uint8Array): unknown => {
  const parts = parseMultipart(headers["content-type"], body)
  if (parts === undefined) return body.length === 0 ? undefined : `<${body.length} bytes, not multipart/form-data>`
  const out: Record<string, string> = {}
  for (const part of parts) {
    out[part.name] = part.name === "session-token"
      ? RequestLog.redacted
      : part.filename !== undefined
      ? `<file "${part.filename}", ${part.data.length} bytes>`
      : part.data.toString("utf8")
  }
  return out
}

const upload = (state: SimulatorState): Route => ({
  version: "x",
  method: "POST",
  path: "fileupload",
  logBody: logUpload,
  handle: (request) =>
    Effect.sync((): Reply => {
      const parts = parseMultipart(request.headers["content-type"], request.bodyBytes)
      const token = parts === undefined ? undefined : textField(parts, "session-token")
      const session = token === undefined || token === "" ? undefined : state.sessionByUploadToken(token, request.now)
      if (session === undefined) return unauthorized
      if (parts === undefined) return badRequest
      const file = parts.find((p) => p.name === "filedata")
      const processorKey = textField(parts, "processorkey")
      const originalName = textField(parts, "filename") ?? file?.filename
      if (file === undefined || processorKey === undefined || !processorKeys.has(processorKey)) return badRequest
      if (originalName === undefined || originalName === "") return badRequest
      const stored = state.files.add({
        name: serverFileName(originalName, request.now),
        originalName,
        processorKey,
        size: file.data.length,
        contentType: file.contentType,
        data: Uint8Array.from(file.data)
      })
      session.lastUpload = stored.id
      return { ...html(200, uploadedPage), account: session.account.username }
    })
})

const uploadStatus = (state: SimulatorState): Route => ({
  version: "v2",
  method: "POST",
  path: "fileupload/getUploadStatus",
  handle: v2Handler(state, (_body, { token }) => {
    const last = state.sessions.get(token)?.lastUpload
    const file = last === undefined ? undefined : state.files.get(last)
    if (file === undefined) return v2Json({ uploadStatus: { error: true, message: "No upload" }, data: [] })
    return v2Json({
      uploadStatus: { error: false, message: "Upload successful" },
      data: [{ value: { id: file.id, name: file.name } }]
    })
  })
})

/** The file routes: the root upload servlet and its v2 status. @internal */
export const routes = (state: SimulatorState): ReadonlyArray<Route> => [upload(state), uploadStatus(state)]
