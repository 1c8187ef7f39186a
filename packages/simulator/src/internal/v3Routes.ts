/**
 * API v3 (REST convention, §2.14, §3.3): meaningful statuses, `application/json` answers, errors as
 * `{"status", "href", "errors": [{"errorCode", "message", "metaData"}]}`, the v2 session. The routes live in one
 * module per area: forms, groups, and the simulator-only notes endpoint. A path no route matches is the generic
 * text/html 404 page (not a JSON error), so clients must cope with a non-JSON error body.
 *
 * @since 0.1.0
 * @internal
 */
import type { Route } from "./http.js"
import type { SimulatorState } from "./state.js"
import * as V3Forms from "./v3Forms.js"
import * as V3Groups from "./v3Groups.js"
import * as V3Notes from "./v3Notes.js"

/** Every v3 route. @internal */
export const routes = (state: SimulatorState): ReadonlyArray<Route> => [
  ...V3Forms.routes(state),
  ...V3Groups.routes(state),
  ...V3Notes.routes(state)
]
