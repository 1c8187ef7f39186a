/**
 * `pnpm bench`: measures ams-effect against raw undici (and against a one-request-at-a-time importer) on loopback,
 * all in one run on this machine, and prints a table of ratios, on the packages as built (`dist/`, what npm ships;
 * see built-packages.mjs). The simulator runs in a process of its own so that CPU time and memory are the client's
 * alone. Never a test: figures, not assertions.
 *
 * (a) 2,000 `listgroups` calls, sequential and at concurrency 16: wall and CPU time vs `undici.request` +
 *     `JSON.parse` with the same headers, each call from a Promise (`Effect.runPromise`) and all in one Effect
 *     program; also two floors: that raw call run as an Effect, and the cheapest call undici offers (its dispatch
 *     interface) run as an Effect, the least any Effect-based client on undici can cost. Each figure is the median
 *     of fifteen ratios, raw and the contender measured back to back, with their range.
 * (b) `synchronise` and `searchEvents` of 100,000 events: throughput vs raw; peak RSS above baseline while
 *     `synchroniseStream` runs, at 10k, 100k and 300k events (each in a fresh process), consumed with
 *     `Stream.runForEach`, and at 300k with `Stream.runFold` too.
 * (c) 50,000 events imported in chunks with bounded concurrency vs one request per event, sequentially.
 * (d) N concurrent first calls → logins made.
 */
import { AmsConfig, AmsHttp, Session } from "@ams-effect/core"
import { DemoData, Simulator } from "@ams-effect/simulator"
import { type Event, V1Client } from "@ams-effect/v1"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Effect, Layer, Redacted, Stream } from "effect"
import { type ChildProcess, spawn } from "node:child_process"
import * as os from "node:os"
import * as path from "node:path"
import { getGlobalDispatcher, request } from "undici"
import { type HttpClientName, httpClientNames, httpClients } from "./HttpClients.js"

const here = import.meta.dirname

const startServer = (): Promise<{ readonly child: ChildProcess; readonly siteUrl: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, path.join(here, "bench-server.ts")], {
      stdio: ["ignore", "pipe", "inherit"]
    })
    let buffer = ""
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8")
      const line = buffer.split("\n").find((l) => l.startsWith("{"))
      if (line !== undefined) resolve({ child, siteUrl: (JSON.parse(line) as { siteUrl: string }).siteUrl })
    })
    child.on("exit", (code) => reject(new Error(`bench server exited with ${code}`)))
  })

const clientLayer = (siteUrl: string, httpClient: HttpClientName) =>
  V1Client.layer.pipe(
    Layer.provideMerge(AmsHttp.layerWithSession),
    Layer.provide(
      AmsConfig.layer({
        url: siteUrl,
        username: DemoData.coach.username,
        password: Redacted.make(DemoData.coach.password),
        timeout: "10 minutes"
      }).pipe(Layer.orDie)
    ),
    Layer.provide(httpClients[httpClient])
  )

interface Measure {
  readonly wallMs: number
  readonly cpuMs: number
}

const measure = async (f: () => Promise<unknown>): Promise<Measure> => {
  const cpu = process.cpuUsage()
  const start = performance.now()
  await f()
  const used = process.cpuUsage(cpu)
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 }
}

/**
 * Raw and a contender measured back to back, `rounds` times, which goes first alternating from round to round (so
 * that neither always runs on the heels of the other): each round's pair of measures.
 */
const rounds = async (count: number, raw: () => Promise<unknown>, contender: () => Promise<unknown>) => {
  const pairs: Array<{ readonly r: Measure; readonly a: Measure }> = []
  for (let round = 0; round < count; round++) {
    if (round % 2 === 0) {
      const r = await measure(raw)
      pairs.push({ r, a: await measure(contender) })
    } else {
      const a = await measure(contender)
      pairs.push({ r: await measure(raw), a })
    }
  }
  return pairs
}

/** The middle value (the mean of the two middle ones for an even count). */
const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Ratios of one measure to another over several rounds: their median, and the lowest and highest. */
interface Ratios {
  readonly median: number
  readonly low: number
  readonly high: number
}

const ratiosOf = (values: ReadonlyArray<number>): Ratios => ({
  median: median(values),
  low: Math.min(...values),
  high: Math.max(...values)
})

const showRatios = ({ high, low, median }: Ratios) => `${median.toFixed(2)}× (${low.toFixed(2)}–${high.toFixed(2)})`

