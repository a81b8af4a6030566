import { describe, expect, it } from 'vitest';
import { runCommand } from '../../cli/run-command.js';
import { memoryIo } from '../../cli/test-io.js';
import { roleChecks } from '../../rules/roles/registry.js';
import { loadProfile } from '../load.js';
import { describeStep } from './describe-step.js';
import type { Scenario } from '../../scenario/types.js';

async function explain(file: string) {
  const io = memoryIo();
  const code = await runCommand(['profile', 'explain', file], io);
  return { code, out: io.out, err: io.err };
}

describe('profile explain', () => {
  it('friendlyhello: every criterion in the words a student reads', async () => {
    const r = await explain('friendlyhello-redis');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    await expect(r.out).toMatchFileSnapshot('__snapshots__/friendlyhello-redis.md');
  });

  it('gives each criterion its section, with its check\'s docs', async () => {
    const p = loadProfile('profiles/friendlyhello-redis.yaml');
    const { out } = await explain('profiles/friendlyhello-redis.yaml');
    for (const c of p.criteria) expect(out).toContain(`### ${c.id} ${c.title}\n`);
    for (const c of p.criteria.filter((x) => roleChecks[x.check])) expect(out).toContain(roleChecks[c.check].docs);
  });

  it('Rock of Ages: the course rules\' docs, and its probes said to be built in', async () => {
    const { code, out } = await explain('rock-of-ages');
    expect(code).toBe(0);
    expect(out).toMatch(/^# Rock of Ages/);
    expect(out).toContain('### RC-RT003 ');
    expect(out).toContain('Checked on the running stack by a probe built into rock-check.');
  });

  it('a step reads as what is sent and what must come back, templates as the values they stand for', () => {
    const scenario = { roles: { db: {} }, phases: ['p'], criteria: {} } as Scenario;
    expect(describeStep({ sql: { role: 'db', query: 'SELECT count(*)::int AS n FROM rocks' }, expect: { json: [{ path: '$[0].n', gte: 3 }] } }, scenario)).toEqual([
      'the SQL query `SELECT count(*)::int AS n FROM rocks` on db: at $[0].n in the rows there is exactly one value, and it is >= 3.',
    ]);
    expect(describeStep({ http: { role: 'api', method: 'POST', path: '/rocks', json: { name: 'Pebble' } }, expect: { status: 201 }, capture: { rock: { json: '$.id' } } }, scenario)).toEqual([
      'POST /rocks on api with the JSON {"name":"Pebble"} answers 201; it keeps the value at $.id as ‹rock›.',
    ]);
    expect(describeStep({ exec: { role: 'db', argv: ['pg_isready'] }, retry: { count: 5, interval: '2s' } }, scenario)).toEqual([
      '`pg_isready` run inside the db container exits with 0 (tried up to 5 times, every 2s).',
    ]);
  });
});
