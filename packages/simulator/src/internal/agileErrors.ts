/**
 * The answers of the AgileAssets REST API v1 (spec `agileassets.md` §3, §5, §8): JSON with
 * `Content-Type: application/json` on success, `{"status": "<code as a string>", "message"}` for errors raised once
 * the API code runs (the call is then rolled back), and non-JSON pages for what fails before it runs (unknown path,
 * 415, unparsable JSON, missing key columns) and for authentication (401 text/plain).
 *
 * @since 0.1.0
 * @internal
 */
import type { Reply } from "./http.js"
import { html, statusPage } from "./http.js"

/** @internal */
export const agileContentType = "application/json"

/** A JSON answer (200 unless told). @internal */
export const agileJson = (value: unknown, status = 200): Reply => ({
  status,
  headers: { "content-type": agileContentType },
  body: JSON.stringify(value)
})

/** An error raised once the API code ran: `{"status": "404", "message": "…"}`. @internal */
export const agileError = (status: number, message: string): Reply =>
  agileJson({ status: String(status), message }, status)

/** PUT and DELETE success: 204 with no body. @internal */
export const noContent: Reply = { status: 204, headers: {}, body: "" }

const escapeHtml = (text: string): string =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll("\"", "&quot;")

/**
 * A failure before the API code runs, as the servlet container writes it: the text/html status page, with the
 * reason in a paragraph (`<html><body><h1>HTTP Status 415 – Unsupported Media Type</h1><p>…</p></body></html>`).
 *
 * @internal
 */
export const prePage = (status: number, detail: string): Reply =>
  html(status, statusPage(status).replace("</h1>", `</h1><p>${escapeHtml(detail)}</p>`))

/** 401 for a missing or wrong credential: text/plain, with the challenge of the configured scheme. @internal */
export const unauthorized = (scheme: "Basic" | "Bearer"): Reply => ({
  status: 401,
  headers: { "content-type": "text/plain;charset=utf-8", "www-authenticate": `${scheme} realm="AMS"` },
  body: "Unauthorized"
})

/** Whether a reply is a JSON error (those are what the server writes to its `api.log`). @internal */
export const isJsonError = (reply: Reply): boolean =>
  reply.status >= 400 && reply.headers["content-type"] === agileContentType
