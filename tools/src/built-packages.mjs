/**
 * Runs a tool on the packages as they are published: `@ams-effect/*` resolves to each package's compiled `dist/`
 * (what `pnpm build` writes and npm ships) instead of its TypeScript sources, which tsx compiles with a helper call
 * on every function it creates (`keepNames`) and so would make any closure-heavy code look slower than it ships.
 * Use: `node --import tsx --import ./src/built-packages.mjs …`.
 */
import { register } from "node:module"
import { isMainThread } from "node:worker_threads"

if (isMainThread) register(import.meta.url)

const packages = new URL("../../packages/", import.meta.url)

export const resolve = (specifier, context, next) => {
  const match = /^@ams-effect\/(core|v1|v2|v3|agileassets|simulator)(?:\/(.+))?$/.exec(specifier)
  if (match === null) return next(specifier, context)
  const [, name, module = "index"] = match
  return { url: new URL(`${name}/dist/${module}.js`, packages).href, shortCircuit: true }
}
