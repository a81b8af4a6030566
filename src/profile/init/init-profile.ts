import { basename } from 'node:path';
import { roleFacts } from '../../facts/role-facts.js';
import type { Submission } from '../../model/submission.js';
import { joinPath } from '../../model/submission.js';
import { visibleLine } from '../../model/visible-text.js';
import { roleChecks } from '../../rules/roles/registry.js';
import { runRoleCheck } from '../../rules/roles/run-check.js';
import { ProfileError } from '../load.js';
import type { Criterion, RoleProfile, RuntimeLimits } from '../profile.js';
import { composeCriteria, imageCriteria, listed, phases, runtimeCriteria, type DraftCriterion } from './draft-criteria.js';
import { draftRoles, type DraftRole } from './draft-roles.js';
import { persistenceSteps } from './persistence-steps.js';
import { folderFiles, referenceCompose, referenceServices } from './reference-services.js';
import type { DraftProfile } from './write-draft.js';

const areaCodes: Record<string, string> = { dockerfile: 'DF', config: 'CF', compose: 'CO', runtime: 'RT' };

export const draftRuntime: RuntimeLimits = { buildTimeoutSeconds: 600, bootTimeoutSeconds: 120, httpTimeoutSeconds: 10, memoryMb: 512, cpus: 1, pids: 256, probeImage: 'busybox:latest' };

/**
 * A profile drafted from a reference solution: a role per compose service,
 * the generic criteria its facts support with their params filled in from
 * it, and the runtime checks that need no knowledge of the assignment.
 * A static criterion the reference itself fails is left out (and said so).
 * The profile's id (and its criteria's prefix) is `id`, else the folder's name.
 */
export function draftProfile(sub: Submission, chosenId?: string): DraftProfile {
  const compose = referenceCompose(sub);
  if (!compose.usable) {
    throw new ProfileError(`profile init cannot read the reference's ${compose.file}: ${compose.unreadable ?? compose.dataError ?? 'it is not valid YAML holding a mapping'}; fix it so that docker compose config accepts it`);
  }
  const services = referenceServices(sub, compose);
  if (services.length === 0) throw new ProfileError(`profile init found no service in the reference's ${compose.file}: its roles are learnt from services:`);
  const roles = draftRoles(services, (folder) => folderFiles(sub, folder));
  const ref = { text: (path: string) => sub.files[path]?.text, has: (folder: string, file: string) => sub.files[joinPath(folder, file)] !== undefined };
  const drafted = byArea([...imageCriteria(roles, ref), ...composeCriteria(roles), ...runtimeCriteria(roles)]);
  const id = chosenId ?? profileId(sub.root);
  const profile = asProfile(id, roles, numbered(id, drafted));
  mustFindOwnServices(sub, profile, roles);
  const failing = failingOnReference(sub, profile);
  const kept = numbered(id, drafted.filter((_, i) => !failing.has(i)));
  const scenarioPhases = [phases.app, phases.network, phases.persistence].filter((p) => kept.some((c) => c.scenario?.phase === p));
  return {
    id,
    name: `${visibleLine(basename(sub.root))} (drafted from its reference solution)`,
    roles: Object.fromEntries(roles.map((r) => [r.role, r.spec])),
    runtime: draftRuntime,
    criteria: kept,
    phases: scenarioPhases,
    comments: {
      head: [
        `Drafted by rock-check profile init from the reference solution ${visibleLine(basename(sub.root))} (${compose.file}).`,
        'Read every criterion and its points, write the name students see, add what only you know',
        '(routes, rows, payloads: see the comments below), then prove the rubric fair:',
        '  rock-check profile check <this file> <the reference folder>',
      ],
      stack: [
        'Each role is found by its image or a marker file of its build folder, then by its service name:',
        'add to names: the other service names students may give it.',
        'To grade submissions without a compose file, add run to layouts and give each image role',
        'run: { image: ... } and aliases: (see profiles/friendlyhello-redis.yaml).',
      ],
      criteria: [
        'Points: required 2, advice 1; a required criterion that fails fails the grade.',
        'Add image/env for an ENV the assignment asks for: params: { role: ..., env: { NAME: value } }.',
      ],
      criteriaEnd: [...failing.values()],
      scenario: [
        'What the running stack is asked. Routes, rows and payloads are yours to add: a criterion above',
        'with check: scenario, and its steps here (http with json: payloads, sql, redis, exec; expect, capture).',
        ...dataNotes(roles),
      ],
    },
  };
}

