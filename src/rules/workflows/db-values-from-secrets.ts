import { isScalar, type Scalar } from 'yaml';
import type { Finding } from '../../model/finding.js';
import { redact } from '../../model/redact.js';
import { defineRule } from '../rule.js';
import { contextsOf, expressionSpans } from './expressions.js';
import type { WorkflowFile, WorkflowInput } from './model.js';
import { readableSource } from './readable.js';
import { positionInScalar } from './scalar-offset.js';
import { buildsImage, sendsSsmCommand } from './roles.js';
import { jobEnvs, jobsOf, nodePosition, stepsOf, workflowEnv } from './workflow-ast.js';
import { needsDeployAndAllReadable } from './requires.js';

const ID = 'RC-WF006';

export const dbValuesFromSecrets = defineRule<WorkflowInput>({
  id: ID,
  title: 'Database settings passed only from secrets',
  severity: 'error',
  docs:
    'The deploy passes DB_NAME, DB_USER, DB_PASSWORD, DB_HOST and DB_PORT to the container from GitHub secrets ' +
    '(`-e DB_PASSWORD=${{ secrets.DB_PASSWORD }}`). A value written into the workflow is readable by everyone who ' +
    'can read the repository, and a repository variable (`vars.*`) is not secret either. AWS and ECR values may ' +
    'come from variables or secrets. Checked in the deploy workflow and in jobs that build an image or send SSM ' +
    'commands; a test job\'s throwaway database (a `services:` container) may use plain values.',
  requires: needsDeployAndAllReadable,
  check(input) {
    if (!input.dbFromSecrets) return [];
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
  if (!src || dbKeys.length === 0) return [];
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

/**
 * `KEY=value` in a script: `-e KEY=…`, `--env KEY=…`, `export KEY=…`,
 * `echo "KEY=…" >> .env`; the value runs to a blank, a quote or a backslash,
 * `${{ … }}` included whole.
 */
function dbAssignment(keys: string[]): RegExp {
  const names = keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return new RegExp(`(?<=^|[\\s"'(;=])(${names})=(?:\\\\?["'])?((?:\\$\\{\\{.*?\\}\\}|[^\\s"'\\\\])*)`, 'gm');
}
