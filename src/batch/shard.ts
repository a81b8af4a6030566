import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** `I/N` with 1 ≤ I ≤ N ≤ 256 (a GitHub Actions matrix holds up to 256 jobs). */
export function parseShard(text: string): Shard | string {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return `--shard takes I/N (e.g. 2/8), not ${text}`;
  const [index, count] = [Number(m[1]), Number(m[2])];
  if (count < 1 || count > 256) return `--shard ${text}: N must be between 1 and 256`;
  if (index < 1 || index > count) return `--shard ${text}: I must be between 1 and ${count}`;
  return { index, count };
}

/** The shard a student belongs to: from a hash of the identifier alone, so re-ordering the roster moves no one. */
export function shardOf(student: string, count: number): number {
  const digest = createHash('sha256').update(studentKey(student)).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function inShard(student: string, shard: Shard | undefined): boolean {
  return shard === undefined || shardOf(student, shard.count) === shard.index;
}

/** Identifiers compare without case (GitHub user names and e-mail addresses do). */
export function studentKey(student: string): string {
  return student.trim().toLowerCase();
}
