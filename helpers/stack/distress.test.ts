import { describe, expect, it } from 'vitest';
import { distressCause, DistressWatch, isFlood, logRate, logStamps, pidsAtLimit, RATE_SAMPLE_LINES, type LogStamp } from './distress.js';

const stamps = (n: number, spanMs: number, end: number, bytes = 40): LogStamp[] =>
  Array.from({ length: n }, (_, i) => ({ at: end - spanMs + (spanMs * i) / Math.max(n - 1, 1), bytes }));

describe('distress: the samples', () => {
  it('pids: at the limit (or one short of it) only when there is a limit', () => {
    expect(pidsAtLimit({ current: 512, limit: 512 })).toBe(true);
    expect(pidsAtLimit({ current: 511, limit: 512 })).toBe(true);
    expect(pidsAtLimit({ current: 40, limit: 512 })).toBe(false);
    expect(pidsAtLimit({ current: 900 })).toBe(false);
  });

  it('reads Docker timestamps to the millisecond, and the length of each line', () => {
    const text = '2026-12-02T05:00:00.123456789Z hello\n2026-12-02T05:00:01Z x\nno stamp here\n';
    expect(logStamps(text)).toEqual([
      { at: Date.parse('2026-12-02T05:00:00.123Z'), bytes: 6 },
      { at: Date.parse('2026-12-02T05:00:01Z'), bytes: 2 },
    ]);
  });

  it('log rate: a flood fills the sample within milliseconds; a start-up burst, an old log or a short one is no flood', () => {
    const now = 1_000_000;
    expect(isFlood(logRate(stamps(RATE_SAMPLE_LINES, 20, now), now))).toBe(true);
    expect(isFlood(logRate(stamps(RATE_SAMPLE_LINES, 0, now), now))).toBe(true);
    expect(isFlood(logRate(stamps(RATE_SAMPLE_LINES, 60_000, now), now))).toBe(false);
    expect(logRate(stamps(RATE_SAMPLE_LINES, 20, now - 10_000), now)).toBeUndefined();
    expect(logRate(stamps(10, 1, now), now)).toBeUndefined();
    expect(isFlood(logRate(stamps(RATE_SAMPLE_LINES, 2_000, now, 16_384), now))).toBe(true);
  });
});

describe('DistressWatch', () => {
  const limit = { current: 32, limit: 32 };
  const flood = { linesPerSecond: 50_000, bytesPerSecond: 2_000_000 };

  it('reports the process limit once it is held for the sustain time, and forgets a dip', () => {
    const w = new DistressWatch({ pids: 3_000, flood: 5_000 });
    expect(w.observe(0, limit, 'not-sampled')).toBeUndefined();
    expect(w.observe(2_000, { current: 3, limit: 32 }, 'not-sampled')).toBeUndefined();
    expect(w.observe(3_000, limit, 'not-sampled')).toBeUndefined();
    expect(w.observe(5_000, limit, 'not-sampled')).toBeUndefined();
    expect(w.observe(6_000, limit, 'not-sampled')).toEqual({ kind: 'pids', current: 32, limit: 32 });
  });

  it('reports a flood sustained across samples; a missing pids sample changes nothing', () => {
    const w = new DistressWatch({ pids: 3_000, flood: 5_000 });
    expect(w.observe(0, undefined, flood)).toBeUndefined();
    expect(w.observe(2_000, undefined, 'not-sampled')).toBeUndefined();
    expect(w.observe(4_000, undefined, undefined)).toBeUndefined();
    expect(w.observe(6_000, undefined, flood)).toBeUndefined();
    expect(w.observe(11_000, undefined, flood)).toEqual({ kind: 'log-flood', ...flood });
  });

  it('says the cause in words', () => {
    expect(distressCause({ kind: 'pids', current: 512, limit: 512 })).toBe('it reached its process limit (512 of 512 processes) and stayed there, so no new process can start');
    expect(distressCause({ kind: 'log-flood', ...flood })).toBe('it writes its log without pause (about 50000 lines, 1.9 MiB a second)');
    expect(distressCause({ kind: 'log-flood', linesPerSecond: 3000, bytesPerSecond: 30_000 })).toBe('it writes its log without pause (about 3000 lines, 29 KiB a second)');
  });
});
