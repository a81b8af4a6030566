import type { Component, ComponentRole, Layout, Submission, SubmissionFile } from './submission.js';

/**
 * Builds a submission model from in-memory files, for rule tests and golden
 * tests: no disk, no git. Files are text; `tracked` and `mode` may be set per file.
 */
export interface FakeFile {
  text: string;
  tracked?: boolean;
  mode?: string;
  /** The file system's execute bit, for folders that are not git work trees. */
  executable?: boolean;
}

export function fakeSubmission(opts: {
  files: Record<string, string | FakeFile>;
  layout?: Layout;
  components?: Partial<Record<ComponentRole, string>>;
  compose?: string;
  root?: string;
}): Submission {
  const files: Record<string, SubmissionFile> = {};
  for (const [path, v] of Object.entries(opts.files)) {
    const f = typeof v === 'string' ? { text: v } : v;
    files[path] = {
      path,
      size: Buffer.byteLength(f.text),
      text: f.text,
      binary: false,
      ...(f.executable !== undefined ? { executable: f.executable } : {}),
      ...(f.tracked !== undefined || f.mode !== undefined ? { git: { tracked: f.tracked ?? true, mode: f.mode } } : {}),
    };
  }
  const components: Partial<Record<ComponentRole, Component>> = {};
  for (const [role, dir] of Object.entries(opts.components ?? { api: '' }) as [ComponentRole, string][]) {
    components[role] = { role, dir, foundBy: 'argument' };
  }
  return {
    root: opts.root ?? '/submission',
    source: opts.root ?? '/submission',
    layout: opts.layout ?? 'api-only',
    components,
    compose: opts.compose,
    files,
  };
}
