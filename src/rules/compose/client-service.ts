import { defineRule } from '../rule.js';
import { locate, reporter, type ComposeInput } from './input.js';
import { needsComposeData } from './requires.js';

const report = reporter('RC-CO006', 'error');

export const clientService = defineRule<ComposeInput>({
  id: 'RC-CO006',
  name: 'rock-of-ages/client-service',
  title: 'Client service defined',
  severity: 'error',
  docs:
    'The compose file starts the whole stack: besides the database and the api it defines a service for the ' +
    'React client, built from the client folder (the one holding package.json) and published on its port. ' +
    'Not required of a compose file inside the api repository when no client is part of the submission.',
  notApplicable: (input) => (input.expectClient ? undefined : "the api repository's own compose file need not start the client"),
  requires: needsComposeData,
  check(input) {
    if (!input.usable || !input.expectClient || input.roles.client !== undefined) return [];
    const c = input.profile.components.client;
    const folder = `./${c.folderNames[0]}`;
    const message = `no client service: the compose file does not start the React client; add a service that builds ${folder}`;
    const hint = `the client service builds the folder holding ${c.markers.join(' or ')}, e.g. ${c.serviceNames[0]}: {build: ${folder}, ports: ["${c.port}:${c.port}"]}`;
    return [report(locate(input, ['services'], true), message, hint)];
  },
});
