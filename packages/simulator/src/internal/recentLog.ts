/**
 * An append-only log that keeps only its latest entries, so that a simulator serving for days (`pnpm simulator`, a
 * soak, a benchmark) holds a bounded amount of memory however many requests it answers.
 *
 * @internal
 */

/** The latest `limit` entries appended (all of them with `Infinity`, none with 0), oldest first. @internal */
export class RecentLog<A> {
  private entries: Array<A> = []

  constructor(readonly limit: number) {}

  append(entry: A): void {
    if (this.limit === 0) return
    this.entries.push(entry)
    // Older entries are dropped in batches, so that appending stays cheap: at most twice the limit is held
    if (this.entries.length >= 2 * this.limit) this.entries = this.entries.slice(-this.limit)
  }

  /** The entries kept, oldest first (the log's own array when it holds no more than the limit: copy before use). */
  latest(): ReadonlyArray<A> {
    return this.entries.length > this.limit ? this.entries.slice(-this.limit) : this.entries
  }

  /** How many entries are held in memory: never twice the limit or more. */
  get held(): number {
    return this.entries.length
  }

  clear(): void {
    this.entries = []
  }
}
