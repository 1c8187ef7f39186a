/**
 * Test wiring: a fresh simulator on 127.0.0.1 per test, the core pipeline configured against it with a
 * recognisable password, and recorders for log lines and span attributes so tests can prove that no secret
 * leaves the library.
 */
import { AmsConfig, AmsHttp, RetryPolicy } from "@ams-effect/core"
import * as UndiciHttpClient from "@ams-effect/core/UndiciHttpClient"
import { DemoData, Simulator } from "@ams-effect/simulator"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import { Effect, Layer, Logger, LogLevel, Option, Redacted, Tracer } from "effect"
import * as http from "node:http"
import type { AddressInfo } from "node:net"

/** The API account's password in every test: easy to find if it ever leaks. */
export const password = "Pa55word-LEAK-CANARY-4f1c"

/** The demo data with the coach account's password replaced by {@link password}. */
export const seedData = (): DemoData.SeedData => {
  const data = DemoData.make()
  return {
    ...data,
    accounts: data.accounts.map((account) =>
      account.username === DemoData.coach.username ? { ...account, password } : account
    )
  }
}

/** The pipeline's behaviour is the same on either HTTP client: Effect's undici client and ours. */
export const httpClients = [
  ["NodeHttpClient.layerUndici", NodeHttpClient.layerUndici],
  ["UndiciHttpClient.layer", UndiciHttpClient.layer]
] as const

export interface Options {
  readonly simulator?: Simulator.Options
  readonly config?: Partial<AmsConfig.Options>
  readonly retry?: Parameters<typeof RetryPolicy.layer>[0]
  /** Connect to this site name instead of the simulator's own. */
  readonly site?: string
  /** The HTTP client; Effect's undici client by default. */
  readonly httpClient?: Layer.Layer<HttpClient.HttpClient>
}

/** Simulator + config + session + pipeline over real HTTP (undici). */
export const layer = (options: Options = {}) => {
  const config = Layer.unwrapEffect(Effect.map(Simulator.Simulator, (simulator) =>
    AmsConfig.layer({
      url: options.site === undefined ? simulator.siteUrl : `${simulator.url}/${options.site}`,
      username: DemoData.coach.username,
      password: Redacted.make(password),
      ...options.config
    }))).pipe(Layer.orDie)
  return AmsHttp.layerWithSession.pipe(
    Layer.provideMerge(config),
    Layer.provideMerge(Simulator.layer({ data: seedData(), ...options.simulator })),
    Layer.provideMerge(RetryPolicy.layer(options.retry ?? {})),
    Layer.provide(options.httpClient ?? NodeHttpClient.layerUndici)
  )
}

/** Every log line, with its annotations, as text. */
export const recordLogs = () => {
  const lines: Array<string> = []
  const logger = Logger.make(({ annotations, cause, logLevel, message }) => {
    lines.push(`${logLevel.label} ${JSON.stringify(message)} ${JSON.stringify([...annotations])} ${String(cause)}`)
  })
  const provide = <A, E, R>(self: Effect.Effect<A, E, R>) =>
    self.pipe(Effect.provide(Logger.add(logger)), Logger.withMinimumLogLevel(LogLevel.All))
  return { lines, provide }
}

/** A tracer that keeps every span's name and attributes. */
export const recordSpans = () => {
  const spans: Array<{ readonly name: string; readonly attributes: Map<string, unknown> }> = []
  let id = 0
  const tracer = Tracer.make({
    span: (name, parent, context, links, startTime, kind) => {
      const attributes = new Map<string, unknown>()
      spans.push({ name, attributes })
      const spanId = `span-${++id}`
      const span: Tracer.Span = {
        _tag: "Span",
        name,
        spanId,
        traceId: "trace",
        parent,
        context,
        status: { _tag: "Started", startTime },
        attributes,
        links: [...links],
        sampled: true,
        kind,
        end: () => {},
        attribute: (key, value) => {
          attributes.set(key, value)
        },
        event: () => {},
        addLinks: () => {}
      }
      return span
    },
    context: (f) => f()
  })
  const provide = <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.withTracer(self, tracer)
  const text = () => spans.map((span) => `${span.name} ${JSON.stringify([...span.attributes])}`).join("\n")
  return { spans, provide, text }
}

