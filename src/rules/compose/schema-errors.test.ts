import type { ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { composeSchema } from './compose-schema.js';
import { composeSchemaProblems, decodePointer, describePath, explainComposite, pruneErrors } from './schema-errors.js';

const problems = (yaml: string) => composeSchemaProblems(parse(yaml));

describe('composeSchemaProblems', () => {
  it('finds nothing in a valid file', () => {
    expect(problems('services:\n  db:\n    image: postgres:15\n    healthcheck: {test: ["CMD", "pg_isready"]}\nvolumes: {d: {}}\n')).toEqual([]);
  });

  it('points an unknown key at the key and says where the settings belong', () => {
    const [p, ...rest] = problems('services:\n  client:\n    build: .\n    app:\n      environment:\n        - A=b\n');
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ path: ['services', 'client', 'app'], at: 'key' });
    expect(p.message).toBe('additional property "app" is not allowed in service "client"; move environment up one level and delete the "app:" line');
    expect(p.hint).toBe('environment is a setting of service "client" itself');
  });

  it('suggests the key that was meant', () => {
    const [p] = problems('services:\n  api:\n    build: {context: ., dockerfil: Dockerfile}\n');
    expect(p.path).toEqual(['services', 'api', 'build', 'dockerfil']);
    expect(p.message).toContain('did you mean "dockerfile"?');
  });

  it('summarises a oneOf whose branches all want another type, at the value', () => {
    const all = problems('services:\n  db:\n    image: postgres\n    healthcheck:\n      test: 5\n');
    expect(all).toEqual([
      {
        path: ['services', 'db', 'healthcheck', 'test'],
        at: 'value',
        message: 'healthcheck.test of service "db" must be a string or a list, not a number',
      },
    ]);
  });

  it('reports the branch that was meant, once', () => {
    expect(problems('services:\n  api:\n    build: {context: 1}\n').map((p) => p.message)).toEqual([
      'build.context of service "api" must be a string, not a number',
    ]);
    expect(problems('services:\n  api:\n    environment:\n      - A=1\n      - B: 2\n').map((p) => [p.path, p.message])).toEqual([
      [['services', 'api', 'environment', 1], 'environment item 2 of service "api" must be a string, not a mapping; write list entries as KEY=value, without ": "'],
    ]);
    const dep = problems('services:\n  api:\n    depends_on:\n      db: {condition: service_healthy2}\n');
    expect(dep).toHaveLength(1);
    expect(dep[0].message).toContain('allowed values: service_started, service_healthy, service_completed_successfully');
    expect(dep[0].hint).toBe('did you mean "service_healthy"?');
  });

  it('reports every independent error, each with its own path', () => {
    const all = problems(
      'version: 3\nservices:\n  db:\n    ports: "5432:5432"\n  api:\n    depends_on: {db: {}}\n    enviroment: {A: 1}\nvolume: {}\n',
    );
    const byPath = new Map(all.map((p) => [p.path.join('.'), p]));
    expect([...byPath.keys()].sort()).toEqual(['services.api.depends_on.db', 'services.api.enviroment', 'services.db.ports', 'version', 'volume']);
    expect(all).toHaveLength(5);
    expect(byPath.get('services.db.ports')?.message).toBe('ports of service "db" must be a list, not a string; write each entry on its own line starting with "- ", or in brackets [...]');
    expect(byPath.get('services.api.depends_on.db')).toMatchObject({ at: 'key', message: 'depends_on.db of service "api" is missing the required key "condition"; add it' });
  });

  it('explains misplaced services and badly named ones', () => {
    const all = problems('services:\n  my api:\n    image: x\nclient:\n  image: node\n');
    expect(all.map((p) => p.message).sort()).toEqual([
      'additional property "client" is not allowed at the top level; it looks like a service: indent it under services:',
      'name "my api" is not allowed in "services"; use only letters, digits, ".", "_" and "-"',
    ]);
  });

  it('asks to fill in empty values', () => {
    expect(problems('services:\n  db:\n    healthcheck:\n').map((p) => p.message)).toEqual([
      'healthcheck of service "db" must be a mapping (key: value), not empty; fill it in or remove the key',
    ]);
  });
});

