import { dirname } from 'node:path/posix';
import type { SubmissionFile } from '../../model/submission.js';
import { parseYamlSource, positionOf, yamlData, type PathSegment, type YamlSource } from '../../parsers/yaml-source.js';
import { resolveReference, type PathContext } from './host-paths.js';
import type { AnyProfile } from '../../profile/profile.js';
import type { ComposeInput, Where } from './input.js';
import { applyMergeKeys } from './merge-keys.js';
import { isMapping } from './service-data.js';

/**
 * A compose file Compose reads for the stack: the student's compose file,
 * the files it `include`s and the files its services `extends` from, each
 * with the folder its relative paths start from.
 */
export interface ComposeDocument {
  file: string;
  dir: string;
  src?: YamlSource;
  data: Record<string, unknown>;
  /** Its services are part of the stack (the compose file and its includes), not only lent to `extends`. */
  joinsStack: boolean;
}

/** A file one document makes Compose read as another compose file. */
export interface FollowedFile {
  written: string;
  /** Folder `written` is relative to. */
  from: string;
  path: PathSegment[];
  /** Folder the followed file's own relative paths start from; its own folder when undefined. */
  projectDir?: string;
  joinsStack: boolean;
}

/** More files than any course submission splits its compose file into: the rest are not followed. */
export const MAX_DOCUMENTS = 32;

/**
 * The compose file and every compose file it makes Compose read, found among
 * the submission's files (never on disk). A followed file that lies outside
 * the submission or cannot be read is not followed: the setting naming it is
 * refused, or Compose reports the missing file itself.
 */
export interface ComposeDocuments {
  docs: ComposeDocument[];
  /** Followed files of the submission that cannot be read as compose data (Compose may still read parts of them). */
  unreadable: { from: ComposeDocument; followed: FollowedFile }[];
}

export function composeDocuments(input: ComposeInput<AnyProfile>, ctx: PathContext): ComposeDocuments {
  const unreadable: ComposeDocuments['unreadable'] = [];
  const docs: ComposeDocument[] = [{ file: input.file, dir: input.dir, src: input.src, data: input.data, joinsStack: true }];
  const seen = new Map<string, ComposeDocument>([[input.file, docs[0]]]);
  for (let i = 0; i < docs.length; i++) {
    for (const f of followedFiles(docs[i], ctx)) {
      const path = resolveReference(f.from, f.written, ctx);
      if (path === undefined) continue;
      const known = seen.get(path);
      if (known) {
        known.joinsStack ||= f.joinsStack;
        continue;
      }
      if (docs.length >= MAX_DOCUMENTS) continue;
      const doc = readDocument(input.files[path], path, f.projectDir ?? dirOf(path), f.joinsStack);
      if (doc) {
        seen.set(path, doc);
        docs.push(doc);
      } else if (input.files[path] !== undefined) {
        unreadable.push({ from: docs[i], followed: f });
      }
    }
  }
  return { docs, unreadable };
}

/** `include:` entries (string, or {path, project_directory}) and `extends.file` of every service. */
export function followedFiles(doc: ComposeDocument, ctx: PathContext): FollowedFile[] {
  const out: FollowedFile[] = [];
  const include = Array.isArray(doc.data.include) ? doc.data.include : [];
  include.forEach((item, i) => {
    if (typeof item === 'string') out.push({ written: item, from: doc.dir, path: ['include', i], joinsStack: true });
    if (!isMapping(item)) return;
    const projectDir = typeof item.project_directory === 'string' ? resolveReference(doc.dir, item.project_directory, ctx) : undefined;
    const paths = typeof item.path === 'string' ? [item.path] : Array.isArray(item.path) ? item.path : [];
    paths.forEach((p, j) => {
      if (typeof p !== 'string') return;
      const at = typeof item.path === 'string' ? ['include', i, 'path'] : ['include', i, 'path', j];
      out.push({ written: p, from: doc.dir, path: at, projectDir, joinsStack: true });
    });
  });
  for (const [name, svc] of Object.entries(isMapping(doc.data.services) ? doc.data.services : {})) {
    const ext = isMapping(svc) && isMapping(svc.extends) ? svc.extends : undefined;
    if (typeof ext?.file === 'string') out.push({ written: ext.file, from: doc.dir, path: ['services', name, 'extends', 'file'], joinsStack: false });
  }
  return out;
}

function readDocument(f: SubmissionFile | undefined, file: string, dir: string, joinsStack: boolean): ComposeDocument | undefined {
  if (!f || f.text === undefined || f.symlink?.outside) return undefined;
  const src = parseYamlSource(file, f.text);
  if (src.doc.errors.length > 0) return undefined;
  const raw = yamlData(src);
  if ('error' in raw) return undefined;
  const data = applyMergeKeys(raw.data);
  return isMapping(data) ? { file, dir, src, data, joinsStack } : undefined;
}

function dirOf(path: string): string {
  const d = dirname(path);
  return d === '.' ? '' : d;
}

/** file, line and column of a YAML path of one document. */
export function locateIn(doc: ComposeDocument, path: PathSegment[], preferKey = false): Where {
  if (!doc.src) return { file: doc.file };
  const p = positionOf(doc.src, path, preferKey);
  return { file: doc.file, line: p.line, column: p.column };
}
