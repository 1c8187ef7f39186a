import { Simulator } from "@ams-effect/simulator"
import { V1Client } from "@ams-effect/v1"
import { V2Client } from "@ams-effect/v2"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { layer, logins, requestsTo } from "./fixtures.js"

const v1 = V1Client.V1Client
const v2 = V2Client.V2Client

const wellnessOn = (day: number) => ({
  formName: "Wellness",
  userId: 20001,
  start: new Date(2031, 2, day, 7, 0),
  values: { Fatigue: day }
})

const search = Effect.flatMap(
  v1,
  (client) => client.searchEvents({ forms: "Wellness", userIds: [20001], from: "01/03/2031", to: "31/03/2031" })
)

describe("V2Client events and files", () => {
  it.scoped("deleteEvents removes many events at once; v1 no longer finds them and synchronise reports them", () =>
    Effect.gen(function*() {
      const before = yield* Effect.flatMap(
        v1,
        (client) => client.synchronise({ formName: "Wellness", userIds: [20001] })
      )
      const report = yield* Effect.flatMap(v1, (client) => client.importEvents([1, 2, 3].map(wellnessOn)))
      const ids = report.eventIds.map((id) => id!)
      expect(yield* search).toHaveLength(3)
      yield* Effect.flatMap(v2, (client) => client.deleteEvents([ids[0]!, ids[2]!]))
      expect((yield* search).map((event) => event.id)).toEqual([ids[1]])
      const [request] = yield* requestsTo("v2/event/deleteAll")
      expect(request?.body).toEqual({ eventIds: [String(ids[0]), String(ids[2])] })
      const after = yield* Effect.flatMap(
        v1,
        (client) =>
          client.synchronise({ formName: "Wellness", userIds: [20001], since: before.lastSynchronisationTimeOnServer })
      )
      expect([...after.idsOfDeletedEvents].sort()).toEqual([ids[0], ids[2]].sort())
    }).pipe(Effect.provide(layer())))

  it.scoped("deleting an unknown event is V2RpcException, and nothing is deleted (all or nothing)", () =>
    Effect.gen(function*() {
      const report = yield* Effect.flatMap(v1, (client) => client.importEvents([wellnessOn(4)]))
      const error = yield* Effect.flip(Effect.flatMap(v2, (client) => client.deleteEvents([report.eventIds[0]!, 99])))
      expect(error._tag).toBe("V2RpcException")
      if (error._tag === "V2RpcException") expect(error.detailMessage).toContain("99")
      expect(yield* search).toHaveLength(1)
    }).pipe(Effect.provide(layer())))

  it.scoped("uploadFile stores the file and an event imported with its value references it", () =>
    Effect.gen(function*() {
      const client = yield* v2
      const data = new TextEncoder().encode("date,load\n2031-03-01,420\n")
      const file = yield* client.uploadFile({ fileName: "session-notes.csv", data, contentType: "text/csv" })
      expect(file.name).toMatch(/^session-notes_\d+\.csv$/)
      expect(file.value).toBe(`${file.id}|${file.name}`)
      const simulator = yield* Simulator.Simulator
      const [stored] = yield* simulator.files
      expect(stored).toMatchObject({ id: file.id, originalName: "session-notes.csv", size: data.length })
      const [upload] = yield* requestsTo("x/fileupload")
      expect(upload?.body).toMatchObject({ "session-token": "<redacted>", processorkey: "document-key" })

      const report = yield* Effect.flatMap(v1, (v1Client) =>
        v1Client.importEvents([{
          formName: "Injury Report",
          userId: 20001,
          start: new Date(2031, 2, 5, 10, 0),
          values: { "Body Part": "Knee", Attachment: file.value }
        }]))
      const [event] = yield* Effect.flatMap(
        v1,
        (v1Client) =>
          v1Client.searchEvents({ forms: "Injury Report", userIds: [20001], from: "05/03/2031", to: "05/03/2031" })
      )
      expect(event?.id).toBe(report.eventIds[0])
      expect(event?.values["Attachment"]).toBe(file.value)
    }).pipe(Effect.provide(layer())))

  it.scoped("an upload after the session expired logs in again and sends the new login's token", () =>
    Effect.gen(function*() {
      const client = yield* v2
      yield* client.uploadFile({ fileName: "a.txt", data: new Uint8Array([1]) })
      yield* Effect.flatMap(Simulator.Simulator, (simulator) => simulator.expireAllSessions)
      const second = yield* client.uploadFile({ fileName: "b.txt", data: new Uint8Array([2]) })
      expect(second.name).toMatch(/^b_\d+\.txt$/)
      expect(yield* logins).toBe(2)
      expect((yield* requestsTo("x/fileupload")).map((request) => request.status)).toEqual([200, 401, 200])
    }).pipe(Effect.provide(layer())))

  it.scoped("a file the server does not take is InvalidRequest, and nothing is sent", () =>
    Effect.gen(function*() {
      const client = yield* v2
      for (
        const [fileName, kind] of [["script.exe", "document"], ["notes", "document"], ["photo.gif", "avatar"]] as const
      ) {
        const error = yield* Effect.flip(client.uploadFile({ fileName, data: new Uint8Array([1]), kind }))
        expect(error._tag).toBe("InvalidRequest")
        if (error._tag === "InvalidRequest") expect(error.field).toBe("fileName")
      }
      // From a caller without the types: text uploaded as zero bytes, an unknown kind uploaded as a document
      const untyped: ReadonlyArray<[unknown, string]> = [
        [{ fileName: "a.txt", data: "hello" }, "data"],
        [{ fileName: "a.txt", data: new Uint8Array([1]), kind: "bogus" }, "kind"],
        [{ data: new Uint8Array([1]) }, "fileName"]
      ]
      for (const [file, field] of untyped) {
        const error = yield* Effect.flip(client.uploadFile(file as V2Client.FileUpload))
        expect(error._tag, field).toBe("InvalidRequest")
        if (error._tag === "InvalidRequest") expect(error.field).toBe(field)
      }
      expect(yield* requestsTo("x/fileupload")).toHaveLength(0)
    }).pipe(Effect.provide(layer())))
})
