import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../../src/profile/load.js';
import { fatalHint, hintFor } from './hints.js';

const hint = (log: string, code?: number) => hintFor(log, code, defaultProfile());

describe('hintFor', () => {
  it('knows the common causes of a failed start', () => {
    expect(hint('django.db.utils.OperationalError: server does not support SSL connections')).toMatch(/SSLMODE=disable/);
    expect(hint('connection to server at "postgres-db" (192.168.240.2), port 5432 failed: server does not support SSL, but SSL was required')).toMatch(/SSLMODE=disable/);
    expect(hint('could not translate host name "db" to address: Name or service not known')).toMatch(/DB_HOST names "db".*DB_HOST=postgres-db/);
    expect(hint('connection to server at "localhost" (127.0.0.1), port 5432 failed: Connection refused')).toMatch(/localhost.*DB_HOST=postgres-db/);
    expect(hint('could not connect to server: Connection refused\n\tIs the server running on host "localhost" (127.0.0.1)')).toMatch(/DB_HOST=postgres-db/);
    expect(hint('bash: ./seed_database.sh: Permission denied', 126)).toMatch(/chmod \+x seed_database.sh/);
    expect(hint("./seed_database.sh: line 2: $'\\r': command not found")).toMatch(/CRLF/);
    expect(hint('bash: ./seed_database.sh: /bin/bash^M: bad interpreter: No such file or directory')).toMatch(/CRLF/);
    expect(hint('bash: line 1: ./seed_database.sh: cannot execute: required file not found', 127)).toMatch(/CRLF/);
    expect(hint('FATAL:  password authentication failed for user "bob"')).toMatch(/refused user "bob"/);
    expect(hint('', 137)).toMatch(/killed/);
    expect(hint('sh: can\'t fork: Resource temporarily unavailable')).toMatch(/ran out of its 512 processes/);
    expect(hint('bash: fork: retry: Resource temporarily unavailable')).toMatch(/ran out of its 512 processes/);
  });

  it('says nothing when the cause is unknown', () => {
    expect(hint('Watching for file changes with StatReloader', 1)).toBeUndefined();
  });

  it('marks as fatal only the causes a running container cannot get past by retrying', () => {
    const fatal = (log: string) => fatalHint(log, defaultProfile());
    expect(fatal('port 5432 failed: server does not support SSL, but SSL was required')).toMatch(/SSLMODE=disable/);
    expect(fatal('could not translate host name "db" to address')).toMatch(/DB_HOST=postgres-db/);
    expect(fatal('connection to server at "localhost" (127.0.0.1), port 5432 failed: Connection refused')).toMatch(/DB_HOST=postgres-db/);
    expect(fatal('FATAL:  password authentication failed for user "bob"')).toMatch(/refused user "bob"/);
    expect(fatal('FATAL:  database "rocks" does not exist')).toMatch(/must be rockofages/);
    expect(fatal("sh: can't fork: Resource temporarily unavailable")).toMatch(/processes/);
    expect(fatal('connection to server at "postgres-db" (172.18.0.2), port 5432 failed: Connection refused')).toBeUndefined();
    expect(fatal('Invalid HTTP_HOST header: 127.0.0.1:8000')).toBeUndefined();
    expect(fatal("./seed_database.sh: line 2: $'\\r': command not found")).toBeUndefined();
  });
});
