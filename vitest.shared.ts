/**
 * Vitest settings shared by every project of the workspace: each package's
 * `vitest.config.ts` merges these with its own name.
 */
import * as path from "node:path"
import type { ViteUserConfig } from "vitest/config"

const config: ViteUserConfig = {
  esbuild: { target: "es2022" },
  test: {
    setupFiles: [path.join(import.meta.dirname, "vitest.setup.ts")],
    include: ["test/**/*.test.ts"],
    fakeTimers: { toFake: undefined },
    testTimeout: 20_000,
    hookTimeout: 20_000
  }
}

export default config
