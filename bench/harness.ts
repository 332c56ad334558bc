/**
 * Benchmark plumbing (PERFORMANCE.md "Method"): warm up, several rounds, report medians, and
 * print one JSON object per figure with the raw building block measured in the same run.
 */

export interface Figure {
  name: string
  value: number
  unit: string
  /** The raw building block measured in the same run, same unit. */
  baseline: number
  /** value / baseline for rates (higher is better), so 1.0 means "as fast as the raw part". */
  ratio: number
  /** Context: provider name, counts, RSS. */
  detail?: Record<string, string | number>
}

export interface BenchContext {
  /** `ratio` defaults to value / baseline; pass it for figures where lower is better. */
  report(figure: { name: string, value: number, unit: string, baseline: number, ratio?: number, detail?: Record<string, string | number> }): void
}

export function median (values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] as number : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

export function percentile (values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index] as number
}

/**
 * Operations per second of `op`, as the median over `rounds` rounds of `iterations` calls after
 * one warm-up round. Bounded: iterations and rounds are fixed counts.
 */
export async function opsPerSecond (op: (i: number) => Promise<unknown> | unknown, iterations: number, rounds = 5): Promise<number> {
  for (let i = 0; i < Math.min(iterations, 50); i++) await op(i)
  const rates: number[] = []
  for (let r = 0; r < rounds; r++) {
    const start = performance.now()
    for (let i = 0; i < iterations; i++) await op(i)
    const elapsed = performance.now() - start
    rates.push(iterations / (elapsed / 1000))
  }
  return median(rates)
}
