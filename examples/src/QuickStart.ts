/**
 * Quick start: log in, list the groups, look at a squad, find a user, and handle a refused request by its tag.
 */
import { Session } from "@ams-effect/core"
import { Fault } from "@ams-effect/simulator"
import { V1Client } from "@ams-effect/v1"
import { Console, Effect, Option } from "effect"
import { Target } from "./Connection.js"

export const title = "Quick start: log in, list groups, search users, handle a 403 by its tag"

export const program = Effect.gen(function*() {
  const v1 = yield* V1Client.V1Client
  const session = yield* Session.Session
  const target = yield* Target

  // The first call logs in (one login, however many calls start at once); the session is kept and renewed.
  const { info } = yield* session.current
  yield* Console.log(`✓ logged in as ${info.username} (user ${info.userId}), ${info.permissions.length} permissions`)

  const groups = yield* v1.listGroups
  yield* Console.log(`✓ listGroups → ${groups.length} groups: ${groups.join(", ")}`)

  const squad = groups[0]
  if (squad !== undefined) {
    const members = yield* v1.groupMembers(squad)
    const names = members.slice(0, 3).map((user) => user.fullName).join(", ")
    yield* Console.log(
      `✓ groupMembers("${squad}") → ${members.length} users: ${names}${members.length > 3 ? ", …" : ""}`
    )
    const first = members[0]
    if (first !== undefined) {
      const [result] = yield* v1.searchUsers([{ username: first.username }])
      const found = result?.users[0]
      yield* Console.log(
        `✓ searchUsers({ username: "${first.username}" }) → ${found?.fullName} (id ${found?.userId}, born ${found?.dob})`
      )
    }
  }

  // On the simulator, make the server refuse `currentgroup` with 403 (twice: the client logs in again once, as
  // the server may say 403 to a stale session). Against a real server, the call simply runs.
  if (Option.isSome(target.simulator)) {
    yield* target.simulator.value.addFault(
      Fault.rule(Fault.Status({ status: 403 }), { route: "v1/currentgroup", times: 2 })
    )
  }
  const outcome = yield* v1.currentGroup.pipe(
    Effect.map((users) => `${users.length} users in the current group`),
    Effect.catchTags({
      AccessDenied: (error) => Effect.succeed(`AccessDenied handled by tag (HTTP ${error.status}): ${error.message}`),
      AuthenticationFailed: (error) => Effect.succeed(`AuthenticationFailed handled by tag: ${error.message}`)
    })
  )
  yield* Console.log(`✓ currentGroup → ${outcome}`)
})
