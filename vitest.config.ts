/** Root Vitest configuration: one project per workspace package (see `vitest.shared.ts`). */
import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    projects: ["packages/*", "examples", "tools"],
    // The JSON report is what `.ci/run` reads for its closing `N passed, M failed` line.
    reporters: ["default", ["json", { outputFile: ".vitest-results.json" }]]
  }
})
