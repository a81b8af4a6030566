export { cleanAll, CleanupError, type CleanOptions } from './clean-all.js';
export { cleanupRegistry, CleanupRegistry, type RunCleanup } from './registry.js';
export { dockerClient } from './docker-client.js';
export { LABEL, RUN_LABEL, labelFilter, runLabels, isValidRunId } from './labels.js';
