import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyMergeKeys } from './merge-keys.js';

describe('applyMergeKeys', () => {
  it('merges anchors into the mapping; own keys win, earlier sources win', () => {
    const data = parse('a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n  x: 3\n');
    expect(applyMergeKeys(data)).toEqual({ a: { x: 1, y: 1 }, b: { y: 2, z: 2 }, c: { x: 3, y: 1, z: 2 } });
  });
  it('leaves a "<<" key that merges nothing for the schema to report', () => {
    expect(applyMergeKeys({ s: { '<<': 'text' } })).toEqual({ s: { '<<': 'text' } });
  });
});
