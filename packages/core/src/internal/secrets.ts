/**
 * The secrets a request carried, kept beside its answer so that they can be taken out of any of the answer's text
 * that ends up in an error: a server or a proxy may echo a request (a login's body, its `Authorization` header) in an
 * error page or an RPC exception.
 *
 * The transport makes each answer it reads an {@link Answer}, which holds the request's credentials; the secrets of
 * the request's body are the `Redacted` values in it. Nothing is computed until an error needs it.
 */
import type * as Headers from "@effect/platform/Headers"
import * as Redacted from "effect/Redacted"
import type { AmsRequest } from "../AmsRequest.js"
import type { AmsResponse } from "../AmsResponse.js"
import type { Credentials } from "../Transport.js"

/**
 * An answer read by the transport, holding the credentials it was obtained with in a private field: no printing,
 * logging, serialising or spreading shows them, and only {@link redact} reads them. (A `WeakMap` from answers to
 * credentials did the same for about 1 µs of CPU per call, most of it the garbage collector's.)
 */
export class Answer implements AmsResponse {
  readonly #credentials: Credentials

  constructor(
    readonly request: AmsRequest,
    readonly url: string,
    readonly status: number,
    readonly headers: Headers.Headers,
    readonly body: string,
    readonly attempts: number,
    credentials: Credentials
  ) {
    this.#credentials = credentials
  }

  /** The credentials `answer` was obtained with, if the transport read it. */
  static credentialsOf(answer: AmsResponse): Credentials | undefined {
    return #credentials in answer ? answer.#credentials : undefined
  }
}

/**
 * `username:password` encoded as UTF-8 then base64, as HTTP Basic authentication sends it (RFC 7617's charset, as
 * curl and browsers send it): a name such as "Łukasz" has no Latin-1 form, which is all `btoa` takes.
 */
export const basicToken = (username: string, password: Redacted.Redacted<string>): string => {
  let binary = ""
  for (const byte of new TextEncoder().encode(`${username}:${Redacted.value(password)}`)) {
    binary += String.fromCharCode(byte)
  }
  return btoa(binary)
}

const ofCredentials = (credentials: Credentials | undefined): ReadonlyArray<string> => {
  switch (credentials?._tag) {
    case undefined:
    case "None":
      return []
    case "Basic":
      return [Redacted.value(credentials.password), basicToken(credentials.username, credentials.password)]
    case "Bearer":
    case "Session":
      return [Redacted.value(credentials.token)]
  }
}

/** The `Redacted` values in a request body, not looking deeper than a body of AMS's shapes goes. */
const ofBody = (value: unknown, found: Array<string>, depth = 0): Array<string> => {
  if (Redacted.isRedacted(value)) {
    const secret = Redacted.value(value)
    if (typeof secret === "string") found.push(secret)
  } else if (depth < 32 && typeof value === "object" && value !== null && !(value instanceof FormData)) {
    for (const child of Object.values(value)) ofBody(child, found, depth + 1)
  }
  return found
}

/**
 * `text` from `answer` with every secret its request carried replaced by `<redacted>` (as it is, and
 * as it appears inside a JSON string).
 */
export const redact = (answer: AmsResponse, text: string): string => {
  const secrets = [...ofCredentials(Answer.credentialsOf(answer)), ...ofBody(answer.request.body, [])]
    .flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)])
    .filter((secret) => secret !== "")
    // The longest first: a secret may hold another
    .sort((a, b) => b.length - a.length)
  return secrets.reduce((redacted, secret) => redacted.replaceAll(secret, "<redacted>"), text)
}
