import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { schemaPath } from '../../paths.js';
import { loadProfile, ProfileError } from '../load.js';
import { draftProfile } from './init-profile.js';
import { readReference } from './read-reference.js';
import { draftYaml } from './write-draft.js';

/**
 * `rock-check profile init REFERENCE [--out FILE] [--id ID]`: the draft's text, written
 * to `out` (never over an existing file) when given. The draft is loaded as
 * any profile is before it is handed out: a draft that does not load is a
 * fault of init, not of the reference.
 */
export async function initProfile(reference: string, out: string | undefined, cwd: string, shown = reference, id?: string): Promise<string> {
  const sub = await readReference(reference, shown);
  const draft = draftProfile(sub, id);
  const text = draftYaml(draft, schemaRef(out === undefined ? cwd : dirname(out)));
  await mustLoad(text);
  if (out !== undefined) {
    try {
      await writeFile(out, text, { flag: 'wx' });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new ProfileError(`${out} already exists: profile init does not write over a profile; name another file or remove it first`);
      throw new ProfileError(`cannot write ${out}: ${(e as Error).message}`);
    }
  }
  return text;
}

/** Where the packaged schema lies from the draft's folder, for the yaml-language-server line. */
function schemaRef(from: string): string {
  const rel = relative(from, schemaPath('profile.schema.json')).split(sep).join('/');
  return rel.startsWith('.') || rel.startsWith('/') ? rel : `./${rel}`;
}

async function mustLoad(text: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rc-profile-init-'));
  try {
    const file = join(dir, 'draft.yaml');
    await writeFile(file, text);
    try {
      loadProfile(file);
    } catch (e) {
      throw new Error(`the drafted profile does not load: ${(e as Error).message}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
