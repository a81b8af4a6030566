import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { jsonAttributes, resolveJsonWithoutAttributes } from './json-modules.js';

const run = promisify(execFile);

describe('jsonAttributes', () => {
  it('marks a .json file imported without attributes as JSON', () => {
    expect(jsonAttributes('file:///p/node_modules/x/dist/schema.min.json', {})).toEqual({ type: 'json' });
  });

  it('leaves other modules, explicit attributes and non-file URLs alone', () => {
    expect(jsonAttributes('file:///p/dist/index.js', {})).toBeUndefined();
    expect(jsonAttributes('file:///p/a.json', { type: 'json' })).toBeUndefined();
    expect(jsonAttributes('data:text/javascript,export default 1', {})).toBeUndefined();
    expect(jsonAttributes('node:fs', {})).toBeUndefined();
  });
});

describe('resolveJsonWithoutAttributes', () => {
  const next = (url: string) => () => ({ url, format: null });

  it('adds the attribute to what the next resolver found', () => {
    const r = resolveJsonWithoutAttributes('./a.json', { conditions: [], importAttributes: {}, parentURL: 'file:///p/i.js' }, next('file:///p/a.json'));
    expect(r).toEqual({ url: 'file:///p/a.json', format: null, importAttributes: { type: 'json' } });
  });

  it('passes require() resolutions through unchanged', () => {
    const context = { conditions: [], parentURL: 'file:///p/i.js' } as unknown as Parameters<typeof resolveJsonWithoutAttributes>[1];
    expect(resolveJsonWithoutAttributes('./a.json', context, next('file:///p/a.json'))).toEqual({ url: 'file:///p/a.json', format: null });
  });
});

it('lets plain Node import the workflow parser, whose JSON imports have no attributes', async () => {
  const code = "const p = await import('@actions/workflow-parser'); console.log(typeof p.parseWorkflow);";
  const without = run(process.execPath, ['--input-type=module', '-e', code]);
  await expect(without).rejects.toThrow(/import attribute/);
  const { stdout } = await run(process.execPath, ['--import', new URL('./json-modules.ts', import.meta.url).href, '--input-type=module', '-e', code]);
  expect(stdout.trim()).toBe('function');
});
