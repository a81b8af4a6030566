import { expect, it } from 'vitest';
import { parseCommand, UsageError } from '../cli/args.js';
import { defaultJobs } from './jobs.js';

it('parses batch, report and merge', () => {
  expect(parseCommand(['batch', 'roster.csv', '--out', 'grades', '--jobs', '4', '--static', '--only', 'failed', '--shard', '2/8'])).toEqual({
    kind: 'batch',
    roster: 'roster.csv',
    out: 'grades',
    jobs: 4,
    static: true,
    profile: undefined,
    force: false,
    only: 'failed',
    shard: { index: 2, count: 8 },
  });
  expect(parseCommand(['report', 'grades'])).toEqual({ kind: 'report', dir: 'grades' });
  expect(parseCommand(['merge', 'a', 'b', '--out', 'all'])).toEqual({ kind: 'merge', dirs: ['a', 'b'], out: 'all' });
});

it.each([
  [['batch', 'roster.csv'], /needs --out/],
  [['batch', '--out', 'g'], /one roster/],
  [['batch', 'r.csv', '--out', 'g', '--jobs', '1.5'], /whole number/],
  [['batch', 'r.csv', '--out', 'g', '--only', 'passed'], /failed or error/],
  [['batch', 'r.csv', '--out', 'g', '--force', '--only', 'error'], /contradict/],
  [['batch', 'r.csv', '--out', 'g', '--json'], /does not take --json/],
  [['report', 'g', '--out', 'x'], /does not take --out/],
  [['merge', '--out', 'x'], /folders to combine/],
  [['./repo', '--jobs', '2'], /goes with the batch command/],
])('refuses %j', (argv, message) => {
  expect(() => parseCommand(argv)).toThrow(UsageError);
  expect(() => parseCommand(argv)).toThrow(message);
});

it('chooses --jobs from the cores, capped by memory; wider for static batches', () => {
  const GiB = 1024 ** 3;
  expect(defaultJobs('full', 2, 23 * GiB)).toBe(3);
  expect(defaultJobs('full', 16, 4 * GiB)).toBe(3);
  expect(defaultJobs('full', 1, 1 * GiB)).toBe(1);
  expect(defaultJobs('static', 2, 23 * GiB)).toBe(4);
});
