import { isAbsolute, join } from 'node:path';

/** The Action's inputs, as the runner passes them (INPUT_<NAME> variables, set by action.yml). */
export interface ActionInputs {
  /** The submission, absolute: a folder in the workspace (or a git URL). */
  target?: string;
  api?: string;
  client?: string;
  profile?: string;
  static: boolean;
  failOn: 'required' | 'never';
  annotations: boolean;
  /** The path of `path` inside the repository, to place annotations on the repository's files. */
  annotationPrefix: string;
}

export class ActionInputError extends Error {}

function flag(name: string, value: string | undefined, fallback: boolean): boolean {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '') return fallback;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new ActionInputError(`input ${name} must be true or false, not ${JSON.stringify(value)}`);
}

const isUrl = (p: string) => /^[a-z][a-z0-9+.-]*:|^[^/]+@[^/]+:/i.test(p);

export function readInputs(env: Record<string, string | undefined>): ActionInputs {
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const input = (name: string) => {
    const v = env[`INPUT_${name.toUpperCase()}`]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const place = (p: string | undefined) => (p === undefined || isUrl(p) || isAbsolute(p) ? p : join(workspace, p));
  const failOn = input('fail-on') ?? 'required';
  if (failOn !== 'required' && failOn !== 'never') throw new ActionInputError(`input fail-on must be required or never, not ${JSON.stringify(failOn)}`);
  const api = input('api');
  const client = input('client');
  if (client !== undefined && api === undefined) throw new ActionInputError('input client needs input api');
  const path = api === undefined ? (input('path') ?? '.') : undefined;
  const rel = path !== undefined && !isUrl(path) && !isAbsolute(path) ? path.replace(/^\.\/?/, '').replace(/\/+$/, '') : '';
  return {
    target: place(path),
    api: place(api),
    client: place(client),
    profile: place(input('profile')),
    static: flag('static', input('static'), false),
    failOn,
    annotations: flag('annotations', input('annotations'), true),
    annotationPrefix: rel,
  };
}
