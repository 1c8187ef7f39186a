/**
 * Finding the name someone probably meant: the same letters ignoring case, spaces, `_` and `-` first, then a few
 * typing mistakes (letters swapped, missing, extra or wrong), then one name containing the other.
 */

/** Lower case, without spaces, underscores and hyphens. */
export const normalise = (name: string): string => name.toLowerCase().replace(/[\s_-]+/g, "")

/** Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment). */
export const distance = (a: string, b: string): number => {
  const rows = a.length + 1
  const cols = b.length + 1
  const d: Array<Array<number>> = Array.from(
    { length: rows },
    (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  )
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1)
      const row = d[i]
      if (row !== undefined) row[j] = best
    }
  }
  return at(a.length, b.length)
}

/** How many edits still count as a typing mistake for a name of this length. */
const tolerance = (length: number): number => (length <= 3 ? 1 : length <= 8 ? 2 : 3)

/** How close `candidate` is to `wanted` (lower is closer), or `undefined` when it does not look alike. */
const closeness = (wanted: string, candidate: string): number | undefined => {
  const a = normalise(wanted)
  const b = normalise(candidate)
  if (a === b) return 0
  const edits = distance(a, b)
  if (edits <= tolerance(Math.min(a.length, b.length))) return edits
  if (a.length >= 3 && b.length >= 3 && (a.includes(b) || b.includes(a))) return 10 + Math.abs(a.length - b.length)
  return undefined
}

/** The candidates that look like `wanted`, closest first (at most `limit`), never `wanted` itself. */
export const similar = (wanted: string, candidates: Iterable<string>, limit = 5): ReadonlyArray<string> => {
  const scored: Array<{ readonly name: string; readonly score: number }> = []
  for (const name of new Set(candidates)) {
    if (name === wanted) continue
    const score = closeness(wanted, name)
    if (score !== undefined) scored.push({ name, score })
  }
  return scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name)).slice(0, limit).map((s) => s.name)
}

/** The candidate `wanted` most probably meant: one equal ignoring case, else the single closest, if any. */
export const suggest = (wanted: string, candidates: Iterable<string>): string | undefined =>
  similar(wanted, candidates, 1)[0]
