import { parseArgs } from 'node:util';
import { batchCommandNames, batchOptions, parseBatchCommand, type BatchCommand } from '../batch/cli-args.js';
import { formatNames, isFormatName, type FormatName } from '../report/formats/index.js';
import { parseProfileCommand, type ProfileCommand } from './profile-args.js';

export class UsageError extends Error {}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'criteria'; profile?: string }
  | { kind: 'clean'; runId?: string }
  | { kind: 'doctor'; target?: string; profile?: string }
  | BatchCommand
  | ProfileCommand
  | {
      kind: 'grade';
      target?: string;
      api?: string;
      client?: string;
      static: boolean;
      profile?: string;
      json: boolean;
      format: FormatName;
      out: string | false;
      keepImages: boolean;
      color?: boolean;
      verbose: boolean;
    };


export function parseCommand(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        static: { type: 'boolean' },
        api: { type: 'string' },
        client: { type: 'string' },
        profile: { type: 'string' },
        json: { type: 'boolean' },
        format: { type: 'string' },
        out: { type: 'string' },
        id: { type: 'string' },
        'no-out': { type: 'boolean' },
        'keep-images': { type: 'boolean' },
        verbose: { type: 'boolean' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        run: { type: 'string' },
        ...batchOptions,
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { kind: 'help' };
  if (v.version) return { kind: 'version' };
  if (positionals[0] === 'clean') {
    if (positionals.length > 1) throw new UsageError('clean takes no submission; use --run ID to clean one run');
    return { kind: 'clean', runId: v.run };
  }
  if (positionals[0] === 'criteria') return { kind: 'criteria', profile: v.profile };
  if (positionals[0] === 'profile') {
    return parseProfileCommand(positionals, v, (m) => {
      throw new UsageError(m);
    });
  }
  if (positionals[0] === 'doctor') {
    if (positionals.length > 2) throw new UsageError('doctor takes at most one submission, whose base images it checks too');
    return { kind: 'doctor', target: positionals[1], profile: v.profile };
  }
  if (batchCommandNames.includes(positionals[0])) {
    return parseBatchCommand(positionals, v, Object.keys(v), (m) => {
      throw new UsageError(m);
    });
  }
  for (const o of Object.keys(batchOptions)) if (o in v) throw new UsageError(`--${o} goes with the batch command`);
  if (v.run !== undefined) throw new UsageError('--run goes with the clean command');
  if (v.id !== undefined) throw new UsageError('--id goes with profile init');
  if (positionals.length > 1) throw new UsageError(`expected one submission, got ${positionals.length}: ${positionals.join(' ')}`);
  const target = positionals[0];
  if (v.client !== undefined && v.api === undefined) throw new UsageError('--client needs --api');
  if (target === undefined && v.api === undefined) throw new UsageError('name a submission: rock-check <folder|git-url>, or --api <path|url>');
  if (target !== undefined && (v.api !== undefined || v.client !== undefined)) {
    throw new UsageError('give either a submission or --api/--client, not both');
  }
  if (v.color && v['no-color']) throw new UsageError('--color and --no-color contradict each other');
  if (v.out !== undefined && v['no-out']) throw new UsageError('--out and --no-out contradict each other');
  const format = v.json ? 'json' : (v.format ?? 'terminal');
  if (v.json && v.format !== undefined && v.format !== 'json') throw new UsageError('--json and --format contradict each other');
  if (!isFormatName(format)) throw new UsageError(`unknown --format ${format}; one of ${formatNames.join(', ')}`);
  return {
    kind: 'grade',
    target,
    api: v.api,
    client: v.client,
    static: v.static ?? false,
    profile: v.profile,
    json: v.json ?? false,
    format,
    out: v['no-out'] ? false : (v.out ?? 'reports'),
    keepImages: v['keep-images'] ?? false,
    color: v.color ? true : v['no-color'] ? false : undefined,
    verbose: v.verbose ?? false,
  };
}
