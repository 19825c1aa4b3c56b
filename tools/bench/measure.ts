/** One benchmark result: what was measured, every sample and their summary. */
export interface Measurement {
  readonly suite: string;
  readonly name: string;
  readonly unit: 'ms';
  readonly samples: readonly number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Sizes, counts, versions: whatever makes the number comparable. */
  readonly meta?: Readonly<Record<string, unknown>>;
}

export interface BenchSuite {
  readonly name: string;
  run(): Promise<Measurement[]>;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Runs `fn` `samples` times (after `warmup` unmeasured runs) and summarises wall-clock times. */
export async function measure(
  suite: string,
  name: string,
  fn: () => unknown | Promise<unknown>,
  options: { samples?: number; warmup?: number; meta?: Record<string, unknown> } = {},
): Promise<Measurement> {
  const { samples = 5, warmup = 1, meta } = options;
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await fn();
    times.push(round(performance.now() - start));
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    suite,
    name,
    unit: 'ms',
    samples: times,
    median: sorted[Math.floor(sorted.length / 2)]!,
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    ...(meta ? { meta } : {}),
  };
}
