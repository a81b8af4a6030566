import { isScalar, type Scalar } from 'yaml';
import type { YamlSource } from '../../parsers/yaml-source.js';
import type { Finding } from '../../model/finding.js';
import { redact } from '../../model/redact.js';
import { defineRule } from '../rule.js';
import { contextsOf, expressionSpans } from './expressions.js';
import type { WorkflowFile, WorkflowInput } from './model.js';
import { readableSource } from './readable.js';
import { positionInScalar } from './scalar-offset.js';
import { buildsImage, sendsSsmCommand } from './roles.js';
import { jobEnvs, jobsOf, nodePosition, stepsOf, workflowEnv, type Step } from './workflow-ast.js';
import { deployedRun, envAssignments, remoteCommands } from './remote-commands.js';
import { ssmCommands } from './ssm-command.js';
import { needsRemoteCommands } from './deploy-commands.js';
import { needsDeployAndAllReadable } from './requires.js';

const ID = 'RC-WF006';

export const dbValuesFromSecrets = defineRule<WorkflowInput>({
  id: ID,
  name: 'rock-of-ages/db-values-from-secrets',
  title: 'Database settings passed only from secrets',
  severity: 'error',
  docs:
    'The deploy passes DB_NAME, DB_USER, DB_PASSWORD, DB_HOST and DB_PORT to the container from GitHub secrets ' +
    '(`-e DB_PASSWORD=${{ secrets.DB_PASSWORD }}`). A value written into the workflow is readable by everyone who ' +
    'can read the repository, and a repository variable (`vars.*`) is not secret either. AWS and ECR values may ' +
    'come from variables or secrets. Checked in the deploy workflow and in jobs that build an image or send SSM ' +
    'commands; a test job\'s throwaway database (a `services:` container) may use plain values. The deploy\'s ' +
    '`docker run` (the last one of its SSM commands) must pass every one of the keys: a key it does not pass is ' +
    'missing in the container, and the api falls back to a default or fails to connect.',
  requires: (input) => needsDeployAndAllReadable(input) ?? needsRemoteCommands(input),
  notApplicable: (input) =>
    input.dbFromSecrets && input.dbKeys.length > 0 ? undefined : 'the profile does not ask for database settings from secrets',
  check(input) {
    return input.workflows.flatMap((wf) => dbFindings(wf, input.dbKeys));
  },
});

type Verdict = { ok: true } | { ok: false; message: string };

/** Judges one value given to a DB key; `inScript` lets a shell variable through. */
export function judgeDbValue(key: string, value: string, inScript: boolean): Verdict {
  const spans = expressionSpans(value);
  if (spans.length === 0) {
    if (value === '' || (inScript && /^\$(\{\w+\}|\w+)$/.test(value))) return { ok: true };
    return {
      ok: false,
      message: `${key} is written into the workflow (${redact(value)}): store it as a repository secret and pass \${{ secrets.${key} }}`,
    };
  }
  for (const s of spans) {
    const contexts = contextsOf(s.body);
    if (contexts.length > 0 && contexts.every((c) => c === 'secrets')) continue;
    const kind = contexts.includes('vars') ? 'a repository variable, which is not secret' : 'not a secret';
    return { ok: false, message: `${key} comes from \${{ ${s.body} }}, ${kind}: use \${{ secrets.${key} }}` };
  }
  return { ok: true };
}

function dbFindings(wf: WorkflowFile, dbKeys: string[]): Finding[] {
  const src = readableSource(wf);
  if (!src) return [];
  const out: Finding[] = [];
  const jobs = jobsOf(src).filter((j) => wf.deploy || stepsOf(j).some((s) => buildsImage(s) || sendsSsmCommand(s)));
  if (jobs.length === 0) return [];
  const envs = [workflowEnv(src), ...jobs.flatMap(jobEnvs)].filter((m) => m !== undefined);
  for (const env of envs) {
    for (const pair of env.items) {
      if (!isScalar(pair.key) || !dbKeys.includes(String(pair.key.value))) continue;
      if (!isScalar(pair.value) || pair.value.value === null) continue;
      const verdict = judgeDbValue(String(pair.key.value), String(pair.value.value), false);
      if (!verdict.ok) out.push({ ruleId: ID, severity: 'error', file: wf.path, ...nodePosition(src, pair.value), message: verdict.message });
    }
  }
  if (wf.deploy) {
    for (const step of jobs.flatMap(stepsOf)) out.push(...missingKeyFindings(wf, src, step, dbKeys));
  }
  const assignment = dbAssignment(dbKeys);
  for (const step of jobs.flatMap(stepsOf)) {
    if (!step.run) continue;
    for (const m of step.run.value.matchAll(assignment)) {
      const verdict = judgeDbValue(m[1], m[2], true);
      if (verdict.ok) continue;
      const offset = m.index + m[0].length - m[2].length;
      out.push({
        ruleId: ID,
        severity: 'error',
        file: wf.path,
        ...positionInScalar(src, step.run as Scalar, offset),
        message: verdict.message,
      });
    }
  }
  return out;
}

/** The DB keys the deploy's `docker run` on the instance does not pass with a value. */
function missingKeyFindings(wf: WorkflowFile, src: YamlSource, step: Step, dbKeys: string[]): Finding[] {
  const out: Finding[] = [];
  for (const cmd of ssmCommands(step)) {
    const commands = remoteCommands(cmd);
    if (commands === undefined) continue;
    const run = deployedRun(commands);
    const at = (offset: number) => ({ ruleId: ID, severity: 'error' as const, file: wf.path, ...positionInScalar(src, step.run as Scalar, offset) });
    const flags = (keys: string[]) => keys.map((k) => `-e ${k}=\${{ secrets.${k} }}`).join(' ');
    if (!run) {
      out.push({
        ...at(cmd.start),
        message: `the SSM commands of the deploy start no container with docker run, so the api gets none of ${dbKeys.join(', ')}: end them with docker run -d … ${flags(dbKeys)} "$IMAGE"`,
      });
      continue;
    }
    const passed = envAssignments(run.args);
    const missing = dbKeys.filter((k) => !passed.some((p) => p.key === k && p.valued));
    if (missing.length === 0) continue;
    const bare = missing.filter((k) => passed.some((p) => p.key === k));
    const what = missing.length === dbKeys.length ? 'passes no database settings' : `does not pass ${missing.join(', ')}`;
    const envFile = run.args.some((a) => a.text === '--env-file' || a.text.startsWith('--env-file='));
    const bareNote =
      (bare.length > 0 ? ` (-e ${bare.join(', -e ')} without a value reads the instance's own environment, which does not have it)` : '') +
      (envFile ? ' (--env-file reads a file kept on the instance, not the repository\'s secrets)' : '');
    out.push({
      ...at(run.docker.offsets[0]),
      message: `the deploy's docker run ${what}${bareNote}: the api on the instance cannot reach its database; add ${flags(missing)} before the image`,
    });
  }
  return out;
}

/**
 * `KEY=value` in a script: `-e KEY=…`, `--env KEY=…`, `export KEY=…`,
 * `echo "KEY=…" >> .env`; the value runs to a blank, a quote or a backslash,
 * `${{ … }}` included whole.
 */
function dbAssignment(keys: string[]): RegExp {
  const names = keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return new RegExp(`(?<=^|[\\s"'(;=])(${names})=(?:\\\\?["'])?((?:\\$\\{\\{.*?\\}\\}|[^\\s"'\\\\])*)`, 'gm');
}
