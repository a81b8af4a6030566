import { isScalar, visit, type Scalar } from 'yaml';
import type { Finding } from '../../model/finding.js';
import { defineRule } from '../rule.js';
import { expressionSpans } from './expressions.js';
import type { WorkflowFile, WorkflowInput } from './model.js';
import { readableSource } from './readable.js';
import { positionInScalar } from './scalar-offset.js';
import { needsDeployAndAllReadable } from './requires.js';

const ID = 'RC-WF008';
const ESCAPED = '\\${{';

export const escapedExpression = defineRule<WorkflowInput>({
  id: ID,
  name: 'workflows/escaped-expression',
  title: 'No escaped expressions',
  severity: 'error',
  docs:
    'GitHub Actions has no backslash escape for expressions: in `--region \\${{ secrets.AWS_REGION }}` the ' +
    'expression is still substituted and the backslash stays in front of the value, which breaks the command ' +
    'and the JSON of --parameters. The backslash is markdown escaping copied from the course page; write ${{ … }}.',
  requires: needsDeployAndAllReadable,
  check(input) {
    return input.workflows.flatMap(escapedFindings);
  },
});

function escapedFindings(wf: WorkflowFile): Finding[] {
  const src = readableSource(wf);
  if (!src) return [];
  const out: Finding[] = [];
  visit(src.doc, {
    Scalar(key, node) {
      if (key === 'key' || !isScalar(node) || typeof node.value !== 'string') return;
      const value = node.value;
      for (let i = value.indexOf(ESCAPED); i >= 0; i = value.indexOf(ESCAPED, i + ESCAPED.length)) {
        const body = expressionSpans(value.slice(i + 1))[0]?.body ?? '…';
        out.push({
          ruleId: ID,
          severity: 'error',
          file: wf.path,
          ...positionInScalar(src, node as Scalar, i),
          message: `escaped expression \\\${{ ${body} }}: the backslash is copied from the course page's markdown and stays in the command; remove it`,
        });
      }
    },
  });
  return out;
}
