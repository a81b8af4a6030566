import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadScenario } from './load.js';
import type { Problem } from './problems.js';

const testdata = (name: string) => parse(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8'));

/** A small valid scenario; each test breaks one thing in a copy. */
function base(): any {
  return {
    roles: { api: {}, db: {} },
    phases: ['api', 'persistence'],
    fixtures: {
      me: {
        criterion: 'RC-RT007',
        steps: [{ http: { role: 'api', method: 'POST', path: '/register', json: { email: 'rc-{{$run}}@example.com' } }, capture: { token: { json: '$.token', secret: true } } }],
      },
    },
    criteria: {
      'RC-RT007': { phase: 'api', steps: [{ use: 'me' }, { http: { role: 'api', path: '/me', auth: { token: '{{me.token}}' } } }] },
      'RC-RT014': {
        phase: 'persistence',
        steps: [
          { sql: { role: 'db', query: 'SELECT count(*)::int AS n FROM t' }, capture: { before: { json: '$[0]' } } },
          { recreate: { role: 'db' } },
          { sql: { role: 'db', query: 'SELECT count(*)::int AS n FROM t' }, expect: { json: [{ path: '$[0].n', gte: '{{before.n}}' }] } },
        ],
      },
    },
  };
}

function problems(edit: (s: any) => void): Problem[] {
  const s = base();
  edit(s);
  const r = loadScenario(s);
  return r.ok ? [] : r.problems;
}

describe('loadScenario', () => {
  it('accepts a valid scenario', () => {
    expect(loadScenario(base())).toMatchObject({ ok: true });
  });

  it('accepts the Rock of Ages and friendlyhello scenarios', () => {
    for (const name of ['rock-of-ages.scenario.yaml', 'friendlyhello.scenario.yaml']) {
      const r = loadScenario(testdata(name));
      expect(r.ok ? [] : r.problems, name).toEqual([]);
    }
  });

  describe('schema problems, with JSON pointers', () => {
    it('an unknown key', () => {
      expect(problems((s) => (s.criteria['RC-RT007'].steps[1].expct = {}))).toEqual([{ pointer: '/criteria/RC-RT007/steps/1/expct', message: 'is not a key this object takes' }]);
    });

    it('a step with two kinds, or none', () => {
      expect(problems((s) => (s.criteria['RC-RT007'].steps[1].sql = { role: 'db', query: 'SELECT 1' }))).toContainEqual({
        pointer: '/criteria/RC-RT007/steps/1',
        message: expect.stringContaining('a step has exactly one kind'),
      });
      expect(problems((s) => (s.criteria['RC-RT007'].steps[1] = { expect: {} }))).toContainEqual({ pointer: '/criteria/RC-RT007/steps/1', message: expect.stringContaining('exactly one kind') });
    });

    it('an expectation the step kind does not have', () => {
      expect(problems((s) => (s.criteria['RC-RT014'].steps[0].expect = { status: 200 }))).toContainEqual({ pointer: '/criteria/RC-RT014/steps/0/expect/status', message: 'is not a key this object takes' });
      expect(problems((s) => (s.criteria['RC-RT014'].steps[1].expect = {}))).toContainEqual({ pointer: '/criteria/RC-RT014/steps/1/expect', message: 'is not allowed on this kind of step' });
    });

    it('exists: false is refused with what to write instead', () => {
      expect(problems((s) => (s.criteria['RC-RT007'].steps[1].expect = { json: [{ path: '$.a', exists: false }] }))).toEqual([
        { pointer: '/criteria/RC-RT007/steps/1/expect/json/0/exists', message: expect.stringContaining('count: 0') },
      ]);
    });

    it('a comparison with a value that is neither a number nor a whole template', () => {
      expect(problems((s) => (s.criteria['RC-RT014'].steps[2].expect.json[0].gte = 'n: {{before.n}}'))).toEqual([
        { pointer: '/criteria/RC-RT014/steps/2/expect/json/0/gte', message: expect.stringContaining('a number or a whole template') },
      ]);
    });

    it('an http path that would leave the origin', () => {
      expect(problems((s) => (s.criteria['RC-RT007'].steps[1].http.path = '//evil.example/x'))).toEqual([{ pointer: '/criteria/RC-RT007/steps/1/http/path', message: expect.stringContaining('must match pattern') }]);
    });

    it('a use step with other keys', () => {
      expect(problems((s) => (s.criteria['RC-RT007'].steps[0].retry = { count: 2 }))).toContainEqual({ pointer: '/criteria/RC-RT007/steps/0/retry', message: 'a use step takes no other key' });
    });
  });

  describe('meaning problems', () => {
    it('an unknown role', () => {
      expect(problems((s) => (s.criteria['RC-RT007'].steps[1].http.role = 'web'))).toEqual([
        { pointer: '/criteria/RC-RT007/steps/1/http/role', message: 'names the role "web", which the scenario does not define (roles: api, db)' },
      ]);
    });

    it('a capture used before it is set', () => {
      expect(
        problems((s) => {
          const steps = s.criteria['RC-RT014'].steps;
          [steps[0], steps[2]] = [steps[2], steps[0]];
        }),
      ).toContainEqual({ pointer: '/criteria/RC-RT014/steps/0/expect/json/0/gte', message: '{{before.n}} is used before it is captured: only an earlier step\'s captures can be used' });
    });

    it('an unknown capture', () => {
      expect(problems((s) => (s.criteria['RC-RT014'].steps[2].expect.json[0].gte = '{{befor.n}}'))).toEqual([
        { pointer: '/criteria/RC-RT014/steps/2/expect/json/0/gte', message: '{{befor.n}} names no capture: no earlier step captures "befor" and no fixture has that name' },
      ]);
    });

    it("a fixture's capture before its use, or one it does not make", () => {
      expect(problems((s) => s.criteria['RC-RT007'].steps.reverse())).toContainEqual({
        pointer: '/criteria/RC-RT007/steps/0/http/auth/token',
        message: '{{me.token}} is used before "use: me": add that step before this one',
      });
      expect(problems((s) => (s.criteria['RC-RT007'].steps[1].http.auth.token = '{{me.tokn}}'))).toEqual([
        { pointer: '/criteria/RC-RT007/steps/1/http/auth/token', message: 'the fixture me captures no "tokn" (it captures: token)' },
      ]);
    });

    it('a destructive step outside the last phase, or in a fixture', () => {
      expect(problems((s) => s.criteria['RC-RT007'].steps.push({ restart: { role: 'api' } }))).toEqual([
        { pointer: '/criteria/RC-RT007/steps/2/restart', message: 'a restart step changes the stack for every later check: it belongs in the last phase (persistence), not in api' },
      ]);
      expect(problems((s) => s.fixtures.me.steps.push({ recreate: { role: 'db' } }))).toEqual([
        { pointer: '/fixtures/me/steps/1/recreate', message: 'a fixture runs whenever it is first used: a recreate step belongs in a criterion of the last phase' },
      ]);
    });

    it('a template in SQL text; values go in params', () => {
      expect(problems((s) => (s.criteria['RC-RT014'].steps[2].sql.query = 'SELECT count(*) FROM t WHERE n >= {{before.n}}'))).toEqual([
        { pointer: '/criteria/RC-RT014/steps/2/sql/query', message: 'SQL text holds no templates: write $1, $2… in the query and put the values in params' },
      ]);
      expect(problems((s) => Object.assign(s.criteria['RC-RT014'].steps[2].sql, { query: 'SELECT count(*) FROM t WHERE n >= $1', params: ['{{before.n}}'] }))).toEqual([]);
    });

    it('a template where a value would change a pattern or a path', () => {
      expect(problems((s) => (s.criteria['RC-RT014'].steps[2].expect.json[0] = { path: '$[0].n', regex: '{{before.n}}' }))).toEqual([
        { pointer: '/criteria/RC-RT014/steps/2/expect/json/0/regex', message: expect.stringContaining('templates are allowed only in') },
      ]);
      expect(problems((s) => (s.criteria['RC-RT014'].steps[2].expect.json[0] = { path: "$[?@.n == '{{before.n}}']", count: 1 }))).toContainEqual({
        pointer: '/criteria/RC-RT014/steps/2/expect/json/0/path',
        message: expect.stringContaining('templates are allowed only in'),
      });
    });

    it('a malformed template', () => {
      expect(problems((s) => (s.criteria['RC-RT007'].steps[1].http.path = '/rocks/{{me.token'))).toEqual([{ pointer: '/criteria/RC-RT007/steps/1/http/path', message: 'has "{{" without "}}"' }]);
      expect(problems((s) => (s.criteria['RC-RT007'].steps[1].http.path = '/rocks/{{me.token | upper}}'))).toEqual([
        { pointer: '/criteria/RC-RT007/steps/1/http/path', message: 'has {{me.token | upper}}, which is not {{capture.field}}, {{$run}} or {{$rand}}' },
      ]);
    });

    it('an unknown fixture, and a fixture its criterion does not use', () => {
      expect(problems((s) => (s.criteria['RC-RT007'].steps[0].use = 'you'))).toEqual(
        expect.arrayContaining([
          { pointer: '/criteria/RC-RT007/steps/0/use', message: 'names the fixture "you", which the scenario does not define' },
          { pointer: '/fixtures/me/criterion', message: 'RC-RT007 reports this fixture\'s failure, so it must use it (add "- use: me" to its steps)' },
        ]),
      );
    });

    it('fixtures that use each other in a cycle', () => {
      expect(problems((s) => s.fixtures.me.steps.unshift({ use: 'me' }))).toContainEqual({ pointer: '/fixtures/me', message: 'fixtures use each other in a cycle: me → me' });
    });

    it('patterns, paths and schemas that cannot be used', () => {
      expect(problems((s) => (s.criteria['RC-RT014'].steps[2].expect.json[0] = { path: '$[0].n', regex: '(' }))).toEqual([
        { pointer: '/criteria/RC-RT014/steps/2/expect/json/0/regex', message: expect.stringContaining('not a valid regular expression') },
      ]);
      expect(problems((s) => (s.criteria['RC-RT014'].steps[2].expect.json[0] = { path: "$[?match(@.a, 'x+')]", count: 1 }))).toEqual([
        { pointer: '/criteria/RC-RT014/steps/2/expect/json/0/path', message: expect.stringContaining('uses match()') },
      ]);
      expect(problems((s) => (s.criteria['RC-RT014'].steps[2].expect.json[0] = { path: '$[0]', one: { schema: { type: 'thing' } } }))).toEqual([
        { pointer: '/criteria/RC-RT014/steps/2/expect/json/0/one/schema', message: expect.stringContaining('not a usable JSON Schema') },
      ]);
    });

    it('captures that do not fit the kind, and shapes the schema cannot say', () => {
      expect(problems((s) => (s.criteria['RC-RT014'].steps[0].capture = { h: { header: 'Location' } }))).toContainEqual({
        pointer: '/criteria/RC-RT014/steps/0/capture/h/header',
        message: 'a header capture needs http step, not sql',
      });
      expect(problems((s) => (s.criteria['RC-RT014'].steps[2].expect.json[0] = { path: '$[0].n', one: 1, gte: 1 }))).toEqual([
        { pointer: '/criteria/RC-RT014/steps/2/expect/json/0', message: 'has one and matcher keys beside it: put the matcher under one' },
      ]);
      expect(problems((s) => (s.criteria['RC-RT007'].steps[1].http.headers = { Host: 'evil' }))).toEqual([{ pointer: '/criteria/RC-RT007/steps/1/http/headers/Host', message: 'Host is set by rock-check, not by a profile' }]);
    });

    it('stick names shared by steps with different numbers of variants', () => {
      const probs = problems((s) => {
        const step = (n: number) => ({ http: { role: 'api', path: '/x' }, variants: Array.from({ length: n }, (_, i) => ({ query: { k: String(i) } })), stick: 'key' });
        s.criteria['RC-RT007'].steps.push(step(2), step(3));
      });
      expect(probs).toEqual([{ pointer: '/criteria/RC-RT007/steps/3/stick', message: '"key" is also the stick of /criteria/RC-RT007/steps/2, which has 2 variants, not 3' }]);
    });
  });
});
