import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from './args.js';
import { decideColor } from './io.js';
import { memoryIo } from './test-io.js';

describe('parseCommand', () => {
  it('reads a submission with defaults', () => {
    expect(parseCommand(['./repo'])).toMatchObject({ kind: 'grade', target: './repo', static: false, format: 'terminal', out: 'reports' });
  });

  it('reads --api/--client, --static, --json and --no-out', () => {
    expect(parseCommand(['--api', 'a', '--client', 'c', '--static', '--json', '--no-out'])).toMatchObject({
      kind: 'grade',
      api: 'a',
      client: 'c',
      static: true,
      format: 'json',
      out: false,
    });
  });

  it.each([
    [[], /name a submission/],
    [['a', 'b'], /expected one submission/],
    [['a', '--api', 'b'], /either a submission or --api/],
    [['--client', 'c'], /--client needs --api/],
    [['a', '--format', 'pdf'], /unknown --format pdf/],
    [['a', '--bogus'], /Unknown option '--bogus'/],
    [['a', '--color', '--no-color'], /contradict/],
    [['a', '--json', '--format', 'junit'], /contradict/],
    [['clean', 'x'], /clean takes no submission/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCommand(argv as string[])).toThrow(UsageError);
    expect(() => parseCommand(argv as string[])).toThrow(message);
  });

  it('knows clean, criteria, help and version', () => {
    expect(parseCommand(['clean', '--run', 'abc'])).toEqual({ kind: 'clean', runId: 'abc' });
    expect(parseCommand(['criteria'])).toEqual({ kind: 'criteria', profile: undefined });
    expect(parseCommand(['--help'])).toEqual({ kind: 'help' });
    expect(parseCommand(['-v'])).toEqual({ kind: 'version' });
  });
});

describe('parseCommand: doctor', () => {
  it('takes an optional submission and --profile', () => {
    expect(parseCommand(['doctor'])).toEqual({ kind: 'doctor', target: undefined, profile: undefined });
    expect(parseCommand(['doctor', './sub', '--profile', 'p.yaml'])).toEqual({ kind: 'doctor', target: './sub', profile: 'p.yaml' });
    expect(() => parseCommand(['doctor', 'a', 'b'])).toThrow(/doctor takes at most one submission/);
  });
});

describe('decideColor', () => {
  it('follows flag, then NO_COLOR, then FORCE_COLOR, then the TTY', () => {
    expect(decideColor(true, memoryIo({ env: { NO_COLOR: '1' } }))).toBe(true);
    expect(decideColor(undefined, memoryIo({ env: { NO_COLOR: '1' }, isTTY: true }))).toBe(false);
    expect(decideColor(undefined, memoryIo({ env: { FORCE_COLOR: '1' }, isTTY: false }))).toBe(true);
    expect(decideColor(undefined, memoryIo({ env: {}, isTTY: true }))).toBe(true);
    expect(decideColor(undefined, memoryIo({ env: {}, isTTY: false }))).toBe(false);
  });
});

describe('parseCommand: profile', () => {
  it('reads init, check and explain', () => {
    expect(parseCommand(['profile', 'init', './ref'])).toEqual({ kind: 'profile-init', reference: './ref' });
    expect(parseCommand(['profile', 'init', './ref', '--out', 'course.yaml'])).toEqual({ kind: 'profile-init', reference: './ref', out: 'course.yaml' });
    expect(parseCommand(['profile', 'init', './ref', '--id', 'notes-app'])).toEqual({ kind: 'profile-init', reference: './ref', id: 'notes-app' });
    expect(parseCommand(['profile', 'check', 'course.yaml'])).toEqual({ kind: 'profile-check', file: 'course.yaml', static: false });
    expect(parseCommand(['profile', 'check', 'course.yaml', './ref', '--static'])).toEqual({ kind: 'profile-check', file: 'course.yaml', reference: './ref', static: true });
    expect(parseCommand(['profile', 'explain', 'course.yaml'])).toEqual({ kind: 'profile-explain', file: 'course.yaml' });
  });

  it.each([
    [['profile'], /profile needs a subcommand: rock-check profile init REFERENCE/],
    [['profile', 'lint', 'x'], /profile needs a subcommand/],
    [['profile', 'init'], /expected rock-check profile init REFERENCE \[--out FILE\] \[--id ID\], got nothing/],
    [['profile', 'init', 'a', 'b'], /got a b after profile init/],
    [['profile', 'check', 'p.yaml', 'ref', 'extra'], /expected rock-check profile check FILE \[REFERENCE\]/],
    [['profile', 'explain', 'p.yaml', '--out', 'x'], /--out does not go with profile explain/],
    [['profile', 'init', 'ref', '--static'], /--static does not go with profile init/],
    [['profile', 'init', 'ref', '--id', 'Notes App'], /--id names the profile: lowercase letters, digits and dashes/],
    [['profile', 'check', 'p.yaml', '--id', 'x'], /--id does not go with profile check/],
    [['./repo', '--id', 'x'], /--id goes with profile init/],
    [['profile', 'check', 'p.yaml', '--static'], /--static grades the reference statically: name the reference/],
    [['profile', 'check', 'p.yaml', '--json'], /--json does not go with profile check/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCommand(argv as string[])).toThrow(UsageError);
    expect(() => parseCommand(argv as string[])).toThrow(message);
  });
});
