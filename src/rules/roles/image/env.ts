import type { Env, Instruction } from 'dockerfile-ast';
import type { Finding } from '../../../model/finding.js';
import { redact, secretName } from '../../../model/redact.js';
import { finalChain, finalImageInstructions } from '../../dockerfile/stages.js';
import { needDockerfile } from '../needs.js';
import { atDockerfile, quoted, reporter } from '../report.js';
import type { RoleCheck } from '../role-check.js';

export const imageEnv: RoleCheck<{ role: string; env: Record<string, string> }> = {
  name: 'image/env',
  docs:
    'The final image sets each variable to exactly the value given, case-sensitively, with ENV (ENV NAME World or ' +
    'ENV NAME=World). A value taken from a build ARG ($NAME) is not the value itself.',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['role', 'env'],
    properties: { role: { type: 'string', minLength: 1 }, env: { type: 'object', minProperties: 1, additionalProperties: { type: 'string' } } },
  },
  check(facts, params, ctx) {
    const found = needDockerfile(facts, params.role, ctx);
    if (!('ok' in found)) return found.verdict;
    const df = found.ok.dockerfile;
    const report = reporter(ctx);
    const set = new Map<string, { value: string; at: Instruction }>();
    for (const i of finalImageInstructions(df.stages)) {
      if (i.getKeyword() !== 'ENV') continue;
      for (const p of (i as Env).getProperties()) set.set(p.getName(), { value: p.getValue() ?? '', at: i });
    }
    const out: Finding[] = [];
    for (const [name, value] of Object.entries(params.env)) {
      const wanted = `ENV ${name} ${value}`;
      const got = set.get(name);
      if (got?.value === value) continue;
      if (got) {
        const how = got.value.includes('$') ? ', a value taken from a variable,' : got.value.toLowerCase() === value.toLowerCase() ? ' (the case differs)' : '';
        const shown = secretName.test(name) ? quoted(redact(got.value)) : quoted(got.value);
        out.push(report(atDockerfile(df.path, got.at.getRange().start), `${name} is set to ${shown}${how} but must be exactly ${JSON.stringify(value)}; write ${wanted}`));
        continue;
      }
      const other = [...set.keys()].find((k) => k.toLowerCase() === name.toLowerCase());
      if (other !== undefined) {
        out.push(report(atDockerfile(df.path, set.get(other)!.at.getRange().start), `the image sets ${quoted(other)}, not ${name}: variable names are case-sensitive; write ${wanted}`));
        continue;
      }
      const last = finalChain(df.stages).at(-1)!;
      out.push(report(atDockerfile(df.path, last.from.getRange().start), `the final image does not set ${name}; add ${wanted} after FROM`));
    }
    return out;
  },
};
