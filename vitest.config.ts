/** Root Vitest configuration: one project per workspace package (see `vitest.shared.ts`). */
import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    projects: ["packages/*"]
  }
})
