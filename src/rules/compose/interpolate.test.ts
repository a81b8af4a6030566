import { describe, expect, it } from 'vitest';
import { interpolate } from './interpolate.js';

const vars = new Map([
  ['DB_HOST', 'postgres-db'],
  ['EMPTY', ''],
]);

describe('interpolate', () => {
  it('substitutes set variables in both spellings', () => {
    expect(interpolate('${DB_HOST}', vars)).toEqual({ value: 'postgres-db', missing: [] });
    expect(interpolate('$DB_HOST:5432', vars)).toEqual({ value: 'postgres-db:5432', missing: [] });
  });
  it('applies defaults and reports unset variables', () => {
    expect(interpolate('${NOPE:-db}', vars).value).toBe('db');
    expect(interpolate('${EMPTY:-db}', vars).value).toBe('db');
    expect(interpolate('${EMPTY-db}', vars).value).toBe('');
    expect(interpolate('${NOPE}', vars)).toEqual({ value: '', missing: ['NOPE'] });
    expect(interpolate('${NOPE:?set it}', vars).missing).toEqual(['NOPE']);
  });
  it('keeps $$ as a literal dollar', () => {
    expect(interpolate('a$$b', vars).value).toBe('a$b');
  });
});
