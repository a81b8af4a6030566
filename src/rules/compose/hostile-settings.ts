import { defineRule } from '../rule.js';
import { HOSTILE_RULE_ID, hostileSettings } from './hostile.js';
import type { ComposeInput } from './input.js';
import { needsComposeData } from './requires.js';

export const noHostileSettings = defineRule<ComposeInput>({
  id: HOSTILE_RULE_ID,
  title: 'No privileged or host-reaching settings',
  severity: 'error',
  docs:
    'No service may reach into the machine it runs on: no privileged: true, cap_add, devices, host ' +
    'namespaces (network_mode, pid, ipc or userns_mode: host), security_opt that disables confinement, and no ' +
    'mount of /, of the Docker socket or of a host path outside the project. Bind mounts of project folders ' +
    '(./rock-of-ages-api:/app) are fine.',
  requires: needsComposeData,
  check: hostileSettings,
});
