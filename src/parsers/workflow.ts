import {
  convertWorkflowTemplate,
  NoOperationTraceWriter,
  parseWorkflow,
  type TemplateParseResult,
} from '@actions/workflow-parser';
import { isScalar } from 'yaml';
import type { Position } from '../model/finding.js';
import { parseYamlSource, yamlProblems, type YamlSource } from './yaml-source.js';

/**
 * A GitHub Actions workflow file, parsed twice: by the `yaml` library (the
 * document every rule reads, with positions) and by GitHub's own workflow
 * parser (`@actions/workflow-parser`, the schema and semantics GitHub
 * applies). This module is the only one that knows the latter.
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
  return { path, src, yamlProblems: yaml, workflowProblems: yaml.length > 0 ? [] : githubProblems(path, text) };
}

/** Nothing but comments, document markers or an empty scalar. */
function isOnlyComments(src: YamlSource): boolean {
  const c = src.doc.contents;
  return src.doc.errors.length === 0 && (c === null || c === undefined || (isScalar(c) && (c.value === null || c.value === '')));
}

/**
 * Schema errors of `parseWorkflow`, then the semantic errors of
 * `convertWorkflowTemplate` (unknown `needs`, dependency cycles, bad cron...).
 * The converter is async only to fetch reusable workflows; with a fetch depth
 * of 0 it records every error on the context before it first awaits, so the
 * errors are complete when the call returns.
 */
function githubProblems(path: string, text: string): WorkflowProblem[] {
  let parsed: TemplateParseResult;
  try {
    parsed = parseWorkflow({ name: path, content: text }, new NoOperationTraceWriter());
    if (parsed.value) {
      convertWorkflowTemplate(parsed.context, parsed.value, undefined, { fetchReusableWorkflowDepth: 0 }).catch(
        () => undefined,
      );
    }
  } catch (err) {
    return [{ message: `the workflow parser stopped: ${err instanceof Error ? err.message : String(err)}` }];
  }
  const seen = new Set<string>();
  const out: WorkflowProblem[] = [];
  for (const e of parsed.context.errors.getErrors()) {
    const position = e.range ? { line: e.range.start.line, column: e.range.start.column } : undefined;
    const key = `${position?.line}:${position?.column}:${e.rawMessage}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ position, message: e.rawMessage });
  }
  return out;
}
