import type Dockerode from 'dockerode';
import { DockerfileParser } from 'dockerfile-ast';
import { joinPath, type ComponentRole, type Submission } from '../../src/model/submission.js';
import { roleFacts } from '../../src/facts/role-facts.js';
import { isCourseProfile, type AnyProfile, type RoleProfile } from '../../src/profile/profile.js';
import { resolveInside } from '../../src/rules/compose/host-paths.js';
import { composeInput, type ComposeInput } from '../../src/rules/compose/input.js';
import { isMapping } from '../../src/rules/compose/service-data.js';
import { parseImageRef, stagesOf } from '../../src/rules/dockerfile/stages.js';

/** An image a grading run cannot do without, and why it needs it. */
export interface NeededImage {
  ref: string;
  /** "the database (profile database.image)", "base image of rock-of-ages-api/Dockerfile"... */
  purpose: string;
  /** Named by the profile (the instructor's), or by the submission (the student's). */
  source: 'profile' | 'submission';
  /** The boot cannot happen without it (else only one check needs it). */
  boot: boolean;
}

export type PullFailure = 'unreachable' | 'rate-limited' | 'not-found' | 'other';

export interface ImageCheck {
  image: NeededImage;
  state: 'present' | 'pulled' | 'missing';
  failure?: PullFailure;
  /** Docker's own words, first line. */
  error?: string;
}

/** `postgres` is `postgres:latest`, as Docker reads it; a tag or digest stays as written. */
export function normalizeRef(ref: string): string {
  const r = parseImageRef(ref);
  return r.digest || (r.tag !== undefined && r.tag !== '') ? ref : `${ref}:latest`;
}

/** The base images a Dockerfile pulls: each FROM that is not an earlier stage, scratch, or an unresolved ARG. */
export function baseImagesOf(text: string): string[] {
  const out: string[] = [];
  for (const stage of stagesOf(DockerfileParser.parse(text))) {
    const ref = stage.image.resolved;
    if (stage.parent !== undefined || ref === '' || ref.toLowerCase() === 'scratch' || stage.image.unresolved.length > 0 || ref.includes('$')) continue;
    out.push(normalizeRef(ref));
  }
  return [...new Set(out)];
}

/**
 * Every image a full grade of this submission uses that Docker would
 * otherwise pull in the middle of the run: the base images of the
 * Dockerfiles it builds, the database image (the profile's without a compose
 * file; the compose file's own images with one), and the probe image of the
 * outside-network check. Nothing else is pulled: Testcontainers' Ryuk is off.
 */
export function neededImages(sub: Submission | undefined, profile: AnyProfile): NeededImage[] {
  const out: NeededImage[] = [];
  const add = (ref: string, purpose: string, source: NeededImage['source'], boot = true) => {
    const n = normalizeRef(ref);
    if (!out.some((i) => i.ref === n)) out.push({ ref: n, purpose, source, boot });
  };
  const dockerfiles: string[] = [];
  if (!isCourseProfile(profile)) {
    dockerfiles.push(...roleImages(sub, profile, add));
  } else if (sub?.compose) {
    dockerfiles.push(...composeImages(composeInput(sub, profile), add));
  } else {
    if (sub) for (const role of ['api', 'client'] as ComponentRole[]) if (sub.components[role]) dockerfiles.push(joinPath(sub.components[role]!.dir, 'Dockerfile'));
    add(`${profile.database.image}:${profile.database.imageTag}`, 'the database (profile: database.image, database.imageTag)', 'profile');
  }
  for (const path of dockerfiles) {
    const text = sub?.files[path]?.text;
    if (text === undefined) continue;
    for (const ref of baseImagesOf(text)) add(ref, `the build of ${path} (FROM)`, 'submission');
  }
  add(profile.runtime.probeImage, 'the outside-network probe (profile: runtime.probeImage)', 'profile', false);
  return out;
}

type AddImage = (ref: string, purpose: string, source: NeededImage['source']) => void;

/** The images the compose file's services run (added), and the Dockerfiles of those it builds (returned). */
function composeImages(input: ComposeInput<AnyProfile>, add: AddImage): string[] {
  const dockerfiles: string[] = [];
  for (const [name, svc] of Object.entries(input.usable && isMapping(input.data.services) ? input.data.services : {})) {
    if (!isMapping(svc)) continue;
    if (svc.build !== undefined) {
      const build = typeof svc.build === 'string' ? { context: svc.build } : isMapping(svc.build) ? svc.build : {};
      const context = resolveInside(input.dir, typeof build.context === 'string' ? build.context : '.');
      const file = context === undefined ? undefined : resolveInside(context, typeof build.dockerfile === 'string' ? build.dockerfile : 'Dockerfile');
      if (file !== undefined) dockerfiles.push(file);
    } else if (typeof svc.image === 'string' && !svc.image.includes('$')) {
      add(svc.image, `service "${name}" of ${input.file}`, 'submission');
    }
  }
  return dockerfiles;
}

/**
 * A profile graded from roles: with a compose file, what it runs and
 * builds; without one, the images the profile runs (`stack.roles.*.run`)
 * and the Dockerfiles of the roles built from their folders (returned).
 */
function roleImages(sub: Submission | undefined, profile: RoleProfile, add: AddImage): string[] {
  const facts = sub ? roleFacts(sub, profile) : undefined;
  if (facts?.compose) return composeImages(facts.compose as ComposeInput<AnyProfile>, add);
  const dockerfiles: string[] = [];
  for (const [role, spec] of Object.entries(profile.stack.roles)) {
    if (spec.run) add(spec.run.image, `the ${role} (profile: stack.roles.${role}.run.image)`, 'profile');
    else if (facts?.roles[role]?.dockerfile?.text !== undefined) dockerfiles.push(facts.roles[role].dockerfile!.path);
  }
  return dockerfiles;
}

