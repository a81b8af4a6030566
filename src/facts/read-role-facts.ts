import { DockerfileParser } from 'dockerfile-ast';
import { joinPath, unreadableReason, type Submission } from '../model/submission.js';
import { visibleLine } from '../model/visible-text.js';
import type { RoleProfile, RoleSpec } from '../profile/profile.js';
import { composeInput, type ComposeInput } from '../rules/compose/input.js';
import { resolveInside } from '../rules/compose/host-paths.js';
import { buildContext, isMapping } from '../rules/compose/service-data.js';
import { stagesOf } from '../rules/dockerfile/stages.js';
import { markerFolder, shownFolder } from './marker-folder.js';
import type { DockerfileFact, RoleFact, RoleFacts } from './role-facts.js';

const memo = new WeakMap<Submission, WeakMap<RoleProfile, RoleFacts>>();

/** The submission's role facts for the profile, resolved once per submission object. */
export function roleFacts(sub: Submission, profile: RoleProfile): RoleFacts {
  let byProfile = memo.get(sub);
  if (!byProfile) memo.set(sub, (byProfile = new WeakMap()));
  let facts = byProfile.get(profile);
  if (!facts) byProfile.set(profile, (facts = readRoleFacts(sub, profile)));
  return facts;
}

function readRoleFacts(sub: Submission, profile: RoleProfile): RoleFacts {
  const names = Object.keys(profile.stack.roles);
  if (sub.compose !== undefined) {
    const compose = composeInput(sub, profile);
    const roles = Object.fromEntries(names.map((role) => [role, composeRole(role, profile.stack.roles[role], compose, sub)]));
    return { layout: 'compose', compose, roles, submission: sub };
  }
  const roles = Object.fromEntries(names.map((role) => [role, runRole(role, profile.stack.roles[role], sub)]));
  return { layout: 'run', roles, submission: sub };
}

/**
 * A role in the compose layout: the service that plays it, and the folder and
 * Dockerfile it is built from. When the compose file cannot be read, a role
 * the assignment builds is taken from the folder holding its marker, so that
 * its Dockerfile is still graded.
 */
function composeRole(role: string, spec: RoleSpec, compose: ComposeInput<RoleProfile>, sub: Submission): RoleFact {
  if (!compose.usable) return spec.match.image === undefined ? runRole(role, { ...spec, run: undefined }, sub) : { role };
  const found = compose.roles[role];
  if (!found) return { role };
  const fact: RoleFact = { role, service: found.service, foundBy: found.foundBy };
  const service = compose.services[found.service];
  const context = buildContext(service);
  if (context === undefined) return fact;
  const folder = resolveInside(compose.dir, context);
  const quotedService = `"${visibleLine(found.service)}"`;
  if (folder === undefined) {
    const problem = `service ${quotedService} is built from "${visibleLine(context)}", which is not a folder of the submission`;
    return { ...fact, dockerfile: { path: compose.file, shown: compose.file, problem } };
  }
  const build = isMapping(service.build) ? service.build : {};
  if (typeof build.dockerfile_inline === 'string') {
    const problem = `service ${quotedService} writes its Dockerfile inline (dockerfile_inline)`;
    return { ...fact, folder, dockerfile: { path: compose.file, shown: compose.file, problem } };
  }
  const written = typeof build.dockerfile === 'string' ? build.dockerfile : 'Dockerfile';
  const path = resolveInside(folder, written);
  if (path === undefined) {
    const problem = `service ${quotedService} names the Dockerfile "${visibleLine(written)}", which is not a file of the submission`;
    return { ...fact, folder, dockerfile: { path: compose.file, shown: compose.file, problem } };
  }
  return { ...fact, folder, dockerfile: readDockerfile(sub, path, folder) };
}

/** A role in the run layout: the grader's image (`run`), else built from the folder holding its marker. */
function runRole(role: string, spec: RoleSpec, sub: Submission): RoleFact {
  if (spec.run) return { role };
  const folder = markerFolder(sub.files, spec.match);
  return folder === undefined ? { role } : { role, folder, dockerfile: readDockerfile(sub, joinPath(folder, 'Dockerfile'), folder) };
}

function readDockerfile(sub: Submission, path: string, folder: string): DockerfileFact {
  const base = { path, shown: path };
  const file = sub.files[path];
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (!file) return { ...base, problem: `there is no ${visibleLine(name)} in ${shownFolder(folder)}` };
  if (file.binary || file.text?.includes('\u0000')) return { ...base, problem: `${visibleLine(path)} ${file.unreadable ?? 'is not a text file'}` };
  if (file.text === undefined) return { ...base, problem: `${visibleLine(path)} ${unreadableReason(file)}` };
  if (file.text.trim() === '') return { ...base, text: file.text, problem: `${visibleLine(path)} is empty` };
  const ast = DockerfileParser.parse(file.text);
  return { ...base, text: file.text, ast, stages: stagesOf(ast) };
}
