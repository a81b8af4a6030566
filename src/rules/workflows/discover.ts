import { joinPath, type Submission } from '../../model/submission.js';
import { parseYamlSource } from '../../parsers/yaml-source.js';
import type { Placement } from './model.js';
import { pairOf, rootMap } from './workflow-ast.js';

const YAML_FILE = /\.ya?ml$/i;

export interface WorkflowCandidate {
  path: string;
  placement: Placement;
  text?: string;
}

/** A YAML mapping with both `on:` and `jobs:` reads as a workflow, wherever it lies. */
export function looksLikeWorkflow(path: string, text: string | undefined): boolean {
  if (text === undefined) return false;
  const map = rootMap(parseYamlSource(path, text));
  return pairOf(map, 'on') !== undefined && pairOf(map, 'jobs') !== undefined;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/**
 * The workflow files of the api repository (`<api>/<folder>/*.yml|yaml`) and
 * the misplaced ones: anything in a look-alike of the folder, workflows
 * elsewhere under `.github/`, in the repository root, or in a `.github/` of
 * the submission root outside the api repository.
 */
export function discoverWorkflows(sub: Submission, apiDir: string, folder: string): WorkflowCandidate[] {
  const githubDir = folder.split('/')[0];
  const folderPath = joinPath(apiDir, folder);
  const githubPath = joinPath(apiDir, githubDir);
  const found: WorkflowCandidate[] = [];
  for (const file of Object.values(sub.files).sort((a, b) => a.path.localeCompare(b.path))) {
    if (!YAML_FILE.test(file.path)) continue;
    const dir = dirOf(file.path);
    const placement = placementOf(file.path, dir, { apiDir, folderPath, githubPath, githubDir }, file.text);
    if (placement) found.push({ path: file.path, placement, text: file.text });
  }
  const rank = (c: WorkflowCandidate) => (c.placement === 'workflows' ? 0 : 1);
  return found.sort((a, b) => rank(a) - rank(b));
}

function placementOf(
  path: string,
  dir: string,
  at: { apiDir: string; folderPath: string; githubPath: string; githubDir: string },
  text: string | undefined,
): Placement | undefined {
  if (dir === at.folderPath) return 'workflows';
  if (dir.startsWith(`${at.folderPath}/`)) return 'subfolder';
  if (dir === at.githubPath || dir.startsWith(`${at.githubPath}/`)) {
    const lookAlike = /^workflows?$/i.test(dir.slice(dir.lastIndexOf('/') + 1));
    return lookAlike || looksLikeWorkflow(path, text) ? 'misnamed-folder' : undefined;
  }
  if (dir === at.apiDir) return looksLikeWorkflow(path, text) ? 'repo-root' : undefined;
  const outside = at.apiDir !== '' && !path.startsWith(`${at.apiDir}/`);
  if (outside && (dir === at.githubDir || dir.startsWith(`${at.githubDir}/`)) && looksLikeWorkflow(path, text)) {
    return 'outside-api';
  }
  return undefined;
}
