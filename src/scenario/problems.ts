/** A problem in a scenario: where (an RFC 6901 JSON pointer into the scenario object) and what is wrong. */
export interface Problem {
  pointer: string;
  message: string;
}

/** Appends reference tokens to a JSON pointer, escaping `~` and `/`. */
export function pointerTo(base: string, ...tokens: (string | number)[]): string {
  return tokens.reduce<string>((p, t) => `${p}/${String(t).replace(/~/g, '~0').replace(/\//g, '~1')}`, base);
}

export function renderProblem(p: Problem): string {
  return `${p.pointer || '(root)'}: ${p.message}`;
}
