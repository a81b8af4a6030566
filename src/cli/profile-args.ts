/** `rock-check profile init|check|explain`: drafting, validating and explaining a profile. */
export type ProfileCommand =
  | { kind: 'profile-init'; reference: string; out?: string; id?: string }
  | { kind: 'profile-check'; file: string; reference?: string; static: boolean }
  | { kind: 'profile-explain'; file: string };

const usage: Record<string, string> = {
  init: 'profile init REFERENCE [--out FILE] [--id ID]',
  check: 'profile check FILE [REFERENCE] [--static]',
  explain: 'profile explain FILE',
};
const allowed: Record<string, string[]> = { init: ['out', 'id'], check: ['static'], explain: [] };

/** The profile subcommand of `positionals` (`profile`, its name, its arguments); `fail` throws a usage error. */
export function parseProfileCommand(positionals: string[], values: Record<string, unknown>, fail: (message: string) => never): ProfileCommand {
  const [, sub, ...args] = positionals;
  if (sub === undefined || !Object.hasOwn(usage, sub)) {
    return fail(`profile needs a subcommand: ${Object.values(usage).map((u) => `rock-check ${u}`).join(', ')}`);
  }
  for (const key of Object.keys(values)) {
    if (values[key] !== undefined && !allowed[sub].includes(key)) fail(`--${key} does not go with profile ${sub}: rock-check ${usage[sub]}`);
  }
  const arity = { init: [1, 1], check: [1, 2], explain: [1, 1] }[sub as 'init' | 'check' | 'explain'];
  if (args.length < arity[0] || args.length > arity[1]) fail(`expected rock-check ${usage[sub]}, got ${args.length === 0 ? 'nothing' : args.join(' ')} after profile ${sub}`);
  if (sub === 'init') {
    const id = values.id;
    if (typeof id === 'string' && !/^[a-z0-9][a-z0-9-]{0,59}$/.test(id)) fail(`--id names the profile: lowercase letters, digits and dashes, at most 60 (e.g. --id notes-app), not ${JSON.stringify(id.slice(0, 80))}`);
    return { kind: 'profile-init', reference: args[0], ...(typeof values.out === 'string' ? { out: values.out } : {}), ...(typeof id === 'string' ? { id } : {}) };
  }
  if (sub === 'check') {
    if (values.static && args[1] === undefined) fail('--static grades the reference statically: name the reference, rock-check profile check FILE REFERENCE --static');
    return { kind: 'profile-check', file: args[0], ...(args[1] !== undefined ? { reference: args[1] } : {}), static: values.static === true };
  }
  return { kind: 'profile-explain', file: args[0] };
}
