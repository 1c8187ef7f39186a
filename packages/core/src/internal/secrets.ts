/**
 * The secrets a request carried, kept beside its answer so that they can be taken out of any of the answer's text
 * that ends up in an error: a server or a proxy may echo a request (a login's body, its `Authorization` header) in an
 * error page or an RPC exception.
 *
 * The transport remembers the credentials of each answer it reads; the secrets of the request's body are the
 * `Redacted` values in it. Nothing is computed until an error needs it.
 */
import * as Redacted from "effect/Redacted"
import type { AmsRequest } from "../AmsRequest.js"
import type { Credentials } from "../Transport.js"

/** The credentials each answer was obtained with (an answer is an object of its own, never shared). */
const credentialsOf = new WeakMap<object, Credentials>()

/** Keeps the credentials `answer` was obtained with. */
export const remember = (answer: object, credentials: Credentials): void => {
  credentialsOf.set(answer, credentials)
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
 * `text` from the answer to `request` with every secret the request carried replaced by `<redacted>` (as it is, and
 * as it appears inside a JSON string).
 */
export const redact = (answer: object, request: AmsRequest, text: string): string => {
  const secrets = [...ofCredentials(credentialsOf.get(answer)), ...ofBody(request.body, [])]
    .flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)])
    .filter((secret) => secret !== "")
    // The longest first: a secret may hold another
    .sort((a, b) => b.length - a.length)
  return secrets.reduce((redacted, secret) => redacted.replaceAll(secret, "<redacted>"), text)
}
