import type { Finding } from '../../src/model/finding.js';
import { runtimeIds, type RuntimeInfo } from '../stack/runtime-info.js';
import { finding } from './context.js';

/** The images-build criterion (RC-RT001): every image built; the findings carry the tail of each failed build's log. */
export function imagesBuilt(ctx: { runtime: RuntimeInfo }): Finding[] {
  return ctx.runtime.build.findings;
}

/**
 * The stack-ready criterion (RC-RT002): the stack started and every part
 * became ready. Besides the boot findings (what was awaited, exit code,
 * last log lines), each part that was not started at all says why.
 */
export function stackReady(ctx: { runtime: RuntimeInfo }): Finding[] {
  const { runtime } = ctx;
  const ids = runtimeIds(runtime);
  const findings = [...runtime.boot.findings];
  for (const c of Object.values(runtime.components)) {
    if (!c || c.ready || c.reported) continue;
    const see = c.problem?.includes('did not build') ? ` (see ${ids.build})` : '';
    findings.push(finding(ids.ready, runtime.stackFile, `the ${c.role} was not started: ${c.problem ?? 'unknown reason'}${see}`));
  }
  const nothingStarted = runtime.ids ? Object.keys(runtime.components).length === 0 : !runtime.components.api;
  if (nothingStarted && findings.length === 0 && !runtime.build.ok) {
    findings.push(finding(ids.ready, runtime.stackFile, `the stack was not started: its images did not build (see ${ids.build})`));
  }
  return findings;
}
