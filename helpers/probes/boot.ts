import type { Finding } from '../../src/model/finding.js';
import { finding, type ProbeContext } from './context.js';

/** RC-RT001: every image built; the findings carry the tail of each failed build's log. */
export function imagesBuilt(ctx: ProbeContext): Finding[] {
  return ctx.runtime.build.findings;
}

/**
 * RC-RT002: the stack started and every part became ready. Besides the
 * boot findings (what was awaited, exit code, last log lines), each part
 * that was not started at all says why.
 */
export function stackReady(ctx: ProbeContext): Finding[] {
  const { runtime } = ctx;
  const findings = [...runtime.boot.findings];
  for (const c of Object.values(runtime.components)) {
    if (!c || c.ready || c.reported) continue;
    const see = c.problem?.includes('did not build') ? ' (see RC-RT001)' : '';
    findings.push(finding('RC-RT002', runtime.stackFile, `the ${c.role} was not started: ${c.problem ?? 'unknown reason'}${see}`));
  }
  if (!runtime.components.api && findings.length === 0 && !runtime.build.ok) {
    findings.push(finding('RC-RT002', runtime.stackFile, 'the stack was not started: its images did not build (see RC-RT001)'));
  }
  return findings;
}
