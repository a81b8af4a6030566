import type { ParsedWorkflow } from '../../parsers/workflow.js';

/** Where a workflow-looking file sits, seen from GitHub's side. */
export type Placement =
  /** `<api>/.github/workflows/x.yml`: the only place GitHub runs workflows from */
  | 'workflows'
  /** a look-alike folder such as `.github/workflow/` or `.github/Workflows/` */
  | 'misnamed-folder'
  /** a subfolder of `.github/workflows/`, which GitHub does not read */
  | 'subfolder'
  /** a workflow in the root of the api repository */
  | 'repo-root'
  /** a workflow outside the api repository (e.g. the parent folder) */
  | 'outside-api';

export interface WorkflowFile {
  /** Relative to the submission root. */
  path: string;
  /** How messages name the file: its path in its own repository. */
  shown: string;
  placement: Placement;
  parsed: ParsedWorkflow;
  /** The deploy workflow (deploy.yml: workflow_dispatch, aws ssm send-command). */
  deploy: boolean;
  /** The build workflow (testBuildPush.yml: tests, then docker build and push). */
  build: boolean;
}

/** Everything the workflow rules judge, for the api repository. */
export interface WorkflowInput {
  /** The api folder, relative to the submission root ('' for the root). */
  apiDir: string;
  /** Where the workflows belong: `<api>/.github/workflows`. */
  folder: string;
  /** How messages name `folder`: `.github/workflows` in the api repository itself, `rock-of-ages-api/.github/workflows` in a parent folder. */
  shownFolder: string;
  /** Files in the folder, then misplaced workflows. */
  workflows: WorkflowFile[];
  /** Keys whose values must come from secrets (DB_NAME, DB_PASSWORD, ...). */
  dbKeys: string[];
  dbFromSecrets: boolean;
}
