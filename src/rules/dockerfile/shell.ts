/**
 * A small POSIX shell reader: enough to see which commands a RUN, CMD or
 * `bash -c` script runs and in which order. Quotes and backslashes are
 * honoured; variables stay unexpanded; redirections are dropped.
 */
export type Separator = '&&' | '||' | ';' | '|' | '&' | '';

export interface SimpleCommand {
  argv: string[];
  /** The operator that ends the command ('' at the end of the script). */
  then: Separator;
}

type Token = { word: string } | { op: string };

export function simpleCommands(script: string): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  let argv: string[] = [];
  let skipNext = false;
  const end = (then: Separator) => {
    if (argv.length > 0) out.push({ argv, then });
    else if (out.length > 0 && then !== '') out[out.length - 1].then = then;
    argv = [];
  };
  for (const t of tokens(heredocBody(script) ?? script)) {
    if ('word' in t) {
      if (skipNext) skipNext = false;
      else argv.push(t.word);
    } else if (t.op === '>' || t.op === '<') {
      skipNext = true;
    } else if (t.op === '>&' || t.op === '<&') {
      // `2>&1`: the target is a descriptor, dropped with the operator
      skipNext = true;
    } else if (t.op === '(' || t.op === ')' || t.op === '{' || t.op === '}') {
      end(';');
    } else {
      end(t.op === '\n' ? ';' : (t.op as Separator));
    }
  }
  end('');
  return out;
}

/** The body of a `<<EOF … EOF` RUN, which BuildKit runs as a script. */
function heredocBody(script: string): string | undefined {
  const m = /^<<-?\s*(["']?)(\w+)\1[^\n]*\n/.exec(script);
  if (!m) return undefined;
  const body = script.slice(m[0].length).split('\n');
  const stop = body.findIndex((l) => l.trim() === m[2]);
  return (stop < 0 ? body : body.slice(0, stop)).join('\n');
}

function tokens(s: string): Token[] {
  const out: Token[] = [];
  let word = '';
  let inWord = false;
  const flush = () => {
    if (inWord) out.push({ word });
    word = '';
    inWord = false;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      if (s[i + 1] === '\n') {
        i++;
        continue;
      }
      if (i + 1 < s.length) {
        word += s[++i];
        inWord = true;
      }
    } else if (c === "'") {
      const close = s.indexOf("'", i + 1);
      const stop = close < 0 ? s.length : close;
      word += s.slice(i + 1, stop);
      inWord = true;
      i = stop;
    } else if (c === '"') {
      inWord = true;
      for (i++; i < s.length && s[i] !== '"'; i++) {
        if (s[i] === '\\' && i + 1 < s.length && '"\\$`\n'.includes(s[i + 1])) {
          i++;
          if (s[i] !== '\n') word += s[i];
        } else {
          word += s[i];
        }
      }
    } else if (c === ' ' || c === '\t' || c === '\r') {
      flush();
    } else if (c === '#' && !inWord) {
      while (i + 1 < s.length && s[i + 1] !== '\n') i++;
    } else if (c === '&' && s[i + 1] === '>') {
      flush();
      out.push({ op: '>' });
      while (s[i + 1] === '>') i++;
    } else if ('\n;&|()'.includes(c) || ((c === '{' || c === '}') && !inWord && isDelimited(s, i))) {
      flush();
      const two = s.slice(i, i + 2);
      if (two === '&&' || two === '||' || two === '>&') {
        out.push({ op: two });
        i++;
      } else {
        out.push({ op: c });
      }
    } else if (c === '>' || c === '<') {
      // a descriptor number glued to the operator (`2>`) belongs to it
      if (/^\d+$/.test(word)) {
        word = '';
        inWord = false;
      }
      flush();
      let op = c;
      while (s[i + 1] === '>' || s[i + 1] === '<') i++;
      if (s[i + 1] === '&') {
        op += '&';
        i++;
      }
      out.push({ op });
    } else {
      word += c;
      inWord = true;
    }
  }
  flush();
  return out;
}

function isDelimited(s: string, i: number): boolean {
  const next = s[i + 1];
  return next === undefined || /\s|;/.test(next);
}
