import { describe, expect, it } from 'vitest';
import { shorthandSyntaxError, shorthandValues } from './aws-shorthand.js';

describe('shorthandSyntaxError', () => {
  it('accepts the forms the AWS CLI accepts', () => {
    for (const ok of [
      'commands=["docker pull \\"$IMAGE\\"","docker stop api || true"]',
      "commands=[\n  'echo a',\n  \"echo b \\\n    c\"\n]",
      'commands=[a, b],executionTimeout=["3600"]',
      'commands=echo',
      'k={a=b, c=[d]}',
    ]) {
      expect(shorthandSyntaxError(ok), ok).toBeUndefined();
    }
  });

  it('rejects \\\\" (an escaped backslash, then a closing quote) where the value goes on', () => {
    const text = 'commands=["docker pull \\\\"$IMAGE\\\\""]';
    expect(shorthandSyntaxError(text)).toEqual({ offset: text.indexOf('$'), message: "expected ',' but found '$'" });
  });

  it('rejects unclosed lists, quotes and missing names', () => {
    expect(shorthandSyntaxError('commands=["a"')?.message).toBe("expected ',' but found the end of the value");
    expect(shorthandSyntaxError('commands=[')?.message).toBe("expected ']' to close the list but found the end of the value");
    expect(shorthandSyntaxError('commands=echo hi')?.message).toBe("expected ',' but found 'h'");
    expect(shorthandSyntaxError('commands=["a]')?.message).toBe('the quoted value starting here is never closed');
    expect(shorthandSyntaxError('=x')?.offset).toBe(0);
  });

  it('refuses nesting deeper than it reads, without exhausting the stack', () => {
    expect(shorthandSyntaxError(`commands=${'['.repeat(200_000)}`)?.message).toBe('lists and maps nested more than 64 levels deep');
    expect(shorthandValues(`commands=${'['.repeat(200_000)}`)).toBeUndefined();
  });
});
