import { dockerClient } from '../cleanup/docker-client.js';
import type { Submission } from '../model/submission.js';
import { visibleLine } from '../model/visible-text.js';
import type { AnyProfile as Profile } from '../profile/profile.js';
import { assess, type DoctorItem } from './assess.js';
import { machineFacts } from './facts.js';

export { assess, type DoctorItem, type MachineFacts } from './assess.js';

/** Checks this machine against a profile (and a submission's base images, when given). */
export async function runDoctor(profile: Profile, submission?: Submission): Promise<DoctorItem[]> {
  return assess(await machineFacts(dockerClient, profile, submission), profile);
}

const MARK = { ok: '✓', warn: '!', fail: '✗' } as const;

/**
 * The doctor's report: one line per item, what to fix under it, and the
 * verdict. Items name the profile's and the submission's images, so their
 * control characters are escaped as in every report.
 */
export function renderDoctor(items: DoctorItem[], profile: Pick<Profile, 'id' | 'version'>): string {
  const out = [`rock-check doctor: is this machine ready to grade with profile ${visibleLine(profile.id)} v${profile.version}?`];
  for (const i of items) {
    out.push(`  ${MARK[i.status]} ${visibleLine(`${i.title}: ${i.detail}`)}`);
    if (i.fix && i.status !== 'ok') out.push(`      fix: ${visibleLine(i.fix)}`);
  }
  const failed = items.filter((i) => i.status === 'fail').length;
  const warned = items.filter((i) => i.status === 'warn').length;
  out.push(
    failed > 0
      ? `Not ready: ${failed} problem${failed > 1 ? 's' : ''} to fix (marked ✗).`
      : `Ready to grade${warned > 0 ? ` (${warned} warning${warned > 1 ? 's' : ''}, marked !)` : ''}.`,
  );
  return `${out.join('\n')}\n`;
}

export function doctorExitCode(items: DoctorItem[]): number {
  return items.some((i) => i.status === 'fail') ? 1 : 0;
}
