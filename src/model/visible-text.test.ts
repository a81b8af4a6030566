import { describe, expect, it } from 'vitest';
import { defuseCommand, visibleLine, visibleLines } from './visible-text.js';

describe('visibleLine', () => {
  it('shows every control character as text: ESC, BEL, C1, DEL, CR, LF, tab', () => {
    expect(visibleLine('a\u001b[2Jb\u0007c\u009bd\u007fe\rf\ng\th')).toBe('a\\x1b[2Jb\\x07c\\x9bd\\x7fe\\rf\\ng\\th');
  });

  it('shows bidirectional overrides and Unicode line separators', () => {
    expect(visibleLine('x\u202eexe.txt\u2028y')).toBe('x\\u202eexe.txt\\u2028y');
  });

  it('cannot start a new line, so no workflow command can be forged', () => {
    expect(visibleLine('Dockerfile\n::error file=x::forged')).not.toMatch(/[\r\n]/);
  });

  it('leaves ordinary text, accents and emoji alone', () => {
    expect(visibleLine('café ✓ naïve "quoted" <tag>')).toBe('café ✓ naïve "quoted" <tag>');
  });
});

describe('visibleLines', () => {
  it('keeps line breaks (CRLF as LF) and escapes the rest', () => {
    expect(visibleLines('one\r\ntwo\u001b[31m\nthree\r')).toBe('one\ntwo\\x1b[31m\nthree\\r');
  });
});

describe('defuseCommand', () => {
  it('escapes the first character of a line that GitHub would run as a workflow command, after any indentation', () => {
    expect(defuseCommand('::error file=x::forged')).toBe('\\x3a:error file=x::forged');
    expect(defuseCommand('    ::add-mask::x')).toBe('    \\x3a:add-mask::x');
    expect(defuseCommand('##[error]forged')).toBe('\\x23#[error]forged');
  });

  it('leaves other lines, and :: elsewhere in a line, alone', () => {
    for (const line of ['a ::error:: b', ': not a command', '# heading', 'C::D']) expect(defuseCommand(line)).toBe(line);
  });

  it('is applied to every line of quoted text', () => {
    expect(visibleLine('::error::x')).toBe('\\x3a:error::x');
    expect(visibleLines('log:\n  ::error::x')).toBe('log:\n  \\x3a:error::x');
  });
});
