/**
 * API v3 `GET group-athletes/{id}` (the SEED0 example): the members of the group with that id (groups are numbered
 * from 101 in seed order unless the seed gives ids) as `[{"id", "firstName", "lastName", "username"}]`, in seed
 * order. The spec does not show the success shape; this one is the simulator's choice. An unknown (or
 * non-numeric) id is 404 `itemNotFound` "Could not find group <id>.", a group the account does not coach the 403
 * page.
 *
 * @since 0.1.0
 * @internal
 */
import type { Route } from "./http.js"
import { forbidden } from "./http.js"
import type { SimulatorState } from "./state.js"
import { itemNotFound, v3Handler, v3Json } from "./v3.js"

const groupAthletes = (state: SimulatorState): Route => ({
  version: "v3",
  method: "GET",
  path: "group-athletes/:id",
  handle: v3Handler((account, request) => {
    const id = request.params.id ?? ""
    const group = state.groups.find((g) => String(g.id) === id)
    if (group === undefined) return itemNotFound(request, `Could not find group ${id}.`)
    if (account.isAdmin !== true && !account.coachGroups.includes(group.name)) return forbidden
    return v3Json(
      200,
      group.members.flatMap((userId) => {
        const user = state.users.get(userId)
        return user === undefined
          ? []
          : [{ id: user.userId, firstName: user.firstName, lastName: user.lastName, username: user.username }]
      })
    )
  })
})

/** The v3 group routes. @internal */
export const routes = (state: SimulatorState): ReadonlyArray<Route> => [groupAthletes(state)]
