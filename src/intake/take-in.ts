import { mkdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import type { Component, ComponentRole, Layout, Submission } from '../model/submission.js';
import { isCourseProfile, type AnyProfile, type Profile } from '../profile/profile.js';
import { cloneInto, defaultCloneLimits, type CloneLimits } from './clone.js';
import { applyGitFacts, findRepo, placeRepo, type PlacedRepo } from './git-facts.js';
import { IntakeError } from './intake-error.js';
import { detectLayout, findComposeFile } from './layout.js';
import { copyFolder, existingFolder } from './local-folder.js';
import { Scratch } from './scratch.js';
import { parseSource, type SourceSpec } from './source-spec.js';
import { skippedFolders, walkFiles, type WalkedFile } from './walk.js';

export interface IntakeRequest {
  /** A folder or git URL holding the submission. */
  target?: string;
  /** The api repository, given on its own (path or URL). */
  api?: string;
  /** The client repository, given on its own (path or URL); needs `api`. */
  client?: string;
}

export interface IntakeOptions {
  /** Where private clones and copies go (default: the system temp folder). */
  workDir?: string;
  cloneTimeoutMs?: number;
  maxCloneBytes?: number;
  profile: AnyProfile;
}

export interface Intake extends AsyncDisposable {
  submission: Submission;
  /** Removes the private clones and copies; the user's folders are never touched. */
  dispose(): Promise<void>;
}

interface Context {
  profile: AnyProfile;
  scratch: Scratch;
  clone: CloneLimits;
}

/**
 * Turns what the user named into the Submission model: a local folder (read
 * in place, never written) or a git URL (cloned into a private folder), or an
 * api and a client given separately (copied or cloned side by side).
 */
export async function takeIn(req: IntakeRequest, opts: IntakeOptions): Promise<Intake> {
  const ctx: Context = {
    profile: opts.profile,
    scratch: new Scratch(opts.workDir),
    clone: {
      timeoutMs: opts.cloneTimeoutMs ?? defaultCloneLimits.timeoutMs,
      maxBytes: opts.maxCloneBytes ?? defaultCloneLimits.maxBytes,
    },
  };
  try {
    const submission = await intakeRequest(req, ctx);
    const dispose = () => ctx.scratch.dispose();
    return { submission, dispose, [Symbol.asyncDispose]: dispose };
  } catch (e) {
    await ctx.scratch.dispose();
    throw e;
  }
}

function intakeRequest(req: IntakeRequest, ctx: Context): Promise<Submission> {
  const has = (v: string | undefined) => v !== undefined;
  if (has(req.target) && (has(req.api) || has(req.client))) {
    throw new IntakeError('name either one submission (a folder or a git URL) or --api and --client, not both');
  }
  if (!isCourseProfile(ctx.profile) && (has(req.api) || has(req.client))) {
    throw new IntakeError(`--api and --client name the two repositories of Rock of Ages; the profile ${ctx.profile.id} grades one folder: name it (a folder or a git URL)`);
  }
  if (has(req.client) && !has(req.api)) {
    throw new IntakeError('--client needs --api: rock-check grades an api, with or without its client');
  }
  if (has(req.api) && has(req.client) && isCourseProfile(ctx.profile)) return takeSeparate(req.api!, req.client!, { ...ctx, profile: ctx.profile });
  const target = req.target ?? req.api;
  if (target === undefined) {
    throw new IntakeError('name a submission: a folder, a git URL, or --api and --client');
  }
  return takeOne(parseSource(target), ctx);
}

/** Where a source's files sit: the user's own folder, or a private clone. */
async function materialise(spec: SourceSpec, ctx: Context, cloneTo?: string): Promise<string> {
  if (spec.kind === 'local') return existingFolder(spec.path, spec.display);
  const dest = cloneTo ?? join(await ctx.scratch.make(), 'submission');
  await cloneInto(spec, dest, ctx.clone);
  return dest;
}

async function walkNonEmpty(root: string, label: string): Promise<Record<string, WalkedFile>> {
  const files = await walkFiles(root, label);
  if (Object.keys(files).length === 0) {
    throw new IntakeError(
      `${label} is empty: no files to grade (${[...skippedFolders].join(', ')} are not read)`,
    );
  }
  return files;
}

async function takeOne(spec: SourceSpec, ctx: Context): Promise<Submission> {
  const root = await materialise(spec, ctx);
  const files = await walkNonEmpty(root, spec.display);
  const found = await detectLayout(root, ctx.profile, spec.display);

  const realRoot = await realpath(root);
  const repos: PlacedRepo[] = [];
  const rootRepo = await findRepo(root, root);
  if (rootRepo) repos.push({ dir: '', facts: rootRepo });
  for (const c of Object.values(found.components)) {
    const dir = join(realRoot, c.dir);
    const facts = await findRepo(dir, realRoot);
    c.git = facts ? { isRepo: true, head: facts.head } : { isRepo: false };
    const placed = facts && placeRepo(facts, c.dir, await realpath(dir));
    if (placed) repos.push(placed);
  }
  applyGitFacts(files, uniqueRepos(repos));
  return submission(root, spec.display, found.layout, found.components, found.compose, files);
}

async function takeSeparate(apiNamed: string, clientNamed: string, ctx: Context & { profile: Profile }): Promise<Submission> {
  const specs: Record<ComponentRole, SourceSpec> = { api: parseSource(apiNamed), client: parseSource(clientNamed) };
  const root = join(await ctx.scratch.make(), 'submission');
  await mkdir(root);
  const components: Partial<Record<ComponentRole, Component>> = {};
  const repos: PlacedRepo[] = [];

  for (const role of ['api', 'client'] as const) {
    const spec = specs[role];
    const dest = join(root, role);
    const where = await materialise(spec, ctx, dest);
    await walkNonEmpty(where, spec.display); // limits and emptiness, before copying anything
    if (spec.kind === 'local') await copyFolder(where, dest);
    const facts = await findRepo(where, where);
    components[role] = { role, dir: role, foundBy: 'argument', source: spec.display, git: facts ? { isRepo: true, head: facts.head } : { isRepo: false } };
    const placed = facts && placeRepo(facts, role, await realpath(where));
    if (placed) repos.push(placed);
  }

  const label = `--api ${specs.api.display} --client ${specs.client.display}`;
  const files = await walkNonEmpty(root, label);
  const markers = ctx.profile.components.api.markers;
  if (!markers.some((m) => files[`api/${m}`] !== undefined)) {
    throw new IntakeError(`no Django API found in ${specs.api.display}: looked for ${markers.join(' or ')} at its top level`);
  }
  applyGitFacts(files, repos);
  return submission(root, label, 'separate', components, await findComposeFile(root, 'api'), files);
}

function uniqueRepos(repos: PlacedRepo[]): PlacedRepo[] {
  const seen = new Set<string>();
  return repos.filter((r) => !seen.has(r.facts.top) && seen.add(r.facts.top));
}

function submission(
  root: string,
  source: string,
  layout: Layout,
  components: Partial<Record<ComponentRole, Component>>,
  compose: string | undefined,
  files: Record<string, WalkedFile>,
): Submission {
  return { root, source, layout, components, ...(compose ? { compose } : {}), files };
}
