import type Dockerode from 'dockerode';
import { demuxDockerLog } from './container-logs.js';

/**
 * A container in a state it does not come out of by waiting: every process
 * slot taken (a fork bomb, a server spawning workers without end), or a log
 * written as fast as it can be (a loop printing).
 */
export type Distress =
  | { kind: 'pids'; current: number; limit: number }
  | { kind: 'log-flood'; linesPerSecond: number; bytesPerSecond: number };

/** The process count sampled from Docker's stats (cgroup pids.current and pids.max). */
export interface PidsSample {
  current: number;
  limit?: number;
}

/** At the limit: no process can start, so whatever the server still has to start never will. */
export function pidsAtLimit(s: PidsSample): boolean {
  return s.limit !== undefined && s.limit > 0 && s.current >= s.limit - 1;
}

/** A timestamped log line: when Docker received it, and its length in bytes. */
export interface LogStamp {
  at: number;
  bytes: number;
}

export const FLOOD_LINES_PER_SECOND = 1_000;
export const FLOOD_BYTES_PER_SECOND = 1024 * 1024;
/** Lines read per rate sample: a flood fills them within milliseconds, a server's start-up over seconds or minutes. */
export const RATE_SAMPLE_LINES = 200;

/**
 * The rate of the newest lines of a log, or undefined when the log is not
 * being written now (its newest line is older than `recentMs`) or too short
 * to say. Docker's clock stamps each line; only their spread is used, so the
 * grader's clock does not matter except for "now".
 */
export function logRate(stamps: LogStamp[], now: number, recentMs = 2_000): { linesPerSecond: number; bytesPerSecond: number } | undefined {
  if (stamps.length < RATE_SAMPLE_LINES / 2) return undefined;
  const first = stamps[0].at;
  const last = stamps[stamps.length - 1].at;
  if (now - last > recentMs) return undefined;
  const seconds = Math.max(last - first, 1) / 1000;
  const bytes = stamps.reduce((n, s) => n + s.bytes, 0);
  return { linesPerSecond: Math.round((stamps.length - 1) / seconds), bytesPerSecond: Math.round(bytes / seconds) };
}

export function isFlood(rate: { linesPerSecond: number; bytesPerSecond: number } | undefined): boolean {
  return rate !== undefined && (rate.linesPerSecond >= FLOOD_LINES_PER_SECOND || rate.bytesPerSecond >= FLOOD_BYTES_PER_SECOND);
}

/** Docker's timestamped log text (`2026-01-01T10:00:00.123456789Z line`) as stamps. */
export function logStamps(text: string): LogStamp[] {
  const out: LogStamp[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) /.exec(line);
    if (!m) continue;
    // Date keeps milliseconds; the nanoseconds past them are dropped.
    const at = Date.parse(m[1].replace(/(\.\d{3})\d+Z$/, '$1Z'));
    if (!Number.isNaN(at)) out.push({ at, bytes: Buffer.byteLength(line) - m[0].length + 1 });
  }
  return out;
}

/** One sample of each kind; a failed sample (the container went away) says nothing. */
export async function samplePids(container: Dockerode.Container): Promise<PidsSample | undefined> {
  try {
    const stats = (await container.stats({ stream: false, 'one-shot': true })) as unknown as { pids_stats?: { current?: number; limit?: number } };
    const p = stats.pids_stats;
    if (p?.current === undefined) return undefined;
    if (p.limit !== undefined && p.limit < 2 ** 53) return { current: p.current, limit: p.limit };
    const limit = (await container.inspect()).HostConfig.PidsLimit ?? undefined;
    return { current: p.current, limit: limit && limit > 0 ? limit : undefined };
  } catch {
    return undefined;
  }
}

export async function sampleLogRate(container: Dockerode.Container, now = Date.now()): Promise<ReturnType<typeof logRate>> {
  try {
    const raw = (await container.logs({ stdout: true, stderr: true, follow: false, timestamps: true, tail: RATE_SAMPLE_LINES })) as unknown as Buffer;
    return logRate(logStamps(demuxDockerLog(Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw)))), now);
  } catch {
    return undefined;
  }
}

/**
 * Watches a container while it is awaited: a distress seen in every sample
 * for `sustainMs` is reported (waiting longer would not help).
 */
export class DistressWatch {
  private pidsSince?: number;
  private floodSince?: number;

  constructor(private readonly sustainMs = { pids: 3_000, flood: 5_000 }) {}

  /** Feeds one round of samples; returns the distress once it has lasted long enough. */
  observe(now: number, pids: PidsSample | undefined, rate: ReturnType<typeof logRate> | 'not-sampled'): Distress | undefined {
    if (pids !== undefined) {
      if (!pidsAtLimit(pids)) this.pidsSince = undefined;
      else if (this.pidsSince === undefined) this.pidsSince = now;
      else if (now - this.pidsSince >= this.sustainMs.pids) return { kind: 'pids', current: pids.current, limit: pids.limit! };
    }
    if (rate !== 'not-sampled') {
      if (!isFlood(rate)) this.floodSince = undefined;
      else if (this.floodSince === undefined) this.floodSince = now;
      else if (now - this.floodSince >= this.sustainMs.flood) return { kind: 'log-flood', ...rate! };
    }
    return undefined;
  }
}

/** Why waiting stopped, in the words of the finding. */
export function distressCause(d: Distress): string {
  if (d.kind === 'pids') return `it reached its process limit (${d.current} of ${d.limit} processes) and stayed there, so no new process can start`;
  const mib = d.bytesPerSecond / (1024 * 1024);
  return `it writes its log without pause (about ${d.linesPerSecond} lines, ${mib >= 0.1 ? `${mib.toFixed(1)} MiB` : `${Math.round(d.bytesPerSecond / 1024)} KiB`} a second)`;
}

export function distressHint(d: Distress): string {
  if (d.kind === 'pids') {
    return 'a process keeps starting others (a fork bomb, a script that calls itself, a server spawning workers without bound); check the CMD, the entrypoint script and the server\'s worker settings';
  }
  return 'something prints in a loop (a retry loop without a pause, a debug print in a loop); make the program wait between retries and print each error once';
}
