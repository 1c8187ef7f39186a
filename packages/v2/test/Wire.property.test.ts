/**
 * The v2 client over real HTTP against a server that logs in properly and answers every call with garbage: every
 * method ends in a value or a typed error, never a defect, never a hang.
 */
import { Fuzz } from "@ams-effect/testing"
import { PersonFilter, V2Client } from "@ams-effect/v2"
import { Layer } from "effect"

const numRuns = 60

const client = Fuzz.wireLayer(V2Client.layer.pipe(Layer.provideMerge(Fuzz.amsWireLayer())))

const readErrors = [...Fuzz.amsReadErrors, "V2RpcException"]
const rpc = { __is_rpc_exception__: true, type: "NotFoundException", value: { detailMessage: "no", cause: null } }

const families: ReadonlyArray<Fuzz.Family<V2Client.Service>> = [
  {
    name: "getPersons",
    shapes: [{ objects: [{ id: 1, username: "ada", firstName: "Ada", lastName: "A", sex: "1" }], totalCount: 1 }, rpc],
    allowed: readErrors,
    call: (c) => c.getPersons(PersonFilter.ids([1]))
  },
  {
    name: "deleteEvents",
    shapes: ["", rpc],
    allowed: [...readErrors, "OutcomeUnknown"],
    call: (c) => c.deleteEvents([101, 102])
  }
]

Fuzz.wireSuite("V2Client over the wire under garbage", client, V2Client.V2Client, families, { numRuns, login: true })
