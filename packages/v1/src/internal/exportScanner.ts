/**
 * An incremental reader of a `synchronise` answer, `{"export": {"events": [...]}, "lastSynchronisationTimeOnServer":
 * n, "idsOfDeletedEvents": [...]}`, fed text as it arrives. It hands out the text of each element of
 * `export.events` as soon as the element is complete, and keeps the other top-level members, so that an export of
 * hundreds of thousands of events never has to be held (as text or as objects) all at once.
 *
 * It only splits: each element is then parsed by `JSON.parse`, so anything malformed inside one is still caught there.
 * Malformed structure throws: an unbalanced bracket or text that is not one JSON object from `push`, a body that
 * ends early from `end()`.
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
 * Splits a synchronise answer into event texts and the other top-level members. It allocates nothing per bracket:
 * the open levels are a stack of bracket codes, and only the two outer levels (the answer, `export`) keep their
 * current key.
 */
export class ExportScanner {
  /** Text kept from earlier pieces: what an unfinished element, member or string still needs. */
  private carry = ""
  /** The piece being read; positions count from the start of `carry`, the piece following it. */
  private piece = ""
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

  /** The character at a position. */
  private code(at: number): number {
    const base = this.carry.length
    return at < base ? this.carry.charCodeAt(at) : this.piece.charCodeAt(at - base)
  }

  /** The text between two positions: a slice of the piece alone unless it starts in what was kept. */
  private text(from: number, to: number): string {
    const base = this.carry.length
    if (from >= base) return this.piece.slice(from - base, to - base)
    return to <= base ? this.carry.slice(from, to) : this.carry.slice(from) + this.piece.slice(0, to - base)
  }

  /**
   * Where the string whose content starts at `start` ends (its closing quote), searching from `from`; -1 if the
   * piece ends first. A quote preceded by an odd run of backslashes is escaped (the run never reaches back before
   * `start`). Strings are skipped with `indexOf`, not character by character.
   */
  private closingQuote(start: number, from: number): number {
    const base = this.carry.length
    for (let search = Math.max(from, base);;) {
      const found = this.piece.indexOf("\"", search - base)
      if (found < 0) return -1
      const quote = found + base
      let backslashes = 0
      while (quote - backslashes - 1 >= start && this.code(quote - backslashes - 1) === BACKSLASH) backslashes++
      if (backslashes % 2 === 0) return quote
      search = quote + 1
    }
  }

  /**
   * Feeds the next piece of text; returns the texts of the events completed by it. The piece is read where it is:
   * it is never joined to what came before, except for an element that spans the two.
   */
  push(piece: string): Array<string> {
    const events: Array<string> = []
    this.piece = piece
    const base = this.carry.length
    const end = base + piece.length
    const levels = this.levels
    for (let i = base; i < end; i++) {
      if (this.stringStart < 0) {
        const c = piece.charCodeAt(i - base)
        if (levels.length === 0 && c > 32 && c !== OPEN_OBJECT) {
          throw new Error(this.finished ? "text after the end of the answer" : "the answer is not a JSON object")
        }
        if (c !== QUOTE) {
          this.structure(c, i, events)
          continue
        }
        this.stringStart = i
        this.startValue(i)
        i++
      }
      // Jump to the string's end; only the keys of the two outer levels ("export", "events") need reading.
      const close = this.closingQuote(this.stringStart + 1, i)
      if (close < 0) break
      i = close
      if (this.awaitingKey()) {
        const top = levels.length - 1
        this.keys[top] = JSON.parse(this.text(this.stringStart, close + 1)) as string
        this.expectKey[top] = false
      }
      this.stringStart = -1
    }
    // Keep only what an unfinished element, member or string still needs.
    let cut = end
    for (const start of [this.elementStart, this.memberStart, this.stringStart]) {
      if (start >= 0) cut = Math.min(cut, start)
    }
    this.carry = this.text(cut, end)
    this.piece = ""
    if (this.elementStart >= 0) this.elementStart -= cut
    if (this.memberStart >= 0) this.memberStart -= cut
    if (this.stringStart >= 0) this.stringStart -= cut
    return events
  }

  /** A character outside strings: brackets, commas, the starts of other values. */
  private structure(c: number, i: number, events: Array<string>) {
    const levels = this.levels
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (this.finished) throw new Error("text after the end of the answer")
      this.started = true
      this.startValue(i)
      if (levels.length < 2) {
        this.keys[levels.length] = undefined
        this.expectKey[levels.length] = c === OPEN_OBJECT
      }
      levels.push(c)
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (levels.length === 1) this.endMember(i)
      const closed = levels.pop()
      if (closed === undefined || (closed === OPEN_OBJECT) !== (c === CLOSE_OBJECT)) {
        throw new Error(`unbalanced ${String.fromCharCode(c)} at ${i}`)
      }
      if (levels.length === 3 && this.elementStart >= 0 && this.inEvents()) {
        events.push(this.text(this.elementStart, i + 1))
        this.elementStart = -1
      }
      if (levels.length === 1) this.endMember(i + 1)
      if (levels.length === 0) this.finished = true
    } else if (c === COMMA) {
      if (levels.length === 1) this.endMember(i)
      const top = levels.length - 1
      if ((top === 0 || top === 1) && levels[top] === OPEN_OBJECT) this.expectKey[top] = true
    } else if (c !== COLON && c > 32) {
      this.startValue(i)
    }
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
    const raw = this.text(this.memberStart, end).trim()
    if (raw !== "") this.members[this.memberKey] = JSON.parse(raw)
    this.memberStart = -1
    this.memberKey = undefined
  }

  /** Checks that a whole answer was read: an empty body counts as `{}`. */
  end(): void {
    if (this.started && !this.finished) throw new Error("the answer ended early")
    if (this.stringStart >= 0) throw new Error("the answer ended inside a string")
  }
}
