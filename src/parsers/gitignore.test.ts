import { describe, expect, it } from 'vitest';
import { isIgnored, parseGitignore } from './gitignore.js';

const ignored = (text: string, path: string) => isIgnored(parseGitignore('.gitignore', text), path).ignored;

describe('gitignore', () => {
  it('matches the usual env patterns', () => {
    expect(ignored('.env\n', '.env')).toBe(true);
    expect(ignored('.env\n', '.env.local')).toBe(false);
    expect(ignored('.env*\n', '.env.local')).toBe(true);
    expect(ignored('.env.*\n', '.env')).toBe(false);
    expect(ignored('*.local\n', '.env.local')).toBe(true);
    expect(ignored('*.env\n', '.env')).toBe(true);
    expect(ignored('.env.local\n', '.env.local')).toBe(true);
  });

  it('lets the last matching pattern decide, with negations', () => {
    const gi = parseGitignore('.gitignore', '# env\n.env*\n!.env.example\n');
    expect(isIgnored(gi, '.env.example')).toMatchObject({ ignored: false, decidedBy: { pattern: '.env.example', negated: true, pos: { line: 3, column: 1 } } });
    expect(isIgnored(gi, '.env')).toMatchObject({ ignored: true, decidedBy: { pattern: '.env*', pos: { line: 2, column: 1 } } });
    expect(isIgnored(gi, 'other.txt')).toEqual({ ignored: false });
  });

  it('knows folder-only, anchored and ** patterns', () => {
    expect(ignored('.env/\n', '.env')).toBe(false);
    expect(ignored('.env/\n', '.env/x')).toBe(true);
    expect(ignored('/.env\n', 'sub/.env')).toBe(false);
    expect(ignored('.env\n', 'sub/.env')).toBe(true);
    expect(ignored('config/*.env\n', 'config/db.env')).toBe(true);
    expect(ignored('config/*.env\n', 'x/config/db.env')).toBe(false);
    expect(ignored('**/secrets/**\n', 'a/b/secrets/key.txt')).toBe(true);
    expect(ignored('.env.[lp]*\n', '.env.local')).toBe(true);
    expect(ignored('.env.[!l]*\n', '.env.local')).toBe(false);
  });

  it('does not re-include a file below an excluded folder', () => {
    expect(ignored('config/\n!config/.env.example\n', 'config/.env.example')).toBe(true);
    expect(ignored('config/*\n!config/.env.example\n', 'config/.env.example')).toBe(false);
  });

  it('treats escapes, blank lines and CRLF as git does', () => {
    expect(ignored('\\#notes\r\n\r\n', '#notes')).toBe(true);
    expect(ignored('\\!important\n', '!important')).toBe(true);
    expect(ignored('.env   \n', '.env')).toBe(true);
    expect(parseGitignore('.gitignore', '').patterns).toEqual([]);
    expect(parseGitignore('.gitignore', `${'x'.repeat(100_000)}\n.env\n`).patterns.map((p) => p.pattern)).toEqual(['.env']);
  });

  it('matches hostile lines in bounded time and never throws, keeping the other lines and their positions', () => {
    const stars = `${'*'.repeat(60)}x\n`; // 61 bytes: a backtracking regular expression took 90 s on it
    const text = `${stars}${'*a'.repeat(30)}x\n[z-a]\n[\n.env*\n!.env.example\n`;
    const started = Date.now();
    const gi = parseGitignore('.gitignore', text);
    for (const name of ['.env', '.env.example', 'a'.repeat(200), `${'a/'.repeat(100)}b`]) isIgnored(gi, name);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(isIgnored(gi, '.env')).toMatchObject({ ignored: true, decidedBy: { pattern: '.env*', pos: { line: 5, column: 1 } } });
    expect(isIgnored(gi, '.env.example')).toMatchObject({ ignored: false, decidedBy: { pattern: '.env.example', negated: true, pos: { line: 6, column: 1 } } });
  });
});
