import type { YamlSource } from '../../parsers/yaml-source.js';
import type { WorkflowFile } from './model.js';
import { rootMap } from './workflow-ast.js';

/**
 * The YAML document of a workflow that parsed cleanly into a mapping, or undefined. Rules
 * other than RC-WF002 judge only these: a broken file gets one clear syntax
 * finding rather than guesses about its content.
 */
export function readableSource(wf: WorkflowFile): YamlSource | undefined {
  const p = wf.parsed;
  return p.unreadable || p.yamlProblems.length > 0 || !rootMap(p.src) ? undefined : p.src;
}
