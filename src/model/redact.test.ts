import { describe, expect, it } from 'vitest';
import { redact, redactAll } from './redact.js';

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
