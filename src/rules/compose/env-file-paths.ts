import { basename, dirname } from 'node:path/posix';
import type { Finding } from '../../model/finding.js';
import { defineRule } from '../rule.js';
import { resolveInside } from './host-paths.js';
import { locate, reporter, type ComposeInput } from './input.js';
import { envFileRefs, type EnvFileRef } from './service-data.js';
import { needsComposeData } from './requires.js';

const report = reporter('RC-CO007', 'error');

export const envFilePaths = defineRule<ComposeInput>({
  id: 'RC-CO007',
  name: 'compose/env-file-paths',
  title: 'env_file paths exist',
  severity: 'error',
  docs:
    'Every env_file of a service is read relative to the folder of the compose file, and compose stops when ' +
    'one is missing (unless it is marked required: false). Check the path and that the file exists.',
  requires: needsComposeData,
  check(input) {
    if (!input.usable) return [];
    return Object.entries(input.services).flatMap(([name, service]) =>
      envFileRefs(service, ['services', name]).flatMap((ref) => (ref.required ? checkRef(input, name, ref) : [])),
    );
  },
});

function checkRef(input: ComposeInput, service: string, ref: EnvFileRef): Finding[] {
  const path = resolveInside(input.dir, ref.written);
  const where = locate(input, ref.path);
  const subject = `env_file "${ref.written}" of service "${service}"`;
  if (path === undefined) {
    const example = `./${input.profile.components.api.folderNames[0]}/${input.profile.env.localFiles[0]}`;
    return [report(where, `${subject} lies outside the submission; use a file inside the project`, `paths are relative to the compose file, e.g. ${example}`)];
  }
  if (input.files[path] !== undefined) return [];
  const folder = dirname(path);
  const siblings = Object.keys(input.files)
    .filter((f) => dirname(f) === folder && basename(f).startsWith('.env'))
    .map((f) => basename(f))
    .sort();
  const there = siblings.length > 0 ? `; that folder has ${siblings.join(', ')}` : '';
  const message = `${subject} does not exist (looked for ${input.shown(path)}${there}); create it or correct the path`;
  return [report(where, message, 'paths are relative to the compose file; an env file can be made from .env.example')];
}
