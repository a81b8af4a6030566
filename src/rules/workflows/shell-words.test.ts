import { describe, expect, it } from 'vitest';
import { shellCommands } from './shell-words.js';

const texts = (script: string) => shellCommands(script).map((c) => c.map((w) => w.text));

describe('shellCommands', () => {
  it('splits commands on line breaks and operators, words on blanks', () => {
    expect(texts('a b\nc; d && e | f # g\n')).toEqual([['a', 'b'], ['c'], ['d'], ['e'], ['f']]);
  });

  it('joins continued lines and removes quotes as bash does', () => {
    expect(texts(`aws ssm \\\n  --p '{"a": "b c"}' "x \\"y\\" \\$z" \\q`)).toEqual([
      ['aws', 'ssm', '--p', '{"a": "b c"}', 'x "y" $z', 'q'],
    ]);
  });

  it('keeps line breaks and backslashes inside single quotes', () => {
    expect(texts("p='[\n  \"a \\\\\"\n]'")).toEqual([['p=[\n  "a \\\\"\n]']]);
  });

  it('reads \\\\ at a line end as a backslash that ends the command', () => {
    expect(texts('aws ssm \\\\\n  --region x')).toEqual([['aws', 'ssm', '\\'], ['--region', 'x']]);
  });

  it('keeps the script offset of every character', () => {
    const script = `run '{"k":1}'`;
    const word = shellCommands(script)[0][1];
    expect(word.text).toBe('{"k":1}');
    expect(word.offsets.map((o) => script[o]).join('')).toBe(word.text);
    expect(word.start).toBe(4);
  });

  it('marks a quote that is never closed', () => {
    const word = shellCommands(`x --p '{"a":1} \\\n --region y`)[0][2];
    expect(word.unterminatedQuote).toBe(6);
  });

  it('notes the first unquoted character after a closed single quote, not escapes or double quotes', () => {
    const script = `x --p '{"c":["run -e P='$SECRET' img"]}'`;
    const word = shellCommands(script)[0][2];
    expect(word.unquotedAfterSingleQuote).toEqual({ close: script.indexOf("'$"), at: script.indexOf('$') });
    const safe = String.raw`x 'it'\''s' '"a"'"$B"'c'`;
    expect(shellCommands(safe)[0].map((w) => w.text)).toEqual(['x', "it's", '"a"$Bc']);
    expect(shellCommands(safe)[0].map((w) => w.unquotedAfterSingleQuote)).toEqual([undefined, undefined, undefined]);
    expect(shellCommands(`x commands='["a"]'`)[0][1].unquotedAfterSingleQuote).toBeUndefined();
  });
});
