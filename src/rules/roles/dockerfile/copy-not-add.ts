import { transferOf } from '../../dockerfile/copies.js';
import { needDockerfile } from '../needs.js';
import { atDockerfile, reporter, visible } from '../report.js';
import type { RoleCheck } from '../role-check.js';

export const dockerfileCopyNotAdd: RoleCheck<{ role: string }> = {
  name: 'dockerfile/copy-not-add',
  docs:
    'Use COPY to put local files into the image. ADD also downloads URLs and unpacks archives, which makes a plain copy ' +
    'harder to read and can surprise; keep ADD for a URL or a local tar archive.',
  params: { type: 'object', additionalProperties: false, required: ['role'], properties: { role: { type: 'string', minLength: 1 } } },
  check(facts, params, ctx) {
    const found = needDockerfile(facts, params.role, ctx);
    if (!('ok' in found)) return found.verdict;
    const df = found.ok.dockerfile;
    return df.stages.flatMap((stage) =>
      stage.instructions.flatMap((i) => {
        const t = transferOf(i);
        if (!t || t.keyword !== 'ADD') return [];
        const local = t.sources.filter((s) => !isRemote(s) && !isTarArchive(s));
        if (local.length === 0) return [];
        return [
          reporter(ctx)(
            atDockerfile(df.path, i.getRange().start),
            visible(`ADD copies local files (${local.join(', ')}); use COPY instead: COPY ${t.sources.join(' ')} ${t.dest}`),
          ),
        ];
      }),
    );
  },
};

function isRemote(source: string): boolean {
  return /^(https?|git):\/\//i.test(source) || /^git@/.test(source);
}

function isTarArchive(source: string): boolean {
  return /\.(tar|tar\.(gz|bz2|xz|zst)|tgz|tbz2?|txz)$/i.test(source);
}
