import { describe, expect, it } from 'vitest';
import { parseDotenv } from './dotenv.js';

describe('parseDotenv', () => {
  it('reads keys, values and value positions', () => {
    const entries = parseDotenv('# local settings\nDB_NAME=rockofages\n\nexport DB_HOST = postgres-db\n');
    expect(entries).toEqual([
      { key: 'DB_NAME', value: 'rockofages', line: 2, column: 9 },
      { key: 'DB_HOST', value: 'postgres-db', line: 4, column: 18 },
    ]);
  });
  it('handles quotes, inline comments, CRLF and a BOM', () => {
    const entries = parseDotenv('\uFEFFA="x # y"\r\nB=\'a\\nb\'\r\nC=z # comment\r\nD="q\\"r"\r\nE=\r\nF\r\n');
    expect(entries.map((e) => [e.key, e.value])).toEqual([
      ['A', 'x # y'],
      ['B', 'a\\nb'],
      ['C', 'z'],
      ['D', 'q"r'],
      ['E', ''],
      ['F', undefined],
    ]);
    expect(entries[2].line).toBe(3);
  });
  it('ignores lines that are not assignments', () => {
    expect(parseDotenv('#DB_HOST=x\n  # DB_HOST=y\nnot an assignment\n')).toEqual([]);
  });
});
