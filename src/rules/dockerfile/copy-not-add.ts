import type { Finding } from '../../model/finding.js';
import { defineRule, type Rule } from '../rule.js';
import { transferOf } from './copies.js';
import { at, finding } from './findings.js';
import type { DockerfileInput } from './input.js';
import { needsDockerfileStages } from './requires.js';

export const copyNotAdd: Rule<DockerfileInput> = defineRule({
  id: 'RC-DF004',
  name: 'dockerfile/copy-not-add',
  title: 'COPY rather than ADD for local files',
  severity: 'warning',
  docs:
    'Use COPY to put local files into the image. ADD also downloads URLs and unpacks archives, ' +
    'which makes a plain copy harder to read and can surprise; keep ADD for a URL or a local tar archive.',
  requires: needsDockerfileStages,
  check(input) {
    const out: Finding[] = [];
    for (const stage of input.stages) {
      for (const i of stage.instructions) {
        const t = transferOf(i);
        if (!t || t.keyword !== 'ADD') continue;
        const local = t.sources.filter((s) => !isRemote(s) && !isTarArchive(s));
        if (local.length === 0) continue;
        out.push(
          finding(
            copyNotAdd,
            input,
            at(i),
            `ADD copies local files (${local.join(', ')}); use COPY instead: COPY ${t.sources.join(' ')} ${t.dest}`,
          ),
        );
      }
    }
    return out;
  },
});

function isRemote(source: string): boolean {
  return /^(https?|git):\/\//i.test(source) || /^git@/.test(source);
}

function isTarArchive(source: string): boolean {
  return /\.(tar|tar\.(gz|bz2|xz|zst)|tgz|tbz2?|txz)$/i.test(source);
}
