import type { RoleState } from '../../src/scenario/driver.js';
import { whyNotRunning } from '../probes/context.js';
import type { Role, RuntimeInfo } from '../stack/runtime-info.js';
import type { StackPart } from './parts.js';

/**
 * Whether a bound part can be checked, decided as the probes decide it
 * (`need`): not ready is `down`, with the probes' reason and the criterion
 * that reports why (the boot's, the build's, or the refusal's). `absent` is
 * the binding's to say, never this.
 */
export function roleState(runtime: RuntimeInfo, part: StackPart | undefined): RoleState {
  if (part?.ready) return { state: 'ready' };
  // the probes read parts under a component's key; only the reason is kept, not the part's name.
  const key: Role = 'api';
  const { reason, see } = whyNotRunning({ ...runtime, components: part ? { [key]: { ...part, role: key } } : {} }, [key]);
  return { state: 'down', reason, see };
}