/**
 * The ratios of a contender to raw over back-to-back rounds: their median and range. The CPU time of a short call
 * moves with the pace at which the server answers (which sets how many answers each turn of the event loop takes):
 * here from 50 to 130 µs a call between batches while a fresh server warmed up, and by about a tenth from batch to
 * batch after. Two batches run back to back see the same pace, so their ratio moves less than either; and the median
 * of those ratios is not swayed by one odd batch, as the best of each side was.
 */
const paired = async (count: number, raw: () => Promise<unknown>, contender: () => Promise<unknown>) => {
  const pairs = await rounds(count, raw, contender)
  return {
    wall: ratiosOf(pairs.map(({ a, r }) => a.wallMs / r.wallMs)),
    cpu: ratiosOf(pairs.map(({ a, r }) => a.cpuMs / r.cpuMs))
  }
}

/**
 * How many back-to-back rounds each small-call figure is the median of. With seven, the median of the same code moved
 * by about a tenth from run to run here (a `runPromise` per call at concurrency 16: 1.04× to 1.12× in three runs,
 * where 25 rounds in one process gave 1.03–1.06×); fifteen narrow that by about a third, for three more minutes.
 */
const smallCallRounds = 15

/** The best of each side over back-to-back rounds: for the large answers, whose rounds are few and long. */
const bestOfEach = async (count: number, raw: () => Promise<unknown>, contender: () => Promise<unknown>) => {
  const pairs = await rounds(count, raw, contender)
  const best = (side: (pair: { readonly r: Measure; readonly a: Measure }) => Measure): Measure => ({
    wallMs: Math.min(...pairs.map((pair) => side(pair).wallMs)),
    cpuMs: Math.min(...pairs.map((pair) => side(pair).cpuMs))
  })
  return { r: best(({ r }) => r), a: best(({ a }) => a) }
}

const pool = async (count: number, concurrency: number, task: (i: number) => Promise<unknown>) => {
  let next = 0
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await task(next++)
  }))
}

/** How the bench consumes `synchroniseStream`: an effect per element, as most programs do, or a pure fold. */
type Consumer = "runForEach" | "runFold"

/**
 * `--measure-sync <userId> <siteUrl> <client> <consumer>`: consumes synchroniseStream in this fresh process and
 * reports the peak RSS growth; with `runForEach`, then consumes it again, forcing a full GC every 25,000 events, and
 * reports the largest growth of the heap still in use after those collections (what the stream holds, without V8's
 * room for garbage).
 */
const measureSync = async (userId: number, siteUrl: string, httpClient: HttpClientName, consumer: Consumer) => {
  const run = Effect.gen(function*() {
    const v1 = yield* V1Client.V1Client
    yield* v1.listGroups // log in, warm up, before the baseline
    global.gc?.()
    const baseline = process.memoryUsage().rss
    let peak = baseline
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss)
    }, 5)
    const start = performance.now()
    let events = 0
    const stream = v1.synchroniseStream({ formName: "Wellness", userIds: [userId] })
    if (consumer === "runForEach") {
      yield* Stream.runForEach(stream, (batch) => Effect.sync(() => void (events += batch.events.length)))
    } else {
      events = yield* Stream.runFold(stream, 0, (count, batch) => count + batch.events.length)
    }
    clearInterval(timer)
    peak = Math.max(peak, process.memoryUsage().rss)
    const millis = performance.now() - start
    const growthMiB = (peak - baseline) / 1024 / 1024
    if (consumer === "runFold") return { events, millis, growthMiB, liveHeapMiB: Number.NaN }
    global.gc?.()
    const heapBaseline = process.memoryUsage().heapUsed
    let liveHeap = 0
    let probed = 0
    yield* Stream.runForEach(
      v1.synchroniseStream({ formName: "Wellness", userIds: [userId] }),
      (batch) =>
        Effect.sync(() => {
          probed += batch.events.length
          if (probed % 25_000 >= batch.events.length) return
          global.gc?.()
          liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed - heapBaseline)
        })
    )
    return { events, millis, growthMiB, liveHeapMiB: liveHeap / 1024 / 1024 }
  }).pipe(Effect.provide(clientLayer(siteUrl, httpClient)))
  process.stdout.write(`${JSON.stringify(await Effect.runPromise(run))}\n`)
}

