import { describe, expect, it } from 'vitest';
import { parsePipfile } from './pipfile.js';

const course = `[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
name = "pypi"

[packages]
django = "*"
psycopg2-binary = "*"  # ← Add this line
"psycopg[binary]" = {version = ">=3",
    extras = ["binary"]}

[dev-packages]
pytest = '*'

[requires]
python_version = "3.11"
`;

describe('pipfile', () => {
  it('lists the entries of each section with positions', () => {
    const p = parsePipfile('Pipfile', course);
    expect(p.problems).toEqual([]);
    expect(p.sections.map((s) => [s.name, s.pos.line])).toEqual([
      ['source', 1],
      ['packages', 6],
      ['dev-packages', 12],
      ['requires', 15],
    ]);
    expect(p.entries.filter((e) => e.section === 'packages')).toEqual([
      { name: 'django', section: 'packages', pos: { line: 7, column: 1 } },
      { name: 'psycopg2-binary', section: 'packages', pos: { line: 8, column: 1 } },
      { name: 'psycopg[binary]', section: 'packages', pos: { line: 9, column: 1 } },
    ]);
    expect(p.entries.find((e) => e.name === 'pytest')?.section).toBe('dev-packages');
  });

  it('reports lines it cannot read, and values never closed', () => {
    const p = parsePipfile('Pipfile', '[packages]\ndjango "*"\njust words\nx = [1,\n');
    expect(p.problems).toEqual([
      { position: { line: 2, column: 8 }, message: 'expected \'=\' after "django"' },
      { position: { line: 3, column: 6 }, message: 'expected \'=\' after "just"' },
      { position: { line: 5, column: 1 }, message: 'a value is never closed (missing bracket or quote)' },
    ]);
  });

  it('keeps a # inside a string out of the comment and follows triple quotes', () => {
    const p = parsePipfile('Pipfile', '[scripts]\nx = "a # [b"\ny = """\nmulti [ line\n"""\nz = "1"\n');
    expect(p.problems).toEqual([]);
    expect(p.entries.map((e) => e.name)).toEqual(['x', 'y', 'z']);
  });
});
