/**
 * Picks the fault (if any) for a request: rules are checked in order and the first one that applies wins.
 * A rule applies when its route matches, its `skip` is used up, its `times` is not, and (when its probability is
 * below 1) the seeded generator says so. Only rules with a probability below 1 draw a number, so adding a certain
 * rule does not shift the decisions of the random ones.
 *
 * @since 0.1.0
 * @internal
 */
import type * as Fault from "../Fault.js"
import type { SimulatorState } from "./state.js"

/** @internal */
export const routeMatches = (pattern: string | undefined, routeKey: string): boolean => {
  if (pattern === undefined || pattern === "*" || pattern === routeKey) return true
  return pattern.endsWith("/*") && routeKey.startsWith(pattern.slice(0, -1))
}

/** @internal */
export const decide = (state: SimulatorState, routeKey: string): Fault.Fault | undefined => {
  for (const entry of state.faultRules) {
    const { rule } = entry
    if (!routeMatches(rule.route, routeKey)) continue
    entry.matched += 1
    if (entry.matched <= (rule.skip ?? 0)) continue
    if (rule.times !== undefined && entry.applied >= rule.times) continue
    const probability = rule.probability ?? 1
    if (probability < 1 && !(state.faultRandom() < probability)) continue
    entry.applied += 1
    state.countFault(rule.fault._tag)
    return rule.fault
  }
  return undefined
}