const err = (keyword: string, instancePath: string, extra: Partial<ErrorObject> = {}): ErrorObject => ({
  keyword,
  instancePath,
  schemaPath: '#',
  params: keyword === 'type' ? { type: 'string' } : {},
  ...extra,
});

describe('pruneErrors', () => {
  const branches = [{ type: 'string' }, { type: 'array' }, { type: 'object' }];
  const composite = err('oneOf', '/a', { schema: branches, data: { x: 1 }, params: { passingSchemas: null } });

  it('keeps errors outside any oneOf and drops the raw branch errors', () => {
    const revalidate = (b: unknown) =>
      b === branches[2] ? [err('additionalProperties', '', { params: { additionalProperty: 'x' } })] : [err('type', '', { params: { type: (b as { type: string }).type } })];
    const out = pruneErrors([err('type', '/a'), err('type', '/a'), err('additionalProperties', '/a'), composite, err('type', '/b')], revalidate);
    expect(out.map((e) => [e.keyword, e.instancePath])).toEqual([
      ['type', '/b'],
      ['additionalProperties', '/a'],
    ]);
  });

  it('merges branches that only disagree on the type into one error', () => {
    const revalidate = (b: unknown) => [err('type', '', { params: { type: (b as { type: string }).type } })];
    const [only, ...rest] = explainComposite(composite, revalidate);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ keyword: 'type', instancePath: '/a', params: { type: ['string', 'array', 'object'] } });
  });

  it('prefers the branch whose errors reach deepest', () => {
    const revalidate = (b: unknown) =>
      b === branches[1] ? [err('type', '/0/name')] : b === branches[2] ? [err('required', '')] : [err('type', '')];
    expect(explainComposite(composite, revalidate).map((e) => e.instancePath)).toEqual(['/a/0/name']);
  });

  it('explains nested oneOf errors inside the chosen branch', () => {
    const inner = [{ type: 'string' }, { type: 'number' }];
    const revalidate = (b: unknown, value: unknown) => {
      if (b === branches[2]) return [err('type', '/x'), err('type', '/x'), err('oneOf', '/x', { schema: inner, data: 1, params: { passingSchemas: null } })];
      if (inner.includes(b as { type: string })) return [err('type', '', { params: { type: (b as { type: string }).type } })];
      return [err('type', '', { data: value })];
    };
    const out = explainComposite(composite, revalidate);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ instancePath: '/a/x', params: { type: ['string', 'number'] } });
  });
});

describe('paths', () => {
  it('decodes JSON pointers, with numbers for list items only', () => {
    const data = { services: { 'a/b': { ports: ['1', '2'] }, '0': {} } };
    expect(decodePointer('/services/a~1b/ports/1', data)).toEqual(['services', 'a/b', 'ports', 1]);
    expect(decodePointer('/services/0', data)).toEqual(['services', '0']);
    expect(decodePointer('', data)).toEqual([]);
  });
  it('names paths in compose words', () => {
    expect(describePath([])).toBe('the compose file');
    expect(describePath(['services', 'api'])).toBe('service "api"');
    expect(describePath(['services', 'api', 'volumes', 0, 'bind', 'propagation'])).toBe('volumes item 1, bind.propagation of service "api"');
    expect(describePath(['volumes', 'pg', 'driver_opts'])).toBe('driver_opts of volume "pg"');
    expect(describePath(['include', 0])).toBe('"include item 1"');
  });
});

describe('the vendored compose schema', () => {
  // pruneErrors relies on this: every error at or below a failed oneOf/anyOf comes from that composite.
  it('keeps every oneOf/anyOf alone in its schema node', () => {
    const annotations = new Set(['description', 'deprecated', 'default', 'title', '$comment', 'examples']);
    const shared: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}/${i}`));
      if (!node || typeof node !== 'object') return;
      const keys = Object.keys(node);
      if (keys.some((k) => k === 'oneOf' || k === 'anyOf') && keys.some((k) => !['oneOf', 'anyOf'].includes(k) && !annotations.has(k))) {
        shared.push(at);
      }
      for (const [k, v] of Object.entries(node)) walk(v, `${at}/${k}`);
    };
    walk(composeSchema, '#');
    expect(shared).toEqual([]);
  });
});
