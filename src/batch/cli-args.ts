import { parseShard, type Shard } from './shard.js';

export type BatchCommand =
  | {
      kind: 'batch';
      roster: string;
      out: string;
      jobs?: number;
      static: boolean;
      profile?: string;
      force: boolean;
      only?: 'failed' | 'error';
      shard?: Shard;
    }
  | { kind: 'report'; dir: string }
  | { kind: 'merge'; dirs: string[]; out: string };

export const batchCommandNames = ['batch', 'report', 'merge'];

/** Options only the batch commands take. */
export const batchOptions = {
  jobs: { type: 'string' },
  force: { type: 'boolean' },
  only: { type: 'string' },
  shard: { type: 'string' },
} as const;

interface Values {
  out?: string;
  jobs?: string;
  static?: boolean;
  profile?: string;
  force?: boolean;
  only?: string;
  shard?: string;
}

/** `batch ROSTER --out DIR`, `report DIR`, `merge DIR... --out DIR`; `fail` throws the CLI's usage error. */
export function parseBatchCommand(positionals: string[], v: Values, given: string[], fail: (message: string) => never): BatchCommand {
  const [name, ...args] = positionals;
  const allowed: Record<string, string[]> = {
    batch: ['out', 'jobs', 'static', 'profile', 'force', 'only', 'shard'],
    report: [],
    merge: ['out'],
  };
  const stray = given.filter((o) => !allowed[name].includes(o));
  if (stray.length > 0) fail(`${name} does not take --${stray.join(', --')}`);
  if (name === 'report') {
    if (args.length !== 1) fail('report takes one batch folder: rock-check report DIR');
    return { kind: 'report', dir: args[0] };
  }
  if (v.out === undefined) fail(`${name} needs --out DIR`);
  if (name === 'merge') {
    if (args.length === 0) fail('merge takes the batch folders to combine: rock-check merge DIR... --out DIR');
    return { kind: 'merge', dirs: args, out: v.out };
  }
  if (args.length !== 1) fail('batch takes one roster: rock-check batch ROSTER --out DIR');
  let jobs: number | undefined;
  if (v.jobs !== undefined) {
    jobs = Number(v.jobs);
    if (!/^\d+$/.test(v.jobs) || jobs < 1 || jobs > 256) fail(`--jobs takes a whole number from 1 to 256, not ${v.jobs}`);
  }
  if (v.only !== undefined && v.only !== 'failed' && v.only !== 'error') fail(`--only takes failed or error, not ${v.only}`);
  if (v.only !== undefined && v.force) fail('--force and --only contradict each other');
  let shard: Shard | undefined;
  if (v.shard !== undefined) {
    const s = parseShard(v.shard);
    if (typeof s === 'string') fail(s);
    shard = s;
  }
  return {
    kind: 'batch',
    roster: args[0],
    out: v.out,
    jobs,
    static: v.static ?? false,
    profile: v.profile,
    force: v.force ?? false,
    only: v.only as 'failed' | 'error' | undefined,
    shard,
  };
}
