import { describe, expect, it } from 'vitest';
import { closest } from './suggest.js';

describe('closest', () => {
  it('suggests the candidate within two edits', () => {
    expect(closest('enviroment', ['image', 'environment', 'volumes'])).toBe('environment');
    expect(closest('dockerfil', ['context', 'dockerfile'])).toBe('dockerfile');
    expect(closest('postgress', ['api', 'postgres'])).toBe('postgres');
  });

  it('prefers the nearest candidate, then the first of equally near ones', () => {
    expect(closest('volume', ['volumes_from', 'volumes'])).toBe('volumes');
    expect(closest('pots', ['post', 'pots1'])).toBe('pots1');
    expect(closest('abcdef', ['abcdxy', 'abcdzz'])).toBe('abcdxy');
  });

  it('ignores letter case', () => {
    expect(closest('Environment', ['environment'])).toBe('environment');
    expect(closest('ENVIRONMENT', ['volumes', 'environment'])).toBe('environment');
  });

  it('suggests nothing farther than the limit', () => {
    expect(closest('healthcheck', ['image', 'command'])).toBeUndefined();
    expect(closest('COPPPPY', ['COPY'])).toBeUndefined();
    expect(closest('COPPPPY', ['COPY'], { maxDistance: 3 })).toBe('COPY');
    expect(closest('x', [])).toBeUndefined();
  });

  it('needs fewer edits than half the longer word, unless told otherwise', () => {
    expect(closest('ab', ['xy'])).toBeUndefined();
    expect(closest('APT', ['ADD'])).toBeUndefined();
    expect(closest('APT', ['ADD'], { proportional: false })).toBe('ADD');
    expect(closest('RU', ['RUN'])).toBe('RUN');
  });
});
