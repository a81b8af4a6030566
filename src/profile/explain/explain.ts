import { visibleLine } from '../../model/visible-text.js';
import { courseRules } from '../../rules/course-checks.js';
import { roleChecks } from '../../rules/roles/registry.js';
import type { Scenario } from '../../scenario/types.js';
import { listed } from '../init/draft-criteria.js';
import { isCourseProfile, type AnyProfile, type Criterion, type ReadySpec } from '../profile.js';
import { describeParams, roleWords } from './describe-params.js';
import { describeStep } from './describe-step.js';

const areaNames: Record<string, string> = { dockerfile: 'Dockerfiles', compose: 'Compose', workflows: 'Workflows', config: 'Configuration', runtime: 'Runtime' };

/**
 * `rock-check profile explain FILE`: per criterion, what is checked, in the
 * words a student reads: the check's docs with the profile's params filled
 * in, and a scenario criterion step by step. Markdown.
 */
export function explainProfile(profile: AnyProfile): string {
  const out = [
    `# ${visibleLine(profile.name)}`,
    '',
    `What rock-check checks in a submission of this assignment (profile \`${profile.id}\`), criterion by criterion. ` +
      'A required criterion that fails fails the grade; an advice criterion only costs its points. ' +
      'The runtime criteria are checked on your running stack; the others read your files.',
    '',
    '## Roles',
    '',
    'rock-check finds each part of your stack by what it is, then by its name:',
    '',
    ...Object.entries(profile.stack.roles).map(([role, spec]) => `- ${visibleLine(roleWords(role, spec))}${spec.port ? `; port ${spec.port}` : ''}${spec.optional ? '; optional' : ''}`),
  ];
  const areas = [...new Set(profile.criteria.map((c) => c.area))];
  for (const area of areas) {
    out.push('', `## ${areaNames[area] ?? area}`);
    for (const c of profile.criteria.filter((x) => x.area === area)) out.push('', ...criterionSection(c, profile));
  }
  return `${out.join('\n')}\n`;
}

function criterionSection(c: Criterion, profile: AnyProfile): string[] {
  const layouts = c.layouts?.length === 1 ? (c.layouts[0] === 'compose' ? '; only with a compose file' : '; only without a compose file') : '';
  const head = [`### ${c.id} ${visibleLine(c.title)}`, '', `${c.level}, ${c.points} point${c.points === 1 ? '' : 's'}${layouts}`, ''];
  return [...head, ...body(c, profile).map(visibleLine)];
}

function body(c: Criterion, profile: AnyProfile): string[] {
  const roles = profile.stack.roles;
  if (c.check === 'scenario') return scenarioSteps(c.id, profile.scenario as Scenario | undefined);
  if (c.check === 'runtime/images-build') {
    const built = Object.entries(roles).filter(([, r]) => r.match.image === undefined).map(([name]) => name);
    const what = built.length === 1 ? `The image of ${built[0]} is built from your own Dockerfile` : `The images of ${listed(built) || 'the roles built from your folders'} are built from your own Dockerfiles`;
    return [`${what}; a build that fails is reported with the end of its log.`];
  }
  if (c.check === 'runtime/stack-ready') {
    const awaited = Object.entries(roles).map(([role, r]) => `${role}: ${readyWords(role, r.ready, r.port)}`);
    return [`The stack starts and every role becomes ready within ${profile.runtime.bootTimeoutSeconds} seconds:`, '', ...awaited.map((a) => `- ${a}`)];
  }
  const generic = isCourseProfile(profile) ? undefined : roleChecks[c.check];
  if (generic) {
    const said = describeParams(c.check, c.params ?? {}, roles);
    return [...(said ? [said, ''] : []), generic.docs];
  }
  const rule = courseRules.find((r) => r.name === c.check);
  if (rule) return [rule.docs];
  return ['Checked on the running stack by a probe built into rock-check.'];
}

function readyWords(role: string, ready: ReadySpec | undefined, port: number | undefined): string {
  if (!ready) return 'its container keeps running';
  if ('http' in ready) return `answers a request for ${ready.http.path}${port ? ` on port ${port}` : ''} (any status)`;
  if ('tcp' in ready) return `accepts connections${port ? ` on port ${port}` : ''}`;
  if ('exec' in ready) return `\`${ready.exec.join(' ')}\` succeeds inside the ${role} container`;
  return 'PostgreSQL accepts connections';
}

function scenarioSteps(id: string, scenario: Scenario | undefined): string[] {
  const spec = scenario?.criteria[id];
  if (!scenario || !spec) return ['Checked on the running stack.'];
  const steps = spec.steps.map((s, i) => {
    const [line, ...more] = describeStep(s, scenario);
    return [`${i + 1}. ${capital(line)}`, ...more.map((m) => `   ${m}`)];
  });
  return [`On the running stack (phase ${spec.phase}${spec.phase === scenario.phases[scenario.phases.length - 1] && scenario.phases.length > 1 ? ', the last' : ''}):`, '', ...steps.flat()];
}

function capital(s: string): string {
  return s.replace(/^[a-z]/, (c) => c.toUpperCase());
}