const syncInFreshProcess = (userId: number, siteUrl: string, httpClient: HttpClientName, consumer: Consumer) =>
  new Promise<{ events: number; millis: number; growthMiB: number; liveHeapMiB: number }>((resolve, reject) => {
    // The same Node options as this process (tsx, and the packages as built)
    const child = spawn(process.execPath, [
      ...process.execArgv,
      "--expose-gc",
      path.join(here, "bench-cli.ts"),
      "--measure-sync",
      String(userId),
      siteUrl,
      httpClient,
      consumer
    ], {
      stdio: ["ignore", "pipe", "inherit"],
      cwd: path.join(here, "..")
    })
    let out = ""
    child.stdout.on("data", (chunk: Buffer) => void (out += chunk.toString("utf8")))
    child.on(
      "exit",
      (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!)) : reject(new Error(`exit ${code}`)))
    )
  })

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`

const main = async () => {
  console.log(
    `ams-effect bench — Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${
      Math.round(os.totalmem() / 2 ** 30)
    } GiB; the packages as built (dist/), as published`
  )
  const { child, siteUrl } = await startServer()
  try {
    const rows: Array<[string, string, string, string]> = []
    await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
      const clients = {
        "NodeHttpClient.layerUndici": yield* Layer.build(clientLayer(siteUrl, "NodeHttpClient.layerUndici")),
        "UndiciHttpClient.layer": yield* Layer.build(clientLayer(siteUrl, "UndiciHttpClient.layer"))
      }
      const v1Of = (name: HttpClientName) => Effect.runSync(Effect.provide(V1Client.V1Client, clients[name]))
      const v1 = v1Of("UndiciHttpClient.layer")
      const session = Effect.runSync(Effect.provide(Session.Session, clients["UndiciHttpClient.layer"]))
      const token = Redacted.value((yield* Effect.provide(session.current, clients["UndiciHttpClient.layer"])).token)
      const headers = {
        accept: "application/json",
        "content-type": "application/json",
        "user-agent": "ams-effect/0.1.0",
        "session-header": token,
        cookie: `JSESSIONID=${token}`
      }
      const listUrl = `${siteUrl}/api/v1/listgroups?informat=json&format=json`
      const raw = async () => {
        const res = await request(listUrl, { method: "POST", headers, body: "{\"name\":\"\"}" })
        return JSON.parse(await res.body.text()) as unknown
      }
      /**
       * The same call the cheapest way undici offers (what UndiciHttpClient.read does): its dispatch interface, the
       * body's chunks collected as they come, no stream and no abort signal.
       */
      const { origin, pathname, search } = new URL(listUrl)
      const dispatched = () =>
        new Promise<unknown>((resolve, reject) => {
          const chunks: Array<Buffer> = []
          getGlobalDispatcher().dispatch({
            origin,
            path: pathname + search,
            method: "POST",
            headers,
            body: "{\"name\":\"\"}"
          }, {
            onRequestStart: () => {}, // without it, undici takes this for a handler of its older interface
            onResponseData: (_, chunk) => void chunks.push(chunk),
            onResponseEnd: () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8"))),
            onResponseError: (_, error) => reject(error)
          })
        })
      /** A v1 call the raw way (undici + `JSON.parse` of the whole answer), counting the events `pick` finds in it. */
      const rawEvents = <Answer>(path: string, body: unknown, pick: (answer: Answer) => ReadonlyArray<unknown>) => {
        const url = `${siteUrl}/api/v1/${path}?informat=json&format=json`
        const text = JSON.stringify(body)
        return async () => {
          const res = await request(url, { method: "POST", headers, body: text })
          return pick(JSON.parse(await res.body.text()) as Answer).length
        }
      }
      const rawSync = rawEvents(
        "synchronise",
        { formName: "Wellness", userIds: [40002], lastSynchronisationTimeOnServer: 0 },
        (answer: { export: { events: Array<unknown> } }) => answer.export.events
      )
      const rawSearch = rawEvents("eventsearch", {
        formNames: ["Wellness"],
        userIds: [40002],
        startDate: "01/01/2020",
        finishDate: "31/12/2039",
        startTime: "12:00 AM",
        finishTime: "11:59 PM"
      }, (answer: { events: Array<unknown> }) => answer.events)
      yield* Effect.promise(async () => {
        // (a) listgroups: raw and each client back to back, `smallCallRounds` rounds, the median ratio and the range
        // (see `paired`), once the server has warmed up (its first tens of thousands of answers come slower). Each
        // client is called both ways programs call it: from a Promise (a `runPromise` per call, as code outside Effect
        // does) and in one Effect program (`Effect.forEach`). Then two floors: the raw call itself run as an Effect (what
        // running any call as an Effect costs), and the cheapest call undici offers run as an Effect (the least any
        // Effect-based client on undici can cost).
        type Batch = (count: number, concurrency: number) => Promise<unknown>
        const perCall = (call: Effect.Effect<unknown, unknown>): Batch => (count, concurrency) =>
          pool(count, concurrency, () => Effect.runPromise(call))
        const inProgram = (call: Effect.Effect<unknown, unknown>): Batch => (count, concurrency) =>
          Effect.runPromise(Effect.forEach(Array.from({ length: count }), () => call, { concurrency, discard: true }))
        const ways = [["a runPromise per call", perCall], ["in one program", inProgram]] as const
        const floor = "floor: the raw call run as an Effect"
        const contenders: ReadonlyArray<readonly [string, Effect.Effect<unknown, unknown>]> = [
          ...httpClientNames.map((name) => [name, v1Of(name).listGroups] as const),
          [floor, Effect.promise(raw)],
          ["floor: the cheapest undici call (dispatch) run as an Effect", Effect.promise(dispatched)]
        ]
        /** Each contender's ratios to raw, by way and concurrency: to compare each client with the floor after. */
        const ratios = new Map<string, { readonly wall: number; readonly cpu: number }>()
        await pool(30_000, 16, raw)
        for (const [name, call] of contenders) {
          for (const [way, batchOf] of ways) {
            const batch = batchOf(call)
            await pool(300, 4, raw)
            await batch(300, 4)
            for (const concurrency of [1, 16]) {
              const { cpu, wall } = await paired(
                smallCallRounds,
                () => pool(2_000, concurrency, raw),
                () => batch(2_000, concurrency)
              )
              rows.push([
                `(a) 2,000 listgroups, concurrency ${concurrency}, ${name}, ${way}`,
                `median of ${smallCallRounds} rounds (range)`,
                `wall ${showRatios(wall)}`,
                `CPU ${showRatios(cpu)} (target ≤ 1.10×)`
              ])
              ratios.set(`${name}, ${way}, ${concurrency}`, { wall: wall.median, cpu: cpu.median })
            }
          }
        }
        // Each client against the floor: what the client costs beyond running a call as an Effect at all
        for (const name of httpClientNames) {
          for (const [way] of ways) {
            for (const concurrency of [1, 16]) {
              const client = ratios.get(`${name}, ${way}, ${concurrency}`)!
              const base = ratios.get(`${floor}, ${way}, ${concurrency}`)!
              rows.push([
                `(a) 2,000 listgroups, concurrency ${concurrency}, ${name}, ${way}: against the floor`,
                "(each ratio to raw, divided by the floor's)",
                `wall ${ratio(client.wall, base.wall)}`,
                `CPU ${ratio(client.cpu, base.cpu)}`
              ])
            }
          }
        }
        // (b) a large answer read whole, ams-effect vs raw undici + JSON.parse, best of three: events per second
        const throughput = async (
          call: string,
          client: HttpClientName,
          rawRead: () => Promise<number>,
          amsRead: () => Promise<number>
        ) => {
          let rawCount = 0
          let amsCount = 0
          const { a, r } = await bestOfEach(
            3,
            async () => void (rawCount = await rawRead()),
            async () => void (amsCount = await amsRead())
          )
          rows.push([
            `(b) ${call} ${rawCount.toLocaleString("en")} events, ${client}`,
            `${Math.round(amsCount / (a.wallMs / 1000)).toLocaleString("en")} vs ${
              Math.round(rawCount / (r.wallMs / 1000)).toLocaleString("en")
            } events/s`,
            `throughput ${ratio(r.wallMs, a.wallMs)}`,
            "target ≥ 0.80×"
          ])
        }
        for (const name of httpClientNames) {
          const client = v1Of(name)
          const synchronise = client.synchronise({ formName: "Wellness", userIds: [40002] })
          await throughput(
            "synchronise",
            name,
            rawSync,
            async () => (await Effect.runPromise(synchronise)).events.length
          )
          // The same history through eventsearch, whose answer is one JSON document (decoded once it has all come)
          const search = client.searchEvents({
            forms: "Wellness",
            userIds: [40002],
            from: "01/01/2020",
            to: "31/12/2039"
          })
          await throughput("searchEvents", name, rawSearch, async () => (await Effect.runPromise(search)).length)
        }
        for (const name of httpClientNames) {
          for (const [label, userId] of [["10k", 40001], ["100k", 40002], ["300k", 40003]] as const) {
            const m = await syncInFreshProcess(userId, siteUrl, name, "runForEach")
            rows.push([
              `(b) synchroniseStream ${label}, ${name}: peak RSS growth`,
              `${m.events.toLocaleString("en")} events in ${(m.millis / 1000).toFixed(1)} s`,
              `${m.growthMiB.toFixed(0)} MiB (live heap +${m.liveHeapMiB.toFixed(1)} MiB)`,
              "target ≤ 64 MiB at 300k"
            ])
          }
          // The same stream consumed by a pure fold: what an effect per element in the consumer adds (see README)
          const folded = await syncInFreshProcess(40003, siteUrl, name, "runFold")
          rows.push([
            `(b) synchroniseStream 300k with Stream.runFold, ${name}: peak RSS growth`,
            `${folded.events.toLocaleString("en")} events in ${(folded.millis / 1000).toFixed(1)} s`,
            `${folded.growthMiB.toFixed(0)} MiB`,
            "target ≤ 64 MiB at 300k"
          ])
        }
        // (c) imports
        const event = (i: number): Event.EventInput => ({
          formName: "Wellness",
          userId: 40001 + (i % 3),
          start: new Date(2033, 0, 1 + Math.floor(i / 1440), Math.floor(i / 60) % 24, i % 60),
          values: { Fatigue: 1 + (i % 5), Comments: `import bench ${i}` }
        })
        const importUrl = `${siteUrl}/api/v1/eventsimport?informat=json&format=json`
        const sequentialCount = 1_000
        const seq = await measure(async () => {
          for (let i = 0; i < sequentialCount; i++) {
            const e = event(1_000_000 + i)
            const start = e.start as Date
            const wire = {
              formName: e.formName,
              userId: { userId: e.userId },
              enteredByUserId: 20100,
              startDate: `${String(start.getDate()).padStart(2, "0")}/${
                String(start.getMonth() + 1).padStart(2, "0")
              }/${start.getFullYear()}`,
              startTime: `${start.getHours() % 12 === 0 ? 12 : start.getHours() % 12}:${
                String(start.getMinutes()).padStart(2, "0")
              } ${start.getHours() < 12 ? "AM" : "PM"}`,
              finishDate: "01/01/2034",
              finishTime: "12:00 PM",
              rows: [{
                row: 0,
                pairs: Object.entries(e.values ?? {}).map(([key, value]) => ({ key, value: String(value) }))
              }]
            }
            const res = await request(importUrl, { method: "POST", headers, body: JSON.stringify({ events: [wire] }) })
            await res.body.text()
          }
        })
        const bulk = 50_000
        const imp = await measure(() =>
          Effect.runPromise(
            v1.importEvents(Array.from({ length: bulk }, (_, i) => event(i)), { chunkSize: 500, concurrency: 4 })
          )
        )
        const seqRate = sequentialCount / (seq.wallMs / 1000)
        const impRate = bulk / (imp.wallMs / 1000)
        rows.push([
          `(c) import 50,000 events (chunks of 500, 4 at once)`,
          `${Math.round(impRate).toLocaleString("en")} vs ${
            Math.round(seqRate).toLocaleString("en")
          } events/s (one per request)`,
          `${ratio(impRate, seqRate)}`,
          "target ≥ 10×"
        ])
      })
    })))
    // (d) one login for N concurrent first calls (in-process simulator, to read its counters)
    const logins = await Effect.runPromise(
      Effect.gen(function*() {
        const v1 = yield* V1Client.V1Client
        yield* Effect.all(Array.from({ length: 200 }, () => v1.listGroups), { concurrency: "unbounded" })
        return (yield* Effect.flatMap(Simulator.Simulator, (s) => s.counters)).logins
      }).pipe(
        Effect.provide(V1Client.layer.pipe(
          Layer.provideMerge(AmsHttp.layerWithSession),
          Layer.provide(
            Layer.unwrapEffect(Effect.map(Simulator.Simulator, (s) =>
              AmsConfig.layer({
                url: s.siteUrl,
                username: DemoData.coach.username,
                password: Redacted.make(DemoData.coach.password)
              }))).pipe(Layer.orDie)
          ),
          Layer.provideMerge(Simulator.layer()),
          Layer.provide(NodeHttpClient.layerUndici)
        ))
      )
    )
    rows.push(["(d) 200 concurrent first calls", "logins made", String(logins), "target 1"])
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]!.length)))
    for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join("  "))
  } finally {
    child.kill()
  }
}

const index = process.argv.indexOf("--measure-sync")
if (index >= 0) {
  await measureSync(
    Number(process.argv[index + 1]),
    process.argv[index + 2]!,
    process.argv[index + 3] as HttpClientName,
    process.argv[index + 4] as Consumer
  )
  process.exit(0)
} else {
  await main()
  process.exit(0)
}
