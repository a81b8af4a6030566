import { describe, expect, it } from 'vitest';
import { parseEnvFile } from './env-file.js';

describe('env-file', () => {
  it('reads keys and values with positions, skipping comments and blank lines', () => {
    const env = parseEnvFile('.env', '# header\n\nDB_NAME=rockofages\n  export DB_USER = rockadmin\nBARE_LINE\n');
    expect(env.entries.map((e) => [e.key, e.value, e.keyPos, e.valuePos])).toEqual([
      ['DB_NAME', 'rockofages', { line: 3, column: 1 }, { line: 3, column: 9 }],
      ['DB_USER', 'rockadmin', { line: 4, column: 3 }, { line: 4, column: 20 }],
    ]);
  });

  it('finds an inline comment after whitespace and keeps both readings of the value', () => {
    const [e] = parseEnvFile('.env', 'DB_PORT=5432  # default port\n').entries;
    expect(e.value).toBe('5432');
    expect(e.rawValue).toBe('5432  # default port');
    expect(e.inlineComment).toEqual({ line: 1, column: 15 });
  });

  it('does not take a # inside a value or inside quotes for a comment', () => {
    const entries = parseEnvFile('.env', 'A=pa#ss\nB="x # y"\nC=\'v\' # note\n').entries;
    expect(entries[0]).toMatchObject({ value: 'pa#ss', quoted: false });
    expect(entries[0].inlineComment).toBeUndefined();
    expect(entries[1]).toMatchObject({ value: 'x # y', quoted: true });
    expect(entries[1].inlineComment).toBeUndefined();
    expect(entries[2]).toMatchObject({ value: 'v', quoted: true, inlineComment: { line: 3, column: 7 } });
  });

  it('handles CRLF line endings, a byte order mark and empty values', () => {
    const entries = parseEnvFile('.env', '\ufeffA=1\r\nB=\r\nC= # only a comment\r\n').entries;
    expect(entries.map((e) => [e.key, e.value])).toEqual([
      ['A', '1'],
      ['B', ''],
      ['C', ''],
    ]);
    expect(entries[0].keyPos).toEqual({ line: 1, column: 1 });
    expect(entries[2].inlineComment).toEqual({ line: 3, column: 4 });
  });

  it('gives no entries for an empty file', () => {
    expect(parseEnvFile('.env', '').entries).toEqual([]);
  });
});
