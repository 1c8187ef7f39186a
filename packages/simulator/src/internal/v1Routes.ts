/**
 * API v1 (body-state convention): Basic or session authentication, JSON answers without a Content-Type header,
 * 401/403 as text/html pages, HTTP 200 with a `state` for data operations. The routes live in one module per area:
 * users and groups, event search and synchronise, event imports and deletes, profiles.
 *
 * @since 0.1.0
 * @internal
 */
import type { Route } from "./http.js"
import type { SimulatorState } from "./state.js"
import * as V1Events from "./v1Events.js"
import * as V1Imports from "./v1Imports.js"
import * as V1Profiles from "./v1Profiles.js"
import * as V1Users from "./v1Users.js"

export {
  /** @internal */
  v1Handler
} from "./v1.js"

/** Every v1 route. @internal */
export const routes = (state: SimulatorState): ReadonlyArray<Route> => [
  ...V1Users.routes(state),
  ...V1Events.routes(state),
  ...V1Imports.routes(state),
  ...V1Profiles.routes(state)
]
