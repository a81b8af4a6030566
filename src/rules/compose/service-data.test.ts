import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { looksLikeHostPath } from './host-paths.js';
import { buildContext, envFileRefs, environmentEntries, serviceMounts } from './service-data.js';

const base = ['services', 's'];

describe('service data', () => {
  it('reads environment in map and list form', () => {
    expect(environmentEntries(parse('environment: {A: 1, B: null, C: x}'), base)).toEqual([
      { key: 'A', value: '1', path: [...base, 'environment', 'A'] },
      { key: 'B', value: undefined, path: [...base, 'environment', 'B'] },
      { key: 'C', value: 'x', path: [...base, 'environment', 'C'] },
    ]);
    expect(environmentEntries(parse('environment: ["A=1=2", "B", 3]'), base)).toEqual([
      { key: 'A', value: '1=2', path: [...base, 'environment', 0] },
      { key: 'B', value: undefined, path: [...base, 'environment', 1] },
    ]);
  });

  it('reads env_file in its three forms', () => {
    expect(envFileRefs(parse('env_file: .env'), base)).toEqual([{ written: '.env', required: true, path: [...base, 'env_file'] }]);
    expect(envFileRefs(parse('env_file: [a.env, {path: b.env, required: false}, {path: c.env, required: "false"}, {path: d.env}]'), base)).toEqual([
      { written: 'a.env', required: true, path: [...base, 'env_file', 0] },
      { written: 'b.env', required: false, path: [...base, 'env_file', 1, 'path'] },
      { written: 'c.env', required: false, path: [...base, 'env_file', 2, 'path'] },
      { written: 'd.env', required: true, path: [...base, 'env_file', 3, 'path'] },
    ]);
  });

  it('reads the build context', () => {
    expect(buildContext(parse('build: ./api'))).toBe('./api');
    expect(buildContext(parse('build: {dockerfile: D}'))).toBe('.');
    expect(buildContext(parse('image: x'))).toBeUndefined();
  });

  it('reads mounts in short and long syntax', () => {
    const s = parse(
      'volumes: ["pg:/var/lib/postgresql/data:rw", "./src:/app", "/app/node_modules", "C:\\\\data:/data", {type: bind, source: /, target: /host}, {type: volume, target: /x}]',
    );
    expect(serviceMounts(s, base, looksLikeHostPath).map((m) => [m.kind, m.source, m.target])).toEqual([
      ['volume', 'pg', '/var/lib/postgresql/data'],
      ['bind', './src', '/app'],
      ['anonymous', undefined, '/app/node_modules'],
      ['bind', 'C:\\data', '/data'],
      ['bind', '/', '/host'],
      ['anonymous', undefined, '/x'],
    ]);
  });
});
