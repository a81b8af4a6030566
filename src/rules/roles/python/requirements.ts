import { shownFolder } from '../../../facts/marker-folder.js';
import { joinPath, unreadableReason } from '../../../model/submission.js';
import { parseRequirementsTxt } from '../../../parsers/requirements-txt.js';
import { needRoleFolder } from '../needs.js';
import { reporter, visible } from '../report.js';
import type { RoleCheck } from '../role-check.js';

/** A package name, or a list of alternatives any one of which will do (psycopg2, psycopg2-binary, psycopg). */
type Wanted = string | string[];

export const pythonRequirements: RoleCheck<{ role: string; packages: Wanted[] }> = {
  name: 'python/requirements',
  docs:
    "The role's folder holds a requirements.txt that declares each package the app imports, one per line (Flask, " +
    'redis); names are compared as pip compares them (case and -_. do not matter), and extras and version specifiers ' +
    '(Flask>=3.0, redis[hiredis]) are fine. Where a package has alternatives (psycopg2 or psycopg2-binary), one of them will do.',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['role', 'packages'],
    properties: {
      role: { type: 'string', minLength: 1 },
      packages: {
        type: 'array',
        minItems: 1,
        items: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } }] },
      },
    },
  },
  check(facts, params, ctx) {
    const found = needRoleFolder(facts, params.role, ctx);
    if (!('ok' in found)) return found.verdict;
    const { folder } = found.ok;
    const report = reporter(ctx);
    const path = joinPath(folder, 'requirements.txt');
    const file = facts.submission.files[path];
    const list = params.packages.map(shown).join(' and ');
    if (!file) return [report({ file: path }, `there is no requirements.txt in ${shownFolder(folder)}; add one listing ${list}, one per line`)];
    if (file.text === undefined) return [report({ file: path }, `requirements.txt ${visible(unreadableReason(file))}; save it as plain text listing ${list}`)];
    const declared = new Set(parseRequirementsTxt(path, file.text).requirements.map((r) => normalized(r.name)));
    const missing = params.packages.filter((p) => !(typeof p === 'string' ? [p] : p).some((name) => declared.has(normalized(name))));
    if (missing.length === 0) return [];
    return [report({ file: path }, `requirements.txt does not declare ${missing.map(shown).join(' or ')}, which the app needs; add ${missing.length > 1 ? 'them' : 'it'}, one per line`)];
  },
};

function shown(p: Wanted): string {
  return typeof p === 'string' ? p : p.length === 1 ? p[0] : `${p.slice(0, -1).join(', ')} or ${p[p.length - 1]} (one of them)`;
}

/** A package name as pip compares it (PEP 503). */
function normalized(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
