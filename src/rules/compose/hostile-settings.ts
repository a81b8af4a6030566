import { defineRule } from '../rule.js';
import { HOSTILE_RULE_ID, hostileSettings } from './hostile.js';
import type { ComposeInput } from './input.js';
import { needsComposeData } from './requires.js';

export const noHostileSettings = defineRule<ComposeInput>({
  id: HOSTILE_RULE_ID,
  name: 'compose/host-safety',
  title: 'No privileged or host-reaching settings',
  severity: 'error',
  docs:
    'No service may reach into the machine it runs on, and no setting may make Docker read from it: no ' +
    'privileged: true, cap_add, devices, host namespaces (network_mode, pid, ipc, userns_mode, cgroup or uts: ' +
    'host), security_opt that disables confinement, no other container outside the stack (container:..., ' +
    'volumes_from, external_links), no build on the host network, privileged or with the SSH agent; no mount ' +
    'of /, of the Docker socket or of a host path outside the project; and every path (build context, ' +
    'dockerfile, additional_contexts, ssh keys, env_file, secret and config files, include, extends.file) ' +
    'inside the project, after ${VAR} is substituted from the .env beside the compose file, never through a ' +
    'link that leads out. Included and extended files are checked the same way. Bind mounts of project ' +
    'folders (./rock-of-ages-api:/app) are fine.',
  requires: needsComposeData,
  check: (input) => hostileSettings(input),
});
