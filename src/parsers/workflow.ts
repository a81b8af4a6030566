import { isScalar } from 'yaml';
import type { Position } from '../model/finding.js';
import { githubParserProblems } from './github-parser.js';
import { parseYamlSource, yamlProblems, type YamlSource } from './yaml-source.js';

/**
 * A GitHub Actions workflow file, parsed twice: by the `yaml` library (the
 * document every rule reads, with positions, within the bounds of
 * yaml-source.ts) and, when that finds no error, by GitHub's own workflow
 * parser (`@actions/workflow-parser`, the schema and semantics GitHub
 * applies), which runs in a worker thread under a deadline (github-parser.ts).
 */
export interface WorkflowProblem {
  /** Absent when the parser gives no range. */
  position?: Position;
  message: string;
}

export interface ParsedWorkflow {
  path: string;
  /** Absent when the file has no text (binary or unreadable). */
  src?: YamlSource;
  /** Why the file cannot be read as a workflow at all (binary, empty). */
  unreadable?: string;
  /** YAML syntax errors; when present, the workflow parser is not consulted. */
  yamlProblems: WorkflowProblem[];
  /** What GitHub's workflow parser rejects: unknown keys, bad expressions, unknown needs, ... */
  workflowProblems: WorkflowProblem[];
}

/** `whyNoText`: the reason intake gives for a file without text (SubmissionFile.unreadable). */
export function parseWorkflowFile(path: string, text: string | undefined, whyNoText?: string): ParsedWorkflow {
  if (text === undefined) {
    return { path, unreadable: whyNoText ?? 'is not a text file', yamlProblems: [], workflowProblems: [] };
  }
  const src = parseYamlSource(path, text);
  if (text.trim() === '' || isOnlyComments(src)) {
    return { path, src, unreadable: 'is empty', yamlProblems: [], workflowProblems: [] };
  }
  const yaml = yamlProblems(src);
  return { path, src, yamlProblems: yaml, workflowProblems: yaml.length > 0 ? [] : githubParserProblems(path, text) };
}

/** Nothing but comments, document markers or an empty scalar. */
function isOnlyComments(src: YamlSource): boolean {
  const c = src.doc.contents;
  return src.doc.errors.length === 0 && (c === null || c === undefined || (isScalar(c) && (c.value === null || c.value === '')));
}
