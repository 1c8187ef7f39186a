import { HttpClient, HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { DemoData, Simulator } from "../src/index.js"
import { parseMultipart } from "../src/internal/multipart.js"
import { loginWithUploadToken, parse, rpcText, TestLayer, unauthorizedPage, uploadFile, v1Parsed, v2 } from "./utils.js"

const uploadedPage =
  "<html><body><script type=\"text/javascript\">window.parent.postMessage(\"upload-complete\", \"*\");</script>" +
  "</body></html>"

const uploadedAt = 1747654002120

/** The demo data, with `api.coach` allowed to write "Injury Report" (the demo form with a file field). */
const withWritableInjuries = (): DemoData.SeedData => {
  const data = DemoData.make()
  return {
    ...data,
    accounts: data.accounts.map((a) =>
      a.username === DemoData.coach.username
        ? { ...a, formAccess: { ...a.formAccess, "Injury Report": "write" as const } }
        : a
    )
  }
}

interface ImportAnswer {
  readonly result: { readonly state: string; readonly message?: string }
  readonly eventImportResultForForm: ReadonlyArray<{ readonly eventImportResults: { readonly ids: Array<number> } }>
}

const injury = (attachment: string) => ({
  formName: "Injury Report",
  startDate: "20/05/2025",
  startTime: "9:00 AM",
  userId: { userId: 20001 },
  rows: [{ row: 0, pairs: [{ key: "Body Part", value: "Knee" }, { key: "Attachment", value: attachment }] }]
})

describe("file upload (/x/fileupload and v2 fileupload/getUploadStatus)", () => {
  it.effect("stores the file under the login's skypeName token; the status names it with an epoch-ms suffix", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* TestClock.setTime(uploadedAt)
      const { token, uploadToken } = yield* loginWithUploadToken()
      const none = yield* v2("fileupload/getUploadStatus", {}, token)
      expect(none.status).toBe(200)
      expect(none.headers["content-type"]).toBe("application/json;charset=utf-8")
      expect(none.text).toBe(JSON.stringify({ uploadStatus: { error: true, message: "No upload" }, data: [] }))
      const answer = yield* uploadFile({
        token: uploadToken,
        filename: "doc1.pdf",
        processorKey: "document-key",
        content: "%PDF-1.4 hello"
      })
      expect(answer.status).toBe(200)
      expect(answer.headers["content-type"]).toBe("text/html;charset=utf-8")
      expect(answer.text).toBe(uploadedPage)
      const status = yield* v2("fileupload/getUploadStatus", {}, token)
      expect(status.text).toBe(JSON.stringify({
        uploadStatus: { error: false, message: "Upload successful" },
        data: [{ value: { id: 94197, name: "doc1_1747654002120.pdf" } }]
      }))
      expect(yield* sim.files).toEqual([
        { id: 94197, name: "doc1_1747654002120.pdf", originalName: "doc1.pdf", processorKey: "document-key", size: 14 }
      ])
      // the next upload of the session replaces what the status reports; other sessions have none
      yield* TestClock.adjust("1 second")
      yield* uploadFile({ token: uploadToken, filename: "face", processorKey: "avatar-key", content: "png" })
      expect(parse(yield* v2("fileupload/getUploadStatus", {}, token))).toEqual({
        uploadStatus: { error: false, message: "Upload successful" },
        data: [{ value: { id: 94198, name: "face_1747654003120" } }]
      })
      const other = yield* loginWithUploadToken()
      expect(parse(yield* v2("fileupload/getUploadStatus", {}, other.token))).toMatchObject({
        uploadStatus: { error: true }
      })
      // the log keeps neither the token nor the bytes
      const log = yield* sim.requests
      const entry = log.find((r) => r.route === "x/fileupload")
      expect(entry?.path).toBe("/x/fileupload")
      expect(entry?.account).toBe("api.coach")
      expect(entry?.body).toEqual({
        "session-token": "<redacted>",
        filename: "doc1.pdf",
        processorkey: "document-key",
        filedata: "<file \"doc1.pdf\", 14 bytes>"
      })
      expect(JSON.stringify(log)).not.toContain(uploadToken)
      expect(JSON.stringify(log)).not.toContain("%PDF")
    }).pipe(Effect.provide(TestLayer())))

  it.effect("a wrong, missing or expired token is the 401 page; a malformed form the 400 page; nothing is stored", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const { token, uploadToken } = yield* loginWithUploadToken()
      const file = { filename: "doc1.pdf", processorKey: "document-key", content: "x" }
      for (const bad of [{ ...file, token: "1234567890123456789" }, file, { ...file, token }]) {
        const answer = yield* uploadFile(bad)
        expect(answer.status).toBe(401)
        expect(answer.text).toBe(unauthorizedPage)
      }
      expect((yield* uploadFile({ ...file, token: uploadToken, processorKey: "other-key" })).status).toBe(400)
      expect((yield* uploadFile({ token: uploadToken, filename: "doc1.pdf", processorKey: "document-key" })).status)
        .toBe(400)
      yield* sim.expireAllSessions
      expect((yield* uploadFile({ ...file, token: uploadToken })).status).toBe(401)
      expect(yield* sim.files).toEqual([])
      // getUploadStatus needs the v2 session like every v2 route
      expect((yield* v2("fileupload/getUploadStatus", {}, token)).text).toBe(
        rpcText("SessionExpiredException", "Session expired")
      )
    }).pipe(Effect.provide(TestLayer())))

  it.effect("an import's file field takes \"<fileId>|<serverFileName>\" of an upload; an unknown file fails the batch", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* TestClock.setTime(uploadedAt)
      const { uploadToken } = yield* loginWithUploadToken()
      yield* uploadFile({ token: uploadToken, filename: "knee scan.pdf", processorKey: "document-key", content: "x" })
      const [file] = yield* sim.files
      const value = `${file?.id}|${file?.name}`
      expect(value).toBe("94197|knee scan_1747654002120.pdf")
      const ok = yield* v1Parsed<ImportAnswer>("eventsimport", { events: [injury(value)] })
      expect(ok.result.state).toBe("SUCCESSFULLY_IMPORTED")
      const id = ok.eventImportResultForForm[0]?.eventImportResults.ids[0]
      const stored = (yield* sim.events).find((e) => e.id === id)
      expect(stored?.rows[0]?.pairs).toContainEqual({ key: "Attachment", value })
      // the file the demo history references is known too
      const seeded = yield* v1Parsed<ImportAnswer>("eventsimport", {
        events: [injury("94196|hamstring_scan_1747654002120.pdf")]
      })
      expect(seeded.result.state).toBe("SUCCESSFULLY_IMPORTED")
      const before = (yield* sim.events).length
      const unknown = yield* v1Parsed<ImportAnswer>("eventsimport", { events: [injury(value), injury("999|x.pdf")] })
      expect(unknown.result).toEqual({
        state: "UNEXPECTED_ERROR",
        message:
          "Event at index 1: file field \"Attachment\" references file 999, which was never uploaded. No events were imported."
      })
      expect(unknown.eventImportResultForForm[0]?.eventImportResults.ids).toEqual([])
      const malformed = yield* v1Parsed<ImportAnswer>("eventsimport", { events: [injury("scan.pdf")] })
      expect(malformed.result.message).toBe(
        "Event at index 0: file field \"Attachment\" value \"scan.pdf\" is not \"<fileId>|<serverFileName>\". No events were imported."
      )
      expect((yield* sim.events).length).toBe(before)
      // an empty file value is simply no attachment
      expect((yield* v1Parsed<ImportAnswer>("eventsimport", { events: [injury("")] })).result.state).toBe(
        "SUCCESSFULLY_IMPORTED"
      )
    }).pipe(Effect.provide(TestLayer({ data: withWritableInjuries() }))))

  it.effect("keeps binary file bytes intact (CR LF and dashes inside the file included)", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const client = yield* HttpClient.HttpClient
      const { uploadToken } = yield* loginWithUploadToken()
      const boundary = "XyZ"
      const file = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x2d, 0x2d, 0x58, 0x79, 0xff, 0x00, 0x0d, 0x0a])
      const head = new TextEncoder().encode(
        `--${boundary}\r\nContent-Disposition: form-data; name="session-token"\r\n\r\n${uploadToken}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="processorkey"\r\n\r\navatar-key\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="filedata"; filename="me.png"\r\n` +
          `Content-Type: image/png\r\n\r\n`
      )
      const tail = new TextEncoder().encode(`\r\n--${boundary}--\r\n`)
      const body = new Uint8Array([...head, ...file, ...tail])
      const parts = parseMultipart(`multipart/form-data; boundary="${boundary}"`, body)
      expect(parts?.map((p) => p.name)).toEqual(["session-token", "processorkey", "filedata"])
      expect(Uint8Array.from(parts?.[2]?.data ?? [])).toEqual(file)
      expect(parts?.[2]?.contentType).toBe("image/png")
      expect(parseMultipart("application/json", body)).toBeUndefined()
      expect(parseMultipart(`multipart/form-data; boundary=${boundary}`, body.subarray(0, 40))).toBeUndefined()
      const answer = yield* Effect.scoped(client.execute(
        HttpClientRequest.post(`${sim.url}/x/fileupload`).pipe(
          HttpClientRequest.bodyUint8Array(body, `multipart/form-data; boundary=${boundary}`)
        )
      ))
      expect(answer.status).toBe(200)
      // no `filename` field: the file part's name is used
      expect(yield* sim.files).toEqual([
        { id: 94197, name: "me_0.png", originalName: "me.png", processorKey: "avatar-key", size: file.length }
      ])
    }).pipe(Effect.provide(TestLayer())))
})
