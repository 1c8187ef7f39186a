import { describe, expect, it } from "@effect/vitest"
import { RecentLog } from "../src/internal/recentLog.js"

const filled = (limit: number, count: number) => {
  const log = new RecentLog<number>(limit)
  for (let i = 1; i <= count; i++) log.append(i)
  return log
}

describe("RecentLog", () => {
  it("keeps the latest entries, oldest first, on either side of the batch that drops the older ones", () => {
    expect(filled(4, 3).latest()).toEqual([1, 2, 3])
    expect(filled(4, 4).latest()).toEqual([1, 2, 3, 4])
    expect(filled(4, 7).latest()).toEqual([4, 5, 6, 7])
    expect(filled(4, 8).latest()).toEqual([5, 6, 7, 8])
    expect(filled(4, 1_001).latest()).toEqual([998, 999, 1_000, 1_001])
  })

  it("holds fewer than twice its limit in memory", () => {
    for (let count = 0; count <= 100; count++) expect(filled(4, count).held).toBeLessThan(8)
  })

  it("keeps every entry with Infinity and none with 0", () => {
    expect(filled(Infinity, 50_000).latest()).toHaveLength(50_000)
    expect(filled(0, 10).latest()).toEqual([])
  })

  it("starts again once cleared", () => {
    const log = filled(2, 5)
    log.clear()
    log.append(6)
    expect(log.latest()).toEqual([6])
  })
})
