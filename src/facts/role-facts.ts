import type { Dockerfile } from 'dockerfile-ast';
import type { Submission } from '../model/submission.js';
import type { RoleProfile, StackLayout } from '../profile/profile.js';
import type { ComposeInput } from '../rules/compose/input.js';
import type { Stage } from '../rules/dockerfile/stages.js';

/**
 * A submission read once for a profile graded from roles: which compose
 * service and which folder play each role. The static checks, the boot and
 * the report read these facts; none of them finds a role again.
 */
export interface RoleFacts {
  /** `compose` when the submission has a compose file, else `run` (the profile's boot plan). */
  layout: StackLayout;
  /** The compose file, parsed once (absent in the `run` layout). */
  compose?: ComposeInput<RoleProfile>;
  roles: Record<string, RoleFact>;
  submission: Submission;
}

export interface RoleFact {
  role: string;
  /** The compose service that plays it (compose layout), when one does. */
  service?: string;
  /** How the service was recognised: its image, its build folder's marker file, or its name. */
  foundBy?: 'image' | 'marker' | 'name';
  /** Folder it is built from, relative to the submission root ('' for the root), when it is built. */
  folder?: string;
  /** The Dockerfile of a built role, read and parsed once. */
  dockerfile?: DockerfileFact;
}

export interface DockerfileFact {
  /** Relative to the submission root. */
  path: string;
  /** How messages name it. */
  shown: string;
  text?: string;
  ast?: Dockerfile;
  /** Its build stages (FROM and what follows), when it parsed. */
  stages?: Stage[];
  /** Why it cannot be read: missing, not text, empty. */
  problem?: string;
}

export { roleFacts } from './read-role-facts.js';
