/**
 * An incremental reader of a `synchronise` answer, `{"export": {"events": [...]}, "lastSynchronisationTimeOnServer":
 * n, "idsOfDeletedEvents": [...]}`, fed text as it arrives. It hands out the text of each element of
 * `export.events` as soon as the element is complete, and keeps the other top-level members, so that an export of
 * hundreds of thousands of events never has to be held (as text or as objects) all at once.
 *
 * It only splits: each element is then parsed by `JSON.parse`, so anything malformed inside one is still caught there;
 * malformed structure (an unbalanced bracket, a body that ends early) is reported by `end()`.
 */

const QUOTE = 34
const BACKSLASH = 92
const OPEN_OBJECT = 123
const CLOSE_OBJECT = 125
const OPEN_ARRAY = 91
const CLOSE_ARRAY = 93
const COMMA = 44
const COLON = 58

/**
 * Where the string whose content starts at `start` ends (its closing quote), searching from `from`; -1 if `text`
 * ends first. A quote preceded by an odd run of backslashes is escaped (the run never reaches back before `start`).
 */
const closingQuote = (text: string, start: number, from: number): number => {
  for (let search = from;;) {
    const quote = text.indexOf("\"", search)
    if (quote < 0) return -1
    let backslashes = 0
    while (quote - backslashes - 1 >= start && text.charCodeAt(quote - backslashes - 1) === BACKSLASH) backslashes++
    if (backslashes % 2 === 0) return quote
    search = quote + 1
  }
}

/**
 * Splits a synchronise answer into event texts and the other top-level members. It allocates nothing per bracket:
 * the open levels are a stack of bracket codes, and only the two outer levels (the answer, `export`) keep their
 * current key.
 */
export class ExportScanner {
  private text = ""
  private position = 0
  /** `OPEN_OBJECT` or `OPEN_ARRAY` per open level, outermost first. */
  private readonly levels: Array<number> = []
  /** The current member's key at levels 0 and 1, and whether a key comes next there. */
  private readonly keys: [string | undefined, string | undefined] = [undefined, undefined]
  private readonly expectKey: [boolean, boolean] = [false, false]
  private stringStart = -1
  private elementStart = -1
  private memberStart = -1
  private memberKey: string | undefined = undefined
  private started = false
  private finished = false
  /** Top-level members other than `export`, parsed. */
  readonly members: Record<string, unknown> = {}

  /** Whether the scanner is inside `export.events` (the array's own level is the innermost). */
  private inEvents(): boolean {
    const levels = this.levels
    return levels.length === 3 && levels[0] === OPEN_OBJECT && this.keys[0] === "export" &&
      levels[1] === OPEN_OBJECT && this.keys[1] === "events" && levels[2] === OPEN_ARRAY
  }

  /** Whether the innermost level is one of the outer two objects, waiting for a key. */
  private awaitingKey(): boolean {
    const top = this.levels.length - 1
    return (top === 0 || top === 1) && this.expectKey[top]!
  }

  /** Feeds the next piece of text; returns the texts of the events completed by it. */
  push(chunk: string): Array<string> {
    const events: Array<string> = []
    this.text += chunk
    const text = this.text
    const levels = this.levels
    for (let i = this.position; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (c === QUOTE && this.stringStart < 0) {
        this.stringStart = i
        this.startValue(i)
        i++
      }
      if (this.stringStart >= 0) {
        // Jump to the string's end; only the keys of the two outer levels ("export", "events") need reading.
        const end = closingQuote(text, this.stringStart + 1, i)
        if (end < 0) break
        i = end
        if (this.awaitingKey()) {
          const top = levels.length - 1
          this.keys[top] = JSON.parse(text.slice(this.stringStart, end + 1)) as string
          this.expectKey[top] = false
        }
        this.stringStart = -1
        continue
      }
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (this.finished) throw new Error("text after the end of the answer")
        this.started = true
        this.startValue(i)
        if (levels.length < 2) {
          this.keys[levels.length] = undefined
          this.expectKey[levels.length] = c === OPEN_OBJECT
        }
        levels.push(c)
        continue
      }
      if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        if (levels.length === 1) this.endMember(i)
        const closed = levels.pop()
        if (closed === undefined || (closed === OPEN_OBJECT) !== (c === CLOSE_OBJECT)) {
          throw new Error(`unbalanced ${String.fromCharCode(c)} at ${i}`)
        }
        if (levels.length === 3 && this.elementStart >= 0 && this.inEvents()) {
          events.push(text.slice(this.elementStart, i + 1))
          this.elementStart = -1
        }
        if (levels.length === 1) this.endMember(i + 1)
        if (levels.length === 0) this.finished = true
        continue
      }
      if (c === COMMA) {
        if (levels.length === 1) this.endMember(i)
        const top = levels.length - 1
        if ((top === 0 || top === 1) && levels[top] === OPEN_OBJECT) this.expectKey[top] = true
        continue
      }
      if (c === COLON) continue
      if (c > 32) this.startValue(i)
    }
    // Keep only what an unfinished element, member or string still needs.
    const keep = [this.elementStart, this.memberStart, this.stringStart].filter((n) => n >= 0)
    const cut = keep.length === 0 ? text.length : Math.min(...keep)
    this.text = text.slice(cut)
    this.position = text.length - cut
    if (this.elementStart >= 0) this.elementStart -= cut
    if (this.memberStart >= 0) this.memberStart -= cut
    if (this.stringStart >= 0) this.stringStart -= cut
    return events
  }

  /** Notes where a value starts, when it is an event or a top-level member. */
  private startValue(i: number) {
    if (this.awaitingKey()) return // a key, not a value
    const depth = this.levels.length
    if (depth === 3 && this.elementStart < 0 && this.inEvents()) this.elementStart = i
    if (depth === 1 && this.memberStart < 0 && this.levels[0] === OPEN_OBJECT && this.keys[0] !== "export") {
      this.memberStart = i
      this.memberKey = this.keys[0]
    }
  }

  private endMember(end: number) {
    if (this.memberStart < 0 || this.memberKey === undefined) return
    const raw = this.text.slice(this.memberStart, end).trim()
    if (raw !== "") this.members[this.memberKey] = JSON.parse(raw)
    this.memberStart = -1
    this.memberKey = undefined
  }

  /** Checks that a whole answer was read: an empty body counts as `{}`. */
  end(): void {
    if (this.text.slice(this.position).trim() !== "" && !this.finished) throw new Error("the answer ended early")
    if (this.started && !this.finished) throw new Error("the answer ended early")
    if (this.stringStart >= 0) throw new Error("the answer ended inside a string")
  }
}
