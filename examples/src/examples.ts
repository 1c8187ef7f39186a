/**
 * The examples, in the order the demo runs them.
 */
import type { AmsHttp, Session } from "@ams-effect/core"
import type { V1Client } from "@ams-effect/v1"
import type { V2Client } from "@ams-effect/v2"
import type { V3Client } from "@ams-effect/v3"
import type { Effect } from "effect"
import * as BulkImport from "./BulkImport.js"
import type { Target } from "./Connection.js"
import * as CsvImport from "./CsvImport.js"
import * as ErrorConventions from "./ErrorConventions.js"
import * as ExhaustiveErrors from "./ExhaustiveErrors.js"
import * as IncrementalSync from "./IncrementalSync.js"
import * as LayerComposition from "./LayerComposition.js"
import * as QuickStart from "./QuickStart.js"
import * as SessionAndRetries from "./SessionAndRetries.js"
import * as WorkOrders from "./WorkOrders.js"

export interface Example {
  readonly name: string
  readonly title: string
  readonly program: Effect.Effect<
    void,
    unknown,
    V1Client.V1Client | V2Client.V2Client | V3Client.V3Client | AmsHttp.AmsHttp | Session.Session | Target
  >
}

export const examples: ReadonlyArray<Example> = [
  { name: "quick-start", title: QuickStart.title, program: QuickStart.program },
  { name: "session-and-retries", title: SessionAndRetries.title, program: SessionAndRetries.program },
  { name: "incremental-sync", title: IncrementalSync.title, program: IncrementalSync.program },
  { name: "bulk-import", title: BulkImport.title, program: BulkImport.program },
  { name: "csv-import", title: CsvImport.title, program: CsvImport.program },
  { name: "error-conventions", title: ErrorConventions.title, program: ErrorConventions.program },
  { name: "exhaustive-errors", title: ExhaustiveErrors.title, program: ExhaustiveErrors.program },
  { name: "work-orders", title: WorkOrders.title, program: WorkOrders.program },
  { name: "layer-composition", title: LayerComposition.title, program: LayerComposition.program }
]
