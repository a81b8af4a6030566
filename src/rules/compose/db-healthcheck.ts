import { isMapping, isTrue, type Service } from './service-data.js';

/**
 * What keeps a service's healthcheck from running: none at all, one turned off
 * (`disable: true`, or a test of NONE), or one with no test command. Either
 * way the container has no health status to wait for.
 */
export type HealthcheckGap = 'missing' | 'disabled' | 'no-test';

export function healthcheckGap(service: Service): HealthcheckGap | undefined {
  const hc = service.healthcheck;
  if (!isMapping(hc)) return 'missing';
  if (isTrue(hc.disable) || (Array.isArray(hc.test) && hc.test[0] === 'NONE')) return 'disabled';
  return hasTest(hc.test) ? undefined : 'no-test';
}

/** A test that runs something: a non-empty string, or a list whose first word is not NONE and that has a command. */
function hasTest(test: unknown): boolean {
  if (typeof test === 'string') return test.trim() !== '';
  if (!Array.isArray(test) || test.length === 0 || test[0] === 'NONE') return false;
  return test.some((t, i) => i > 0 && typeof t === 'string' && t.trim() !== '');
}