/** Roles whose data volume the draft cannot prove persistent without knowing what the app stores. */
function dataNotes(roles: DraftRole[]): string[] {
  return roles.flatMap((r) =>
    r.service.dataPaths
      .filter((p) => persistenceSteps(r, p) === undefined)
      .map(
        (p) =>
          `${r.role} keeps ${p} on a volume: a recreate alone proves nothing. To check that its data survives, add a criterion in ` +
          `the last phase (${phases.persistence}) whose steps write something and capture it (capture: { before: ... }), ` +
          `then recreate: { role: ${r.role} }, then read it back and compare it with "{{before}}".`,
      ),
  );
}

/** `good-compose` from the reference's folder name: lowercase letters, digits and dashes. */
function profileId(root: string): string {
  const id = basename(root).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return /^[a-z0-9]/.test(id) ? id.slice(0, 60) : 'assignment';
}

/** `GC` of good-compose, `FR` of friendlyhello-redis, `MY` of myapp. */
function idPrefix(id: string): string {
  const parts = id.split('-').filter((p) => p !== '');
  const letters = (parts.length >= 2 ? parts[0][0] + parts[1][0] : (parts[0] ?? 'as').slice(0, 2)).toUpperCase();
  return /^[A-Z]/.test(letters) ? letters : `P${letters}`;
}

/** Dockerfiles, then configuration, compose and runtime, each in the order drafted. */
function byArea(drafted: DraftCriterion[]): DraftCriterion[] {
  const order = Object.keys(areaCodes);
  return drafted
    .map((d, i) => ({ d, i }))
    .sort((a, b) => order.indexOf(a.d.criterion.area) - order.indexOf(b.d.criterion.area) || a.i - b.i)
    .map(({ d }) => d);
}

/** IDs per area in order: XX-DF001, XX-CO001, XX-RT001. */
function numbered(id: string, drafted: DraftCriterion[]): (DraftCriterion & { criterion: Criterion })[] {
  const prefix = idPrefix(id);
  const counts = new Map<string, number>();
  return drafted.map((d) => {
    const code = areaCodes[d.criterion.area];
    const n = (counts.get(code) ?? 0) + 1;
    counts.set(code, n);
    return { ...d, criterion: { id: `${prefix}-${code}${String(n).padStart(3, '0')}`, ...d.criterion } };
  });
}

function asProfile(id: string, roles: DraftRole[], criteria: { criterion: Criterion }[]): RoleProfile {
  return {
    kind: 'roles',
    id,
    name: id,
    version: 1,
    stack: { layouts: ['compose'], roles: Object.fromEntries(roles.map((r) => [r.role, r.spec])) },
    runtime: draftRuntime,
    criteria: criteria.map((c) => c.criterion),
  };
}

/** The drafted roles find, in the reference, the services they were drafted from (else the draft would grade another stack). */
function mustFindOwnServices(sub: Submission, profile: RoleProfile, roles: DraftRole[]): void {
  const facts = roleFacts(sub, profile);
  const lost = roles.filter((r) => facts.roles[r.role]?.service !== r.service.name);
  if (lost.length > 0) throw new Error(`the drafted roles do not find their own services in the reference: ${listed(lost.map((r) => `${r.role} (${r.service.name})`))}`);
}

/** The static criteria the reference fails, by their index in the draft, with why (a comment of the draft). */
function failingOnReference(sub: Submission, profile: RoleProfile): Map<number, string> {
  const facts = roleFacts(sub, profile);
  const out = new Map<number, string>();
  profile.criteria.forEach((c, i) => {
    const check = roleChecks[c.check];
    if (!check) return;
    const verdict = runRoleCheck(check, facts, c, profile);
    if (!Array.isArray(verdict)) {
      out.set(i, visibleLine(`Left out: ${c.title} (${c.check}): it does not apply to the reference (${verdict.notApplicable}).`));
      return;
    }
    if (verdict.length > 0) out.set(i, visibleLine(`Left out: ${c.title} (${c.check}): the reference fails it (${verdict[0].message}).`));
  });
  return out;
}
