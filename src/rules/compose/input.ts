import { posix } from 'node:path';
import type { Finding, Severity } from '../../model/finding.js';
import { shownPath } from '../../model/repository-path.js';
import { unreadableReason, type Submission, type SubmissionFile } from '../../model/submission.js';
import { parseYamlSource, positionOf, yamlData, type PathSegment, type YamlSource } from '../../parsers/yaml-source.js';
import { isCourseProfile, type AnyProfile, type Profile, type RoleProfile } from '../../profile/profile.js';
import { courseComposeFile } from './course-folder.js';
import { dotenvValues, parseDotenv } from './dotenv.js';
import { resolveInside } from './host-paths.js';
import { applyMergeKeys } from './merge-keys.js';
import { composeDir, composeRoles, type ServiceRoles } from './roles.js';
import { isMapping, type Service } from './service-data.js';
import { stackRoles, type StackRoles } from './stack-roles.js';

/**
 * What the compose rules read: the parsed compose file and the parts of the
 * submission it refers to. `P` is the kind of profile graded: Rock of Ages'
 * course profile (its rules read `profile` and `roles` as the course's), or a
 * profile graded from roles (`roles`: role name -> service).
 */
export interface ComposeInput<P extends AnyProfile = Profile> {
  /** Compose file path relative to the submission root. */
  file: string;
  /** How messages name a path relative to the submission root: its path in its own repository. */
  shown: (path: string) => string;
  /** Folder of the compose file ('' for the root): relative paths in it start here. */
  dir: string;
  /** Set when the course folder has no compose file: the api and client folders it belongs beside, and compose files found inside them. */
  missing?: { beside: string[]; elsewhere: string[] };
  /** Why the file could not be read as text, when it could not. */
  unreadable?: string;
  src?: YamlSource;
  /** Why valid YAML could not be turned into data (unresolved or self-referring alias). */
  dataError?: string;
  /** The file parsed without YAML errors into a mapping: the rules beyond RC-CO001 can read it. */
  usable: boolean;
  /** Plain data of the file (merge keys applied); {} when not usable. */
  data: Record<string, unknown>;
  /** Services whose definition is a mapping. */
  services: Record<string, Service>;
  roles: P extends Profile ? ServiceRoles : StackRoles;
  /** The submission's files, for env_file and build-context look-ups. */
  files: Record<string, SubmissionFile>;
  profile: P;
  /** Whether the submission is expected to define a client service (not so for an api repository's own compose file). */
  expectClient: boolean;
  /** Variables of the `.env` next to the compose file, which compose substitutes into `${VAR}`. */
  variables: Map<string, string>;
}

/** The submission's compose file, or the one the course folder lacks (see composeDemanded). */
export function composeInput(sub: Submission, profile: Profile): ComposeInput;
export function composeInput(sub: Submission, profile: RoleProfile): ComposeInput<RoleProfile>;
export function composeInput(sub: Submission, profile: AnyProfile): ComposeInput<AnyProfile>;
export function composeInput(sub: Submission, profile: AnyProfile): ComposeInput<AnyProfile> {
  const file = sub.compose ?? courseComposeFile;
  const dir = composeDir(file);
  const f = sub.files[file];
  const base = {
    file,
    shown: (path: string) => shownPath(sub.components, path),
    dir,
    usable: false,
    data: {},
    services: {},
    roles: {},
    files: sub.files,
    profile,
    expectClient: isCourseProfile(profile) && (sub.layout !== 'api-with-compose' || sub.components.client !== undefined),
    variables: envVariables(sub.files, dir),
  };
  if (!f) return sub.compose === undefined && isCourseProfile(profile) ? { ...base, missing: missingFrom(sub) } : { ...base, unreadable: 'is missing' };
  if (f.text === undefined) return { ...base, unreadable: unreadableReason(f) };
  const src = parseYamlSource(file, f.text);
  if (src.doc.errors.length > 0) return { ...base, src };
  const raw = yamlData(src);
  if ('error' in raw) return { ...base, src, dataError: raw.error };
  const data = applyMergeKeys(raw.data);
  if (!isMapping(data)) return { ...base, src };
  const services = isMapping(data.services)
    ? Object.fromEntries(Object.entries(data.services).filter((e): e is [string, Service] => isMapping(e[1])))
    : {};
  const roles = isCourseProfile(profile) ? composeRoles(data, sub, profile) : stackRoles(services, dir, sub.files, profile.stack.roles);
  return { ...base, src, usable: true, data, services, roles };
}

const COMPOSE_NAME = /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/;

function missingFrom(sub: Submission): NonNullable<ComposeInput['missing']> {
  const dirs = [sub.components.api?.dir, sub.components.client?.dir].filter((d): d is string => d !== undefined && d !== '');
  const elsewhere = Object.keys(sub.files)
    .filter((p) => dirs.some((d) => p === `${d}/${posix.basename(p)}`) && COMPOSE_NAME.test(posix.basename(p)))
    .sort();
  return { beside: dirs, elsewhere };
}

function envVariables(files: Record<string, SubmissionFile>, dir: string): Map<string, string> {
  const text = files[resolveInside(dir, '.env') ?? '.env']?.text;
  const vars = new Map<string, string>();
  if (text === undefined) return vars;
  for (const [k, e] of dotenvValues(parseDotenv(text))) if (e.value !== undefined) vars.set(k, e.value);
  return vars;
}

export type Where = Pick<Finding, 'file' | 'line' | 'column'>;

/** file, line and column of a YAML path of the compose file: its key when `preferKey`, else its value. */
export function locate(input: ComposeInput<AnyProfile>, path: PathSegment[], preferKey = false): Where {
  if (!input.src) return { file: input.file };
  const p = positionOf(input.src, path, preferKey);
  return { file: input.file, line: p.line, column: p.column };
}

/** Builds the findings of one rule. */
export function reporter(ruleId: string, severity: Severity) {
  return (where: Where, message: string, hint?: string): Finding => ({ ruleId, severity, ...where, message, ...(hint ? { hint } : {}) });
}
