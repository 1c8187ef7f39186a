/**
 * `pnpm demo`: runs every example against the embedded simulator (or AMS_URL when set).
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { examples } from "./examples.js"
import * as Narrator from "./Narrator.js"

NodeRuntime.runMain(Narrator.run(examples))
