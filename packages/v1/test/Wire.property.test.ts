/**
 * The v1 client over real HTTP (Basic credentials, no login) against a server that answers garbage: every method
 * ends in a value or a typed error, never a defect, never a hang.
 */
import { Fuzz } from "@ams-effect/testing"
import { V1Client } from "@ams-effect/v1"
import { Layer } from "effect"

const numRuns = 60

const client = Fuzz.wireLayer(V1Client.layer.pipe(Layer.provideMerge(Fuzz.amsWireLayer({ v1Auth: "basic" }))))

const readErrors = [...Fuzz.amsReadErrors]
const writeErrors = [...readErrors, "OutcomeUnknown"]

const event = {
  id: 101,
  formName: "Wellness",
  userId: 1,
  startDate: "01/02/2024",
  startTime: "9:00 AM",
  rows: [{ row: 0, pairs: [{ key: "Sleep", value: "8" }] }]
}

const families: ReadonlyArray<Fuzz.Family<V1Client.Service>> = [
  { name: "listGroups", shapes: [{ name: ["Squad"] }], allowed: readErrors, call: (c) => c.listGroups },
  {
    name: "searchUsers",
    shapes: [{ results: [{ results: [{ userId: 1, firstName: "A", lastName: "B", username: "ab" }] }] }],
    allowed: readErrors,
    call: (c) => c.searchUsers([{ userId: 1 }])
  },
  {
    name: "searchEvents",
    shapes: [{ events: [event] }],
    allowed: readErrors,
    call: (c) => c.searchEvents({ forms: "Wellness", userIds: [1], from: "01/01/2024", to: "31/12/2024" })
  },
  {
    name: "synchronise",
    shapes: [{ export: { events: [event] }, lastSynchronisationTimeOnServer: 5, idsOfDeletedEvents: [] }],
    allowed: [...readErrors, "V1PayloadTooLarge"],
    call: (c) => c.synchronise({ formName: "Wellness", userIds: [1, 2] })
  },
  {
    name: "importProfile",
    shapes: [
      { profiles: [{ id: 5, formName: "Profile", userId: 1, rows: event.rows }] },
      {
        state: "SUCCESSFULLY_IMPORTED",
        message: "The following names [Sleeep] were sent in the message but do not exist in the form"
      },
      { state: "SUCCESSFULLY_IMPORTED", message: "1 out of 1 records successfully imported." }
    ],
    allowed: [...readErrors, "V1StateFailed", "V1UnknownFields"],
    call: (c) => c.importProfile({ formName: "Profile", userId: 1, enteredByUserId: 7, values: { Sleep: 8 } })
  },
  {
    name: "importEvents",
    shapes: [{
      result: { state: "SUCCESSFULLY_IMPORTED" },
      eventImportResultForForm: [{ formName: "Wellness", eventImportResults: { state: "SUCCESS", ids: [1, 2] } }]
    }],
    allowed: [...writeErrors, "V1ImportFailed", "V1ImportIncomplete", "V1UnknownFields"],
    call: (c) =>
      c.importEvents([1, 2].map((userId) => ({
        formName: "Wellness",
        userId,
        enteredByUserId: 7,
        start: { date: "01/02/2024", time: "9:00 AM" },
        values: { Sleep: 8 }
      })))
  },
  {
    name: "deleteEvent",
    shapes: [{ state: "SUCCESS", message: "deleted" }],
    allowed: [...writeErrors, "V1StateFailed"],
    call: (c) => c.deleteEvent(101)
  }
]

Fuzz.wireSuite("V1Client over the wire under garbage", client, V1Client.V1Client, families, { numRuns })
