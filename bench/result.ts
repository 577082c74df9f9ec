// The shape every benchmark writes to bench/results/<name>.json, and the helpers to write it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';

/** One measured figure, optionally against a budget and a peer measured in the same run. */
export interface BenchMetric {
  name: string;
  value: number;
  unit: string;
  /** The budget from DESIGN.md or the issue, in the same unit. */
  budget?: number;
  /** `lower` when smaller values are better (latency), `higher` for throughput. */
  better: 'lower' | 'higher';
  /** The peer's value measured in the same run (e.g. pouchdb-server), same unit. */
  peer?: { name: string; value: number };
}

export interface BenchResult {
  name: string;
  title: string;
  date: string;
  machine: { cpu: string; cores: number; memoryGiB: number; os: string; node: string };
  metrics: BenchMetric[];
  notes?: string[];
}

export function machine(): BenchResult['machine'] {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${osType()} ${release()}`,
    node: process.version,
  };
}

/** Percentile (0..100) of a list of samples, nearest-rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Writes bench/results/<name>.json; docs/performance.md is regenerated from these by bench/run.ts. */
export function writeResult(result: Omit<BenchResult, 'date' | 'machine'>): BenchResult {
  const full: BenchResult = { ...result, date: new Date().toISOString(), machine: machine() };
  // BENCH_WRITE=0: a dry run (e.g. on a loaded machine) prints its figures and keeps the committed ones.
  if (process.env['BENCH_WRITE'] === '0') {
    console.log(`BENCH_WRITE=0: bench/results/${result.name}.json left as it was`);
    return full;
  }
  const dir = join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${result.name}.json`), JSON.stringify(full, null, 2) + '\n');
  return full;
}
