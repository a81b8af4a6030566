import { describe, expect, it } from 'vitest';
import { envRecord, readDockerEnvFile } from './env-file.js';

describe('readDockerEnvFile (docker run --env-file)', () => {
  it('keeps everything after the first = as the value: quotes, inline comments, trailing blanks', () => {
    const f = readDockerEnvFile('DB_NAME="rockofages"\nDB_PASSWORD=localpassword123  # local only\nDB_HOST=postgres-db   \nURL=a=b\n');
    expect(envRecord(f)).toEqual({
      DB_NAME: '"rockofages"',
      DB_PASSWORD: 'localpassword123  # local only',
      DB_HOST: 'postgres-db   ',
      URL: 'a=b',
    });
    expect(f.entries.map((e) => e.line)).toEqual([1, 2, 3, 4]);
  });

  it('skips blank and comment lines, drops leading blanks, a BOM and the CR of CRLF endings', () => {
    const f = readDockerEnvFile('\ufeff# comment\r\n\r\n   \t DB_PORT=5432\r\n  # indented comment\nSSLMODE=disable\r\n');
    expect(envRecord(f)).toEqual({ DB_PORT: '5432', SSLMODE: 'disable' });
    expect(f.entries.map((e) => e.line)).toEqual([3, 5]);
  });

  it('leaves keys without = unset (Docker would read them from the caller shell)', () => {
    const f = readDockerEnvFile('HOME\nDB_USER=rockadmin\n');
    expect(envRecord(f)).toEqual({ DB_USER: 'rockadmin' });
    expect(f.passThrough).toEqual([{ key: 'HOME', line: 1 }]);
  });

  it('lets a later line win, as Docker does', () => {
    expect(envRecord(readDockerEnvFile('A=1\nA=2\n'))).toEqual({ A: '2' });
  });

  it('reports what makes docker run refuse the file', () => {
    expect(readDockerEnvFile('A=1\nexport DB_HOST=x\n').error).toEqual({ line: 2, message: "variable 'export DB_HOST' contains whitespaces" });
    expect(readDockerEnvFile('=value\n').error).toEqual({ line: 1, message: "no variable name on line '=value'" });
    expect(readDockerEnvFile('').entries).toEqual([]);
  });
});
