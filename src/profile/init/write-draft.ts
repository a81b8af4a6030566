import { Document, isMap, isSeq, Scalar, visit, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Criterion, RoleSpec, RuntimeLimits } from '../profile.js';
import type { Step } from '../../scenario/types.js';

/** A draft as profile init has decided it, with the comments it gives the instructor. */
export interface DraftProfile {
  id: string;
  name: string;
  roles: Record<string, RoleSpec>;
  runtime: RuntimeLimits;
  criteria: { criterion: Criterion; note?: string; scenario?: { phase: string; steps: Step[] } }[];
  phases: string[];
  comments: {
    /** Lines above everything, after the schema line. */
    head: string[];
    stack: string[];
    criteria: string[];
    /** Lines after the criteria: those left out, and why. */
    criteriaEnd: string[];
    scenario: string[];
  };
}

const stepBodies = new Set(['http', 'sql', 'redis', 'exec', 'inspect', 'connect', 'isolation', 'recreate', 'restart', 'expect', 'retry', 'capture']);
/** Strings a YAML 1.1 reader takes for something else. */
const ambiguous = /^(y|yes|n|no|on|off|true|false|null|~)$/i;

/** The draft as YAML: the schema line first, comments where the instructor has something to add. */
export function draftYaml(d: DraftProfile, schemaRef: string): string {
  const scenarioCriteria = Object.fromEntries(d.criteria.filter((c) => c.scenario).map((c) => [c.criterion.id, c.scenario!]));
  const data = {
    id: d.id,
    name: d.name,
    version: 2,
    stack: { layouts: ['compose'], roles: d.roles },
    runtime: d.runtime,
    criteria: d.criteria.map((c) => c.criterion),
    ...(Object.keys(scenarioCriteria).length > 0 ? { scenario: { phases: d.phases, criteria: scenarioCriteria } } : {}),
  };
  const doc = new Document(data);
  doc.commentBefore = lines([`yaml-language-server: $schema=${schemaRef}`, ...d.comments.head]);
  const top = doc.contents as YAMLMap;
  for (const pair of top.items) {
    const key = pair.key as Scalar;
    if (['stack', 'runtime', 'criteria', 'scenario'].includes(String(key.value))) key.spaceBefore = true;
    const said = ({ stack: d.comments.stack, criteria: d.comments.criteria, scenario: d.comments.scenario } as Record<string, string[]>)[String(key.value)];
    if (said && said.length > 0) key.commentBefore = lines(said);
  }
  (doc.getIn(['stack', 'layouts'], true) as YAMLSeq).flow = true;
  const phaseList = doc.getIn(['scenario', 'phases'], true) as YAMLSeq | undefined;
  if (phaseList) phaseList.flow = true;
  for (const role of Object.keys(d.roles)) {
    const node = doc.getIn(['stack', 'roles', role], true) as YAMLMap;
    for (const pair of node.items) if (isMap(pair.value) || isSeq(pair.value)) pair.value.flow = true;
  }
  const criteria = doc.get('criteria', true) as YAMLSeq;
  criteria.items.forEach((item, i) => {
    (item as YAMLMap).flow = true;
    const note = d.criteria[i].note;
    if (note) (item as YAMLMap).commentBefore = lines([note]);
  });
  if (d.comments.criteriaEnd.length > 0) criteria.comment = lines(d.comments.criteriaEnd);
  const steps = doc.getIn(['scenario', 'criteria'], true) as YAMLMap | undefined;
  for (const pair of steps?.items ?? []) {
    const list = (pair.value as YAMLMap).get('steps', true) as unknown as YAMLSeq;
    for (const step of list.items as YAMLMap[]) {
      for (const p of step.items) if (stepBodies.has(String((p.key as Scalar).value)) && (isMap(p.value) || isSeq(p.value))) p.value.flow = true;
    }
  }
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && ambiguous.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

/** Comment lines as the yaml package writes them: each after `#` and a space. */
function lines(text: string[]): string {
  return text.map((l) => (l === '' ? '' : ` ${l}`)).join('\n');
}
