import { shownIn, shownPath } from '../../model/repository-path.js';
import { joinPath, type Submission } from '../../model/submission.js';
import { parseWorkflowFile } from '../../parsers/workflow.js';
import type { Profile } from '../../profile/profile.js';
import type { RuleFamily } from '../rule.js';
import { awsOidcCredentials } from './aws-oidc-credentials.js';
import { buildNeedsTest } from './build-needs-test.js';
import { dbValuesFromSecrets } from './db-values-from-secrets.js';
import { deployDetached } from './deploy-detached.js';
import { deployIdToken } from './deploy-id-token.js';
import { deployTrigger } from './deploy-trigger.js';
import { discoverWorkflows } from './discover.js';
import { escapedExpression } from './escaped-expression.js';
import type { WorkflowInput } from './model.js';
import { parametersQuoting } from './parameters-quoting.js';
import { registryLogin } from './registry-login.js';
import { assignRoles } from './roles.js';
import { ssmParametersJson } from './ssm-parameters-json.js';
import { workflowFolder } from './workflow-folder.js';
import { workflowSyntax } from './workflow-syntax.js';

export type { WorkflowInput } from './model.js';

/**
 * The GitHub Actions workflows (RC-WF…). Check names: what any workflow is
 * held to is `workflows/…` (folder, syntax, escaped-expression); Rock of
 * Ages' build and SSM deploy workflows are `rock-of-ages/…` (deploy-trigger,
 * deploy-id-token, aws-oidc-credentials, db-values-from-secrets,
 * ssm-parameters-json, build-needs-test, deploy-detached,
 * ssm-parameters-quoting, deploy-registry-login).
 */
export const workflowFamily: RuleFamily<WorkflowInput> = {
  area: 'workflows',
  rules: [
    workflowFolder,
    workflowSyntax,
    deployTrigger,
    deployIdToken,
    awsOidcCredentials,
    dbValuesFromSecrets,
    ssmParametersJson,
    escapedExpression,
    buildNeedsTest,
    deployDetached,
    parametersQuoting,
    registryLogin,
  ],
  notApplicable(sub: Submission): string | undefined {
    return sub.components.api ? undefined : 'no api repository found: the workflows live in the api repository';
  },
  inputs(sub: Submission, profile: Profile): WorkflowInput[] {
    const api = sub.components.api;
    if (!api) return [];
    const candidates = discoverWorkflows(sub, api.dir, profile.workflows.folder);
    const parsed = candidates.map((c) => ({ ...c, parsed: parseWorkflowFile(c.path, c.text, sub.files[c.path]?.unreadable) }));
    const roles = assignRoles(parsed, profile.workflows);
    return [
      {
        apiDir: api.dir,
        folder: joinPath(api.dir, profile.workflows.folder),
        shownFolder: shownIn(sub.components, api.dir, profile.workflows.folder),
        workflows: parsed.map((c, i) => ({ path: c.path, shown: shownPath(sub.components, c.path), placement: c.placement, parsed: c.parsed, ...roles[i] })),
        dbKeys: profile.env.dbKeys,
        dbFromSecrets: profile.workflows.dbFromSecrets,
      },
    ];
  },
};