/** Why a pull failed, from Docker's message: the machine cannot reach the registry, or the registry has no such image. */
export function classifyPullError(message: string): PullFailure {
  if (/toomanyrequests|rate limit/i.test(message)) return 'rate-limited';
  if (/dial tcp|no such host|i\/o timeout|connection refused|network is unreachable|handshake timeout|deadline exceeded|Client\.Timeout|name resolution|EAI_AGAIN|did not finish within/i.test(message)) return 'unreachable';
  if (/manifest unknown|not found|pull access denied|repository does not exist|unauthorized|invalid reference format/i.test(message)) return 'not-found';
  return 'other';
}

/** Present locally, else pulled (within the time limit), else missing with the reason. */
export async function ensureImage(docker: Dockerode, image: NeededImage, timeoutMs: number): Promise<ImageCheck> {
  const present = await docker
    .getImage(image.ref)
    .inspect()
    .then(() => true, () => false);
  if (present) return { image, state: 'present' };
  try {
    await pullImage(docker, image.ref, timeoutMs);
    return { image, state: 'pulled' };
  } catch (e) {
    const error = firstLine(String((e as Error).message ?? e));
    return { image, state: 'missing', failure: classifyPullError(error), error };
  }
}

async function pullImage(docker: Dockerode, ref: string, timeoutMs: number): Promise<void> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const stream = (await docker.pull(ref, { abortSignal: timeout })) as NodeJS.ReadableStream;
  await new Promise<void>((resolve, reject) => {
    timeout.addEventListener('abort', () => reject(new Error(`the pull did not finish within ${Math.round(timeoutMs / 1000)}s`)), { once: true });
    docker.modem.followProgress(
      stream,
      (err: Error | null, events: { error?: string }[] = []) => {
        const failed = err ?? events.find((ev) => ev.error);
        if (failed) reject(failed instanceof Error ? failed : new Error(failed.error));
        else resolve();
      },
    );
  });
}

/** A missing image the grade cannot blame on the submission: the machine cannot get it (or the profile names it). */
export function isMachineProblem(check: ImageCheck): boolean {
  if (check.state !== 'missing') return false;
  return check.image.source === 'profile' || check.failure === 'unreachable' || check.failure === 'rate-limited' || check.failure === 'other';
}

/** One run-level message per missing image: which, what for, why, and how to provide it. */
export function missingImageMessage(check: ImageCheck): string {
  const { problem, provide } = missingImageText(check);
  return `${problem}. Provide it: ${provide}`;
}

export function missingImageText(check: ImageCheck): { problem: string; provide: string } {
  const ref = check.image.ref;
  const why =
    check.failure === 'rate-limited'
      ? 'the registry refuses more pulls for now (pull rate limit)'
      : check.failure === 'unreachable'
        ? 'the registry cannot be reached from this machine'
        : check.failure === 'not-found'
          ? 'the registry has no such image'
          : 'the pull failed';
  const file = `${ref.replace(/[^A-Za-z0-9_.-]+/g, '_')}.tar`;
  const provide =
    check.failure === 'not-found' && check.image.source === 'profile'
      ? 'correct the image name or tag in the profile, or build and tag it here'
      : `on a machine that can pull: docker pull ${ref} && docker save -o ${file} ${ref}; then here: docker load -i ${file}` +
        (check.failure === 'rate-limited' ? ' (or docker login, or a registry mirror)' : ' (or configure a registry mirror)');
  return { problem: `the image ${ref}, needed for ${check.image.purpose}, is not on this machine and cannot be pulled: ${why} (${check.error ?? 'no detail'})`, provide };
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/^\(HTTP code \d+\) [a-z ]+ - /, '').trim().slice(0, 300);
}

/** An image the machine lacks, as the suites learn of it (plain data: it crosses to the workers). */
export interface UnavailableImage {
  ref: string;
  purpose: string;
  boot: boolean;
}

export interface ImagePreflight {
  checks: ImageCheck[];
  /** What the machine lacks and the submission is not to blame for: said once, as run errors. */
  unavailable: UnavailableImage[];
  errors: { message: string; where: string }[];
}

/**
 * Before a full grade: every needed image present, or pulled now, or named
 * with how to provide it. A base image the registry says does not exist is
 * the submission's (its build fails with Docker's words, under RC-RT001);
 * one the machine cannot fetch is not. When Docker does not answer at all,
 * nothing is checked here: the boot reports that.
 */
export async function preflightImages(docker: Dockerode, sub: Submission | undefined, profile: AnyProfile): Promise<ImagePreflight> {
  const timeoutMs = profile.runtime.buildTimeoutSeconds * 1000;
  const checks: ImageCheck[] = [];
  try {
    await docker.ping();
  } catch {
    return { checks, unavailable: [], errors: [] };
  }
  for (const image of neededImages(sub, profile)) checks.push(await ensureImage(docker, image, timeoutMs));
  const lacking = checks.filter(isMachineProblem);
  return {
    checks,
    unavailable: lacking.map((c) => ({ ref: c.image.ref, purpose: c.image.purpose, boot: c.image.boot })),
    errors: lacking.map((c) => ({ message: missingImageMessage(c), where: 'images' })),
  };
}

/** The reason, for a criterion that cannot be checked without these images. */
export function unavailableReason(images: UnavailableImage[]): string {
  const refs = images.map((i) => i.ref).join(', ');
  return `this machine lacks the image${images.length > 1 ? 's' : ''} ${refs}; the run errors say how to provide ${images.length > 1 ? 'them' : 'it'}`;
}
