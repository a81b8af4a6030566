import { describe, expect, it } from 'vitest';
import { duration, spread, visibleControls, wrap } from './text.js';

describe('wrap', () => {
  it('breaks at spaces with a hanging indent and keeps every line within the width', () => {
    const lines = wrap('one two three four five six seven eight nine ten', 20, '  ', '    ');
    expect(lines).toEqual(['  one two three four', '    five six seven', '    eight nine ten']);
    expect(lines.every((l) => l.length <= 20)).toBe(true);
  });

  it('keeps a word longer than the line whole', () => {
    expect(wrap('see https://example.com/a/very/long/path/that/cannot/break now', 20, '', '  ')).toEqual([
      'see',
      '  https://example.com/a/very/long/path/that/cannot/break',
      '  now',
    ]);
  });

  it('starts a new line at each line break, whatever the line ending', () => {
    expect(wrap('a\nb\r\nc\rd', 80, '> ', '  ')).toEqual(['> a', '  b', '  c', '  d']);
  });

  it('gives the first prefix alone for empty text', () => {
    expect(wrap('', 80, '  x ', '    ')).toEqual(['  x']);
  });
});

describe('visibleControls', () => {
  it('shows escape sequences and other controls as text, tabs as spaces', () => {
    expect(visibleControls('a\u001b[31mred\u0007\tb\u009bc')).toBe('a\\x1b[31mred\\x07 b\\x9bc');
  });

  it('keeps line breaks and printable text, including non-ASCII', () => {
    expect(visibleControls('ligne 1\nérable ✓')).toBe('ligne 1\nérable ✓');
  });
});

describe('spread', () => {
  it('puts the right part at the end of the width', () => {
    expect(spread('left', '3/3', 12)).toBe('left     3/3');
  });

  it('keeps one space when the left part is too long', () => {
    expect(spread('a long left part', '3/3', 10)).toBe('a long left part 3/3');
  });
});

describe('duration', () => {
  it.each([
    [412, '0.4 s'],
    [3507, '3.5 s'],
    [84213, '1 min 24 s'],
  ])('%i ms is %s', (ms, text) => {
    expect(duration(ms)).toBe(text);
  });
});
