/**
 * A small `multipart/form-data` reader for `/x/fileupload`: the parts of a body with their field name, file name,
 * content type and raw bytes. Only what clients send is supported (CRLF line breaks, quoted `name`/`filename`);
 * anything else reads as malformed (`undefined`).
 *
 * @since 0.1.0
 * @internal
 */

/** One part of a multipart body. @internal */
export interface Part {
  readonly name: string
  readonly filename: string | undefined
  readonly contentType: string | undefined
  readonly data: Buffer
}

const header = (lines: ReadonlyArray<string>, name: string): string | undefined => {
  const prefix = `${name.toLowerCase()}:`
  return lines.find((line) => line.toLowerCase().startsWith(prefix))?.slice(prefix.length).trim()
}

const parsePart = (headerText: string, data: Buffer): Part | undefined => {
  const lines = headerText.split("\r\n")
  const disposition = header(lines, "content-disposition")
  if (disposition === undefined) return undefined
  const name = /(?:^|;)\s*name="([^"]*)"/i.exec(disposition)?.[1]
  if (name === undefined) return undefined
  const filename = /(?:^|;)\s*filename="([^"]*)"/i.exec(disposition)?.[1]
  return { name, filename, contentType: header(lines, "content-type"), data }
}

/** The parts of a `multipart/form-data` body; `undefined` when it is not one or is malformed. @internal */
export const parseMultipart = (
  contentType: string | undefined,
  body: Uint8Array
): ReadonlyArray<Part> | undefined => {
  if (contentType === undefined || !/^multipart\/form-data/i.test(contentType.trim())) return undefined
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  const boundary = match?.[1] ?? match?.[2]
  if (boundary === undefined) return undefined
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  const delimiter = Buffer.from(`--${boundary}`)
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`)
  let position = buffer.indexOf(delimiter)
  if (position < 0) return undefined
  position += delimiter.length
  const parts: Array<Part> = []
  for (;;) {
    const after = buffer.subarray(position, position + 2).toString("latin1")
    if (after === "--") return parts
    if (after !== "\r\n") return undefined
    const headerEnd = buffer.indexOf("\r\n\r\n", position + 2)
    if (headerEnd < 0) return undefined
    const end = buffer.indexOf(nextDelimiter, headerEnd + 4)
    if (end < 0) return undefined
    const part = parsePart(
      buffer.subarray(position + 2, headerEnd).toString("utf8"),
      buffer.subarray(headerEnd + 4, end)
    )
    if (part === undefined) return undefined
    parts.push(part)
    position = end + nextDelimiter.length
  }
}
