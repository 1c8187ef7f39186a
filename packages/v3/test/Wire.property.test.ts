/**
 * The v3 client over real HTTP against a server that logs in properly and answers every call with garbage: every
 * method ends in a value or a typed error, never a defect, never a hang.
 */
import { Fuzz } from "@ams-effect/testing"
import { V3Client } from "@ams-effect/v3"
import { Layer } from "effect"

const numRuns = 60

const client = Fuzz.wireLayer(V3Client.layer.pipe(Layer.provideMerge(Fuzz.amsWireLayer())))

const readErrors = [...Fuzz.amsReadErrors, "V3ApiError"]
const errorBody = {
  status: 404,
  href: "/api/v3/group-athletes/9",
  errors: [{ errorCode: "itemNotFound", message: "no such group", metaData: null }]
}
const form = {
  id: 1001,
  name: "Wellness",
  children: [{ type: "FormFieldSet", name: "Sets", children: [{ type: "FormItem", name: "Reps", required: true }] }]
}

const families: ReadonlyArray<Fuzz.Family<V3Client.Service>> = [
  {
    name: "formSummaries",
    shapes: [{ event: [{ id: 1001, name: "Wellness" }], profile: null }, errorBody],
    allowed: readErrors,
    call: (c) => c.formSummaries
  },
  {
    name: "form",
    shapes: [form, errorBody],
    allowed: [...readErrors, "V3ItemNotFound"],
    call: (c) => c.form("event", 1001)
  },
  {
    name: "groupAthletes",
    shapes: [[{ id: 1, firstName: "Ada", lastName: "A", username: "ada" }], errorBody],
    allowed: [...readErrors, "V3ItemNotFound"],
    call: (c) => c.groupAthletes(9)
  }
]

Fuzz.wireSuite("V3Client over the wire under garbage", client, V3Client.V3Client, families, { numRuns, login: true })
