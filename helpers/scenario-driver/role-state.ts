import type { RoleState } from '../../src/scenario/driver.js';
import { need, type ProbeContext } from '../probes/context.js';
import type { Role, RuntimeInfo } from '../stack/runtime-info.js';
import type { StackPart } from './parts.js';

/**
 * Whether a bound part can be checked, decided as the probes decide it
 * (`need`): not ready is `down`, with need()'s reason and the criterion that
 * reports why (the boot's, the build's, or the refusal's). `absent` is the
 * binding's to say, never this.
 */
export function roleState(runtime: RuntimeInfo, part: StackPart | undefined): RoleState {
  if (part?.ready) return { state: 'ready' };
  // need() reads parts under a component's key; only its reason is kept, not the part's name.
  const key: Role = 'api';
  const ctx = { runtime: { ...runtime, components: part ? { [key]: { ...part, role: key } } : {} } } as ProbeContext;
  const r = need(ctx, '', [key]);
  if (r.ok) return { state: 'ready' };
  const message = r.findings[0].message;
  const m = /\((.*); see (RC-[A-Z]+\d+)\)$/s.exec(message);
  return m ? { state: 'down', reason: m[1], see: m[2] } : { state: 'down', reason: message, see: 'RC-RT002' };
}
