import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument, YAMLMap, YAMLSeq } from 'yaml';
import { runCommand } from '../../cli/run-command.js';
import { memoryIo } from '../../cli/test-io.js';
import { profilePath } from '../../paths.js';
import { loadProfile } from '../load.js';

const dir = mkdtempSync(join(tmpdir(), 'rc-profile-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** friendlyhello's profile with `edit` applied to its YAML document, written to a file of its own. */
function edited(name: string, edit: (doc: ReturnType<typeof parseDocument>) => void): string {
  const doc = parseDocument(readFileSync(profilePath('friendlyhello-redis'), 'utf8'));
  edit(doc);
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, doc.toString());
  return file;
}

/** `file:line:col` of a path, from the parser. */
function at(file: string, path: (string | number)[]): string {
  const text = readFileSync(file, 'utf8');
  const node = parseDocument(text).getIn(path, true) as { range: [number, number] };
  const before = text.slice(0, node.range[0]).split('\n');
  return `${file}:${before.length}:${before[before.length - 1].length + 1}`;
}

async function check(...args: string[]) {
  const io = memoryIo({ cwd: dir });
  const code = await runCommand(['profile', 'check', ...args], io);
  return { code, out: io.out, err: io.err };
}

describe('profile check FILE', () => {
  it('a valid profile, by path or by built-in id: exit 0 with what it holds', async () => {
    const p = loadProfile(profilePath('friendlyhello-redis'));
    const required = p.criteria.filter((c) => c.level === 'required').length;
    const points = p.criteria.reduce((n, c) => n + c.points, 0);
    for (const named of [profilePath('friendlyhello-redis'), 'friendlyhello-redis']) {
      const r = await check(named);
      expect(r.code).toBe(0);
      expect(r.out).toBe(
        `${profilePath('friendlyhello-redis')}: valid: ${p.criteria.length} criteria (${required} required, ${p.criteria.length - required} advice; ${points} points), roles redis, web, layouts compose, run\n`,
      );
    }
  });

  it('lists every meaning problem at its file:line:col, exit 2', async () => {
    const file = edited('meaning', (doc) => {
      doc.setIn(['criteria', 1, 'id'], 'FH-DF001');
      doc.setIn(['criteria', 5, 'check'], 'dockerfile/copy-not-addd');
      doc.setIn(['criteria', 2, 'params', 'role'], 'webb');
      doc.setIn(['scenario', 'criteria', 'FH-RT005', 'steps', 0, 'connect', 'to'], 'cache');
      (doc.getIn(['scenario', 'criteria', 'FH-RT006', 'steps']) as YAMLSeq).add(doc.createNode({ restart: { role: 'redis' } }));
      doc.setIn(['scenario', 'criteria', 'FH-RT004', 'steps', 1, 'expect', 'text', 0, 'that', 'gt'], '{{firsts}}');
    });
    const r = await check(file);
    expect(r.code).toBe(2);
    const lines = r.out.trimEnd().split('\n');
    const expected = [
      `${at(file, ['criteria', 1, 'id'])}: criterion FH-DF001 is listed twice (also criteria/0); give each criterion its own ID`,
      `${at(file, ['criteria', 2, 'params', 'role'])}: params/role names the role "webb", which stack.roles does not declare (roles: redis, web)`,
      `${at(file, ['criteria', 5, 'check'])}: unknown check 'dockerfile/copy-not-addd' for a roles profile; the checks are: `,
      `${at(file, ['scenario', 'criteria', 'FH-RT005', 'steps', 0, 'connect', 'to'])}: scenario/criteria/FH-RT005/steps/0/connect/to names the role "cache", which the scenario does not define (roles: redis, web)`,
      `${at(file, ['scenario', 'criteria', 'FH-RT006', 'steps', 1, 'restart'])}: scenario/criteria/FH-RT006/steps/1/restart a restart step changes the stack for every later check: it belongs in the last phase (persistence), not in network`,
      `${at(file, ['scenario', 'criteria', 'FH-RT004', 'steps', 1, 'expect', 'text', 0, 'that', 'gt'])}: scenario/criteria/FH-RT004/steps/1/expect/text/0/that/gt {{firsts}} names no capture: no earlier step captures "firsts" and no fixture has that name`,
    ];
    for (const line of expected) expect(lines.some((l) => l.startsWith(line))).toBe(true);
    expect(lines).toHaveLength(expected.length + 1);
    expect(lines.at(-1)).toBe(`${file}: not valid (6 problems)`);
  });

  it('a capture used before the step that sets it', async () => {
    const file = edited('capture-order', (doc) => {
      doc.setIn(['scenario', 'criteria', 'FH-RT004', 'steps', 0, 'expect', 'text', 0], doc.createNode({ find: 'Visits:</b> *([0-9]+)', as: 'number', that: { gte: '{{first}}' } }));
      doc.setIn(['scenario', 'criteria', 'FH-RT004', 'steps', 1, 'expect', 'text', 0, 'that', 'gt'], 1);
    });
    const r = await check(file);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`${at(file, ['scenario', 'criteria', 'FH-RT004', 'steps', 0, 'expect', 'text', 0, 'that', 'gte'])}: scenario/criteria/FH-RT004/steps/0/expect/text/0/that/gte {{first}} is used before it is captured`);
  });

  it('a criterion without points or check, from the schema, at the criterion', async () => {
    const file = edited('schema', (doc) => {
      (doc.getIn(['criteria', 3]) as YAMLMap).delete('points');
      (doc.getIn(['criteria', 4]) as YAMLMap).delete('check');
    });
    const r = await check(file);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`${at(file, ['criteria', 3])}: /criteria/3 must have required property 'points'`);
    expect(r.out).toContain(`${at(file, ['criteria', 4])}: /criteria/4 must have required property 'check'`);
  });

  it('a file that is not there: exit 2, named', async () => {
    const r = await check(join(dir, 'missing.yaml'));
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^cannot read profile .*missing\.yaml: ENOENT.*\n.*missing\.yaml: not valid \(1 problem\)\n$/);
  });
});
