/**
 * Compose's variable substitution in values: `${VAR}`, `${VAR:-default}`,
 * `${VAR-default}`, `${VAR:?message}`, `$VAR` and `$$` for a literal `$`.
 * Variables come from the `.env` file next to the compose file; the grader
 * has no shell environment of the student's.
 */
export interface Interpolated {
  value: string;
  /** Variables used without a default that are not set. */
  missing: string[];
}

export function interpolate(text: string, vars: ReadonlyMap<string, string>): Interpolated {
  const missing: string[] = [];
  const value = text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, braced?: string, op?: string, arg?: string, bare?: string) => {
      if (whole === '$$') return '$';
      const name = (braced ?? bare) as string;
      const set = vars.get(name);
      const empty = set === undefined || (op?.startsWith(':') && set === '');
      if (op === '-' || op === ':-') return empty ? (arg ?? '') : (set as string);
      if (op === '+' || op === ':+') return empty ? '' : (arg ?? '');
      if (set === undefined) missing.push(name);
      return set ?? '';
    },
  );
  return { value, missing };
}
