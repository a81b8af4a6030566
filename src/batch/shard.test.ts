import { expect, it } from 'vitest';
import { inShard, parseShard, shardOf } from './shard.js';

const students = Array.from({ length: 200 }, (_, i) => `student-${i}@uni.edu`);

it('every student lands in exactly one shard, the same whatever the roster order', () => {
  const count = 7;
  const forward = students.map((s) => shardOf(s, count));
  const reversed = [...students].reverse().map((s) => shardOf(s, count)).reverse();
  expect(reversed).toEqual(forward);
  for (const s of students) {
    const holding = Array.from({ length: count }, (_, i) => i + 1).filter((index) => inShard(s, { index, count }));
    expect(holding).toHaveLength(1);
  }
  // spread, not all in one shard
  expect(new Set(forward).size).toBe(count);
});

it('ignores case, as identifiers do', () => {
  expect(shardOf('Alice-GH', 5)).toBe(shardOf('alice-gh', 5));
});

it('parses I/N within a matrix of 256', () => {
  expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
  expect(parseShard('0/8')).toMatch(/between 1 and 8/);
  expect(parseShard('9/8')).toMatch(/between 1 and 8/);
  expect(parseShard('1/300')).toMatch(/256/);
  expect(parseShard('two')).toMatch(/I\/N/);
});
