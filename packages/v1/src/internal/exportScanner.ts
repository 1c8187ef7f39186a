/**
 * An incremental reader of a `synchronise` answer, `{"export": {"events": [...]}, "lastSynchronisationTimeOnServer":
 * n, "idsOfDeletedEvents": [...]}`, fed text as it arrives. It hands out the text of each element of
 * `export.events` as soon as the element is complete, and keeps the other top-level members, so that an export of
 * hundreds of thousands of events never has to be held (as text or as objects) all at once.
 *
 * It only splits: each element is then parsed by `JSON.parse`, so anything malformed inside one is still caught there;
 * malformed structure (an unbalanced bracket, a body that ends early) is reported by `end()`.
 */

type Frame = { readonly kind: "object"; key: string | undefined; expectKey: boolean } | { readonly kind: "array" }

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

/** Splits a synchronise answer into event texts and the other top-level members. */
export class ExportScanner {
  private text = ""
  private position = 0
  private readonly stack: Array<Frame> = []
  private stringStart = -1
  private elementStart = -1
  private memberStart = -1
  private memberKey: string | undefined = undefined
  private started = false
  private finished = false
  /** Top-level members other than `export`, parsed. */
  readonly members: Record<string, unknown> = {}

  /** Whether the scanner is inside `export.events` (the array's own frame is on top). */
  private inEvents(): boolean {
    const [top, exported, events] = this.stack
    return this.stack.length === 3 && top?.kind === "object" && top.key === "export" && exported?.kind === "object" &&
      exported.key === "events" && events?.kind === "array"
  }

  /** Feeds the next piece of text; returns the texts of the events completed by it. */
  push(chunk: string): Array<string> {
    const events: Array<string> = []
    this.text += chunk
    const text = this.text
    const stack = this.stack
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
        const frame = stack[stack.length - 1]
        if (stack.length <= 2 && frame?.kind === "object" && frame.expectKey) {
          frame.key = JSON.parse(text.slice(this.stringStart, end + 1)) as string
          frame.expectKey = false
        }
        this.stringStart = -1
        continue
      }
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (this.finished) throw new Error("text after the end of the answer")
        this.started = true
        this.startValue(i)
        stack.push(c === OPEN_OBJECT ? { kind: "object", key: undefined, expectKey: true } : { kind: "array" })
        continue
      }
      if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        if (stack.length === 1) this.endMember(i)
        const closed = stack.pop()
        if (closed === undefined || (closed.kind === "object") !== (c === CLOSE_OBJECT)) {
          throw new Error(`unbalanced ${String.fromCharCode(c)} at ${i}`)
        }
        if (stack.length === 3 && this.elementStart >= 0 && this.inEvents()) {
          events.push(text.slice(this.elementStart, i + 1))
          this.elementStart = -1
        }
        if (stack.length === 1) this.endMember(i + 1)
        if (stack.length === 0) this.finished = true
        continue
      }
      if (c === COMMA) {
        if (stack.length === 1) this.endMember(i)
        const frame = stack[stack.length - 1]
        if (frame?.kind === "object") frame.expectKey = true
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
    const frame = this.stack.at(-1)
    if (frame?.kind === "object" && frame.expectKey) return // a key, not a value
    if (this.stack.length === 3 && this.elementStart < 0 && this.inEvents()) this.elementStart = i
    if (this.stack.length === 1 && this.memberStart < 0 && frame?.kind === "object" && frame.key !== "export") {
      this.memberStart = i
      this.memberKey = frame.key
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
