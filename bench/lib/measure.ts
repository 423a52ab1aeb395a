/** Timing helpers for the benchmark: medians over repeated batches, so one noisy moment cannot decide a result. */

export type Measurement = {
  /** Median time per operation, in milliseconds. */
  median: number
  /** Per-operation means of each batch, in milliseconds. */
  samples: number[]
  operations: number
}

export type MeasureOptions = {
  /** Time each batch runs for (default 250 ms). */
  batchMs?: number
  /** Batches (default 7). */
  batches?: number
  /** Unmeasured runs first (default 20). */
  warmup?: number
  /** At least this many operations per batch (default 3). */
  minOperations?: number
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Runs `operation` in batches and reports the median of the batches' per-operation means. */
export async function measure(operation: () => unknown, options: MeasureOptions = {}): Promise<Measurement> {
  const { batchMs = 250, batches = 7, warmup = 20, minOperations = 3 } = options
  for (let i = 0; i < warmup; i++) await operation()
  const samples: number[] = []
  let operations = 0
  for (let b = 0; b < batches; b++) {
    let count = 0
    const start = performance.now()
    let elapsed = 0
    while (count < minOperations || elapsed < batchMs) {
      await operation()
      count++
      elapsed = performance.now() - start
    }
    samples.push(elapsed / count)
    operations += count
  }
  return { median: median(samples), samples, operations }
}

/**
 * Measures several variants of one operation in interleaved batches (A, B, C, A, B, C, ...), so that the noise of
 * a shared machine falls on all of them alike, and reports each one's median per-operation time.
 */
export async function compare<V extends string>(variants: Record<V, () => unknown>, options: MeasureOptions = {}): Promise<Record<V, number>> {
  const { batchMs = 250, batches = 7, warmup = 20, minOperations = 3 } = options
  const names = Object.keys(variants) as V[]
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<V, number[]>
  for (const name of names) for (let i = 0; i < warmup; i++) await variants[name]()
  for (let b = 0; b < batches; b++) {
    // Rotate the order each round so that no variant always runs right after another.
    const order = names.map((_, i) => names[(i + b) % names.length]!)
    for (const name of order) {
      let count = 0
      const start = performance.now()
      let elapsed = 0
      while (count < minOperations || elapsed < batchMs) {
        await variants[name]()
        count++
        elapsed = performance.now() - start
      }
      samples[name].push(elapsed / count)
    }
  }
  return Object.fromEntries(names.map((name) => [name, median(samples[name])])) as Record<V, number>
}

/** Times a one-off async task `times` times (each with its own setup) and reports the median. */
export async function measureEach(times: number, setup: () => Promise<unknown> | unknown, task: () => Promise<unknown> | unknown): Promise<Measurement> {
  const samples: number[] = []
  for (let i = 0; i < times; i++) {
    await setup()
    const start = performance.now()
    await task()
    samples.push(performance.now() - start)
  }
  return { median: median(samples), samples, operations: times }
}

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`
  if (ms >= 10) return `${ms.toFixed(1)} ms`
  if (ms >= 1) return `${ms.toFixed(2)} ms`
  return `${(ms * 1000).toFixed(0)} µs`
}

export function ratio(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(2)}x`
}

/** The spread of a set of ratios: median, 10th and 90th percentiles, extremes. */
export type RatioSpread = { median: number; p10: number; p90: number; min: number; max: number }

/** The value below which `fraction` of the sorted values lie (linear between neighbours). */
export function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return NaN
  const position = (sorted.length - 1) * fraction
  const low = Math.floor(position)
  const high = Math.ceil(position)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low)
}

export function spreadOf(values: readonly number[]): RatioSpread {
  return { median: median(values), p10: percentile(values, 0.1), p90: percentile(values, 0.9), min: Math.min(...values), max: Math.max(...values) }
}

export type PairedOptions = {
  /** Time each short batch runs for (default 15 ms). */
  pairMs?: number
  /** Rounds of batches (default 61: an odd count, so the median is one round's ratio). */
  pairs?: number
  /** Unmeasured runs of each variant first (default 20). */
  warmup?: number
  /** At least this many operations per batch (default 2). */
  minOperations?: number
}

export type PairedResult<V extends string> = {
  /** Median per-operation time of each variant, in milliseconds. */
  medians: Record<V, number>
  /** Per-round ratio `subject / baseline`, for each baseline, summarized. */
  ratios: Record<V, RatioSpread>
  /** Each variant's per-operation time in each round, in milliseconds (round i of every variant ran together). */
  rounds: Record<V, number[]>
}

/**
 * Measures `subject` against each baseline in many short interleaved rounds (subject, baselines; the next round in
 * the opposite order), and takes the ratio within each round: a slow moment of a shared machine lands on both
 * sides of one ratio and moves it little, where it would move one side of a ratio of two medians taken apart. The
 * spread of the per-round ratios says how far a verdict on a target is from noise.
 */
export async function comparePaired<V extends string>(
  subject: NoInfer<V>,
  variants: Record<V, () => unknown>,
  options: PairedOptions = {},
): Promise<PairedResult<V>> {
  const { pairMs = 15, pairs = 61, warmup = 20, minOperations = 2 } = options
  const names = Object.keys(variants) as V[]
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<V, number[]>
  const perRound = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<V, number[]>
  for (const name of names) for (let i = 0; i < warmup; i++) await variants[name]()
  const batch = async (name: V): Promise<number> => {
    const run = variants[name]
    let count = 0
    const start = performance.now()
    let elapsed = 0
    while (count < minOperations || elapsed < pairMs) {
      await run()
      count++
      elapsed = performance.now() - start
    }
    return elapsed / count
  }
  for (let round = 0; round < pairs; round++) {
    // Flip the order each round so that neither side always runs first (warm caches, a pending GC).
    const order = round % 2 === 0 ? names : [...names].reverse()
    const times = {} as Record<V, number>
    for (const name of order) {
      times[name] = await batch(name)
      samples[name].push(times[name])
    }
    for (const name of names) if (name !== subject) perRound[name].push(times[subject] / times[name])
  }
  const medians = Object.fromEntries(names.map((name) => [name, median(samples[name])])) as Record<V, number>
  const ratios = Object.fromEntries(names.filter((name) => name !== subject).map((name) => [name, spreadOf(perRound[name])])) as Record<V, RatioSpread>
  return { medians, ratios, rounds: samples }
}

/** The per-round ratio `numerator / denominator` of two variants measured in the same rounds, summarized. */
export function pairedRatio(numerator: readonly number[], denominator: readonly number[]): RatioSpread {
  return spreadOf(numerator.map((time, round) => time / denominator[round]!))
}
