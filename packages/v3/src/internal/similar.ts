/**
 * Finding the name someone probably meant: the same letters ignoring case, spaces, `_` and `-` first, then a few
 * typing mistakes (letters swapped, missing, extra or wrong), then one name containing the other.
 */

/** Lower case, without spaces, underscores and hyphens. */
export const normalise = (name: string): string => name.toLowerCase().replace(/[\s_-]+/g, "")

/**
 * Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment), or `max + 1` as
 * soon as it must exceed `max`: names whose lengths differ by more are not compared at all, and the loop stops at
 * the first row whose every entry is above it (the row minimum never decreases).
 */
export const distance = (a: string, b: string, max = Number.POSITIVE_INFINITY): number => {
  if (Math.abs(a.length - b.length) > max) return max + 1
  // Three rows of the matrix: the one before the previous (for swaps), the previous and the current.
  let before: Array<number> = []
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let rowBest = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1)
      current.push(best)
      rowBest = Math.min(rowBest, best)
    }
    if (rowBest > max) return max + 1
    before = previous
    previous = current
  }
  return Math.min(previous[b.length]!, max + 1)
}

/** How many edits still count as a typing mistake for a name of this length. */
const tolerance = (length: number): number => (length <= 3 ? 1 : length <= 8 ? 2 : 3)

/** Names longer than this are not a mistyped field or form name: no suggestion is searched for them. */
export const maxLength = 200

/** How close `candidate` is to `wanted` (lower is closer), or `undefined` when it does not look alike. */
const closeness = (a: string, candidate: string): number | undefined => {
  const b = normalise(candidate)
  if (a === b) return 0
  const allowed = tolerance(Math.min(a.length, b.length))
  const edits = distance(a, b, allowed)
  if (edits <= allowed) return edits
  if (a.length >= 3 && b.length >= 3 && (a.includes(b) || b.includes(a))) return 10 + Math.abs(a.length - b.length)
  return undefined
}

/**
 * The candidates that look like `wanted`, closest first (at most `limit`), never `wanted` itself; none for a name
 * longer than `maxLength`.
 */
export const similar = (wanted: string, candidates: Iterable<string>, limit = 5): ReadonlyArray<string> => {
  if (wanted.length > maxLength) return []
  const normalised = normalise(wanted)
  const scored: Array<{ readonly name: string; readonly score: number }> = []
  for (const name of new Set(candidates)) {
    if (name === wanted || name.length > maxLength) continue
    const score = closeness(normalised, name)
    if (score !== undefined) scored.push({ name, score })
  }
  return scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name)).slice(0, limit).map((s) => s.name)
}

/** The candidate `wanted` most probably meant: one equal ignoring case, else the single closest, if any. */
export const suggest = (wanted: string, candidates: Iterable<string>): string | undefined =>
  similar(wanted, candidates, 1)[0]
