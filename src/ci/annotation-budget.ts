import { annotations, type Annotation } from '../report/formats/github.js';
import type { Report } from '../report/report.js';

/** GitHub shows at most this many error and this many warning annotations per step. */
export const ANNOTATIONS_PER_KIND = 10;

export interface AnnotationSelection {
  shown: Annotation[];
  total: { error: number; warning: number };
  hidden: { error: number; warning: number };
}

/**
 * The annotations GitHub will show, the most important first: for each kind,
 * criteria by points (then profile order), taking every failed criterion's
 * first finding before any criterion's second, so each gets its file and line.
 * The advice of passing criteria (warnings) takes only the room the failed
 * criteria's warnings leave, shared out in the same way.
 */
export function selectAnnotations(report: Report, perKind = ANNOTATIONS_PER_KIND): AnnotationSelection {
  const all = annotations(report);
  const order = new Map(report.criteria.map((c, i) => [c.id, i]));
  const shown: Annotation[] = [];
  const total = { error: 0, warning: 0 };
  const hidden = { error: 0, warning: 0 };
  for (const kind of ['error', 'warning'] as const) {
    const ofKind = all.filter((a) => a.kind === kind);
    total[kind] = ofKind.length;
    const byCriterion = new Map<string, Annotation[]>();
    for (const a of ofKind) byCriterion.set(a.criterion.id, [...(byCriterion.get(a.criterion.id) ?? []), a]);
    const queues = [...byCriterion.values()].sort(
      (a, b) => b[0].criterion.points - a[0].criterion.points || order.get(a[0].criterion.id)! - order.get(b[0].criterion.id)!,
    );
    // Advice on a passing criterion costs nothing: it takes what the failures leave.
    const picked: Annotation[] = [];
    for (const advice of [false, true]) {
      const part = queues.filter((q) => (q[0].criterion.status === 'pass') === advice);
      for (let round = 0; picked.length < perKind && part.some((q) => q.length > round); round++) {
        for (const q of part) if (q.length > round && picked.length < perKind) picked.push(q[round]);
      }
    }
    shown.push(...picked);
    hidden[kind] = ofKind.length - picked.length;
  }
  return { shown, total, hidden };
}