/** The number of requests the simulator logged for a route. */
export const requestsTo = (route: string) =>
  Effect.flatMap(
    Simulator.Simulator,
    (simulator) => Effect.map(simulator.requests, (requests) => requests.filter((request) => request.route === route))
  )

/** The value of an `Option`, or a test failure. */
export const some = <A>(option: Option.Option<A>): A => Option.getOrThrowWith(option, () => new Error("expected Some"))

/** A local server whose 200 answer sends `start`, then nothing more; `cutShort` as for {@link drippingServer}. */
export const stalledServer = (start: string) => drippingServer([start], 2 ** 31 - 1) // the end: in 24 days

/**
 * A local server whose 200 answer comes in `pieces`: the first at once, then one every `everyMillis`, then the end
 * (or, `"break off"`, the connection destroyed where the end should be), with `headers`; `cutShort` tells whether
 * the client closed the connection of an answer before its end.
 */
export const drippingServer = (
  pieces: ReadonlyArray<string>,
  everyMillis: number,
  ending: "end" | "break off" = "end",
  headers: http.OutgoingHttpHeaders = {}
) => {
  let cutShort = false
  return Effect.map(
    Effect.acquireRelease(
      Effect.async<http.Server>((resume) => {
        const server = http.createServer((_, response) => {
          response.writeHead(200, headers)
          response.write(pieces[0] ?? "")
          let sent = 1
          const timer = setInterval(() => {
            if (sent < pieces.length) response.write(pieces[sent++])
            else {
              clearInterval(timer)
              if (ending === "end") response.end()
              else response.socket?.destroy()
            }
          }, everyMillis)
          response.on("close", () => {
            clearInterval(timer)
            if (!response.writableEnded) cutShort = true
          })
        })
        server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
      }),
      (server) => Effect.sync(() => server.close())
    ),
    (server) => ({
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      cutShort: Effect.sync(() => cutShort)
    })
  )
}

/**
 * A local server that answers every request with `status` and a body echoing the request: its headers and its body,
 * as text (`"json"`), or inside a v2 RPC exception's `detailMessage` and `cause` (`"rpc"`), as a careless server or
 * proxy might.
 */
export const echoServer = (status: number, shape: "json" | "rpc") =>
  Effect.map(
    Effect.acquireRelease(
      Effect.async<http.Server>((resume) => {
        const server = http.createServer((request, response) => {
          let body = ""
          request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")))
          request.on("end", () => {
            const echo = { headers: request.headers, body }
            const text = shape === "json"
              ? JSON.stringify(echo)
              : JSON.stringify({
                __is_rpc_exception__: true,
                type: "EchoException",
                value: { detailMessage: `could not process ${body}`, cause: echo }
              })
            response.writeHead(status, { "content-type": "application/json" })
            response.end(text)
          })
        })
        server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
      }),
      (server) => Effect.sync(() => server.close())
    ),
    (server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  )

/**
 * A local server whose 200 JSON answer is `bytes` long (spaces, then `{}`), sent as fast as the client reads it;
 * `requests` counts the requests it answered, `written` the bytes of answers it has handed to the socket so far.
 */
export const hugeServer = (bytes: number) => {
  let requests = 0
  let written = 0
  const chunk = Buffer.alloc(1 << 20, " ")
  return Effect.map(
    Effect.acquireRelease(
      Effect.async<http.Server>((resume) => {
        const server = http.createServer((_, response) => {
          requests++
          response.writeHead(200, { "content-type": "application/json", "content-length": String(bytes) })
          let left = bytes - 2
          const write = () => {
            while (left > 0) {
              const piece = left >= chunk.length ? chunk : chunk.subarray(0, left)
              left -= piece.length
              written += piece.length
              if (!response.write(piece)) return void response.once("drain", write)
            }
            response.end("{}")
          }
          write()
        })
        server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
      }),
      (server) => Effect.sync(() => server.close())
    ),
    (server) => ({
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      requests: Effect.sync(() => requests),
      written: Effect.sync(() => written)
    })
  )
}
