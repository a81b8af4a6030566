import { defaultRegexBounds, type RegexBounds } from './bounded-regex.js';

/** Bounds on everything a scenario sends, receives, keeps and waits for. */
export interface Limits {
  http: HttpLimits;
  sql: { timeoutMs: number; maxRows: number };
  exec: { timeoutMs: number; maxOutputBytes: number };
  /** inspect, connect, isolation. */
  probeTimeoutMs: number;
  /** recreate, restart: the driver waits until the role is ready again within it. */
  changeTimeoutMs: number;
  /** A captured value, as JSON text. */
  maxCaptureChars: number;
  maxJsonDepth: number;
  maxNodes: number;
  /** All attempts of one step (retries, variants) together. */
  stepBudgetMs: number;
  regex: RegexBounds;
  /** What a message quotes: in its one line, and in its detail. */
  lineChars: number;
  detailChars: number;
  /** Criteria of one phase run at once. */
  concurrency: number;
}

export interface HttpLimits {
  timeoutMs: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
}

export const defaultLimits: Limits = {
  http: { timeoutMs: 10_000, maxRequestBytes: 256 * 1024, maxResponseBytes: 1024 * 1024 },
  sql: { timeoutMs: 20_000, maxRows: 1000 },
  exec: { timeoutMs: 30_000, maxOutputBytes: 256 * 1024 },
  probeTimeoutMs: 60_000,
  changeTimeoutMs: 180_000,
  maxCaptureChars: 16 * 1024,
  maxJsonDepth: 200,
  maxNodes: 10_000,
  stepBudgetMs: 300_000,
  regex: defaultRegexBounds,
  lineChars: 160,
  detailChars: 2000,
  concurrency: 4,
};

/** Milliseconds from `500`, `"500ms"` or `"2s"`. */
export function durationMs(d: number | string | undefined, fallback: number): number {
  if (d === undefined) return fallback;
  if (typeof d === 'number') return d;
  const m = /^(\d+)(ms|s)$/.exec(d);
  if (!m) throw new Error(`not a duration: ${d}`);
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
}
