import { describe, expect, it } from 'vitest';
import { redact, redactAll, redactSecrets, secretsIn } from './redact.js';

describe('redact', () => {
  it('never returns the secret', () => {
    for (const s of ['abc', 'abcd1', 'localpassword123', 'YourActualRDSPassword123!']) {
      expect(redact(s)).not.toContain(s);
      expect(redact(s)).not.toContain(s.slice(2, -2) || '\u0000');
    }
  });
  it('keeps the ends to recognise the value', () => {
    expect(redact('localpassword123')).toBe('lo********23');
  });
  it('replaces every occurrence in a text', () => {
    expect(redactAll('pw=s3cretpw and again s3cretpw', ['s3cretpw'])).toBe('pw=s******w and again s******w');
  });
});

describe('redactSecrets', () => {
  it('redacts the value assigned to a credential name, however it is written', () => {
    const secret = 'wJalrXUtnFEMIK7MDENGbPxRfiCYzz';
    for (const text of [
      `unknown instruction "AWS_SECRET_ACCESS_KEY=${secret}"`,
      `key "aws_secret_access_key: ${secret}" is not allowed`,
      `{"DB_PASSWORD": "${secret}"}`,
      `\${{ secrets.DB_PASSWORD == '${secret}' }} is not a valid expression`,
    ]) {
      const out = redactSecrets(text);
      expect(out).not.toContain(secret);
      expect(out).toContain(redact(secret));
    }
  });

  it('redacts known values, URL passwords and keys recognisable by their shape', () => {
    const out = redactSecrets(
      'service "hunter2hunter2" uses https://bob:t0ps3cr3tpw@github.com/x and AKIAIOSFODNN7ABCDEFG and ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      ['hunter2hunter2'],
    );
    for (const s of ['hunter2hunter2', 't0ps3cr3tpw', 'AKIAIOSFODNN7ABCDEFG', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789']) expect(out).not.toContain(s);
    expect(out).toContain(`https://bob:${redact('t0ps3cr3tpw')}@github.com/x`);
  });

  it('leaves references, placeholders and already redacted values as they are', () => {
    for (const text of [
      '-e DB_PASSWORD=${{ secrets.DB_PASSWORD }}',
      'DB_PASSWORD=your-secure-password-here',
      'DB_PASSWORD=lo********23',
      'set DB_PASSWORD: <your password>',
    ]) {
      expect(redactSecrets(text)).toBe(text);
    }
  });

  it('takes linear time on text built to make a regular expression backtrack', () => {
    const text = `${'PASSWORD.'.repeat(100_000)}x ${'a-'.repeat(200_000)}`;
    const started = process.hrtime.bigint();
    redactSecrets(text);
    secretsIn([text]);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(2000);
  });
});

describe('secretsIn', () => {
  it('collects real credential values from env files, YAML, Python and Dockerfiles', () => {
    const found = secretsIn([
      'DB_PASSWORD=localpassword123\nDB_USER=rockadmin\n',
      'environment:\n  POSTGRES_PASSWORD: "S3cure!Pass"\n',
      "'PASSWORD': 'hunter2hunter2',\nSECRET_KEY = 'django-insecure-abc123'\n",
    ]);
    expect([...found].sort()).toEqual(['S3cure!Pass', 'django-insecure-abc123', 'hunter2hunter2', 'localpassword123']);
  });

  it('stops at a bounded number of values, so redacting stays fast on a file listing thousands', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `K${i}_PASSWORD=Value${i}Xy9`).join('\n');
    expect(secretsIn([text]).size).toBe(100);
    expect(secretsIn([text], 10)).toEqual(new Set(Array.from({ length: 10 }, (_, i) => `Value${i}Xy9`)));
  });

  it('leaves short and plain lower-case words to the shape checks, so messages keep their words', () => {
    expect([...secretsIn(['DB_PASSWORD=postgres\nTOKEN=abc\nPASSWORD=${DB_PASSWORD}\n'])]).toEqual([]);
  });
});

describe('words of code and settings are not secrets', () => {
  it('leaves a call that reads the value, and permission words, as they are', () => {
    const settings = "'PASSWORD': os.getenv('DB_PASSWORD'),\n'PASSWD': os.environ['DB_PASSWORD']";
    expect([...secretsIn([settings])]).toEqual([]);
    expect(redactSecrets("write os.getenv('SSLMODE', 'require')", secretsIn([settings]))).toBe("write os.getenv('SSLMODE', 'require')");
    expect(redactSecrets('the deploy job needs permissions id-token: write')).toBe('the deploy job needs permissions id-token: write');
    expect(redactSecrets('DB_PASSWORD=localpassword123')).not.toContain('localpassword123');
  });
});
