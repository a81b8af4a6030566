import type { Observation } from './observation.js';

/** A failed step, as a finding shows it: one line, what to change, and the detail of the exchange. */
export interface StepFailure {
  message: string;
  hint?: string;
  detail: string[];
}

/**
 * `<what was sent> <what came back>; <what was expected>`, e.g.
 * `GET /rocks answered 403 {"detail":"…"}; expected status 401`. Every
 * quoted part is already bounded, redacted and escaped by the step kind.
 */
export function failureLine(obs: Observation, unmet: string[]): string {
  const more = unmet.length > 1 ? ` (and ${unmet.length - 1} more)` : '';
  if (obs.failure) return `${obs.sent.line}: ${obs.failure.line}`;
  if (obs.unmet && obs.unmet.length > 0 && unmet[0] === obs.unmet[0]) return `${unmet[0]}${more}`;
  return `${obs.sent.line} ${obs.got}; ${unmet[0]}${more}`;
}

export function failureDetail(obs: Observation, unmet: string[]): string[] {
  return [`sent ${obs.sent.line}`, ...obs.sent.detail, ...obs.gotDetail, ...unmet.map((u) => `unmet: ${u}`)];
}
