import type Dockerode from 'dockerode';
import { getContainerRuntimeClient } from 'testcontainers';

/**
 * The Docker API client Testcontainers resolved (DOCKER_HOST, Docker
 * contexts, ~/.testcontainers.properties), so that rock-check's own calls
 * reach the same engine as the containers it starts.
 */
export async function dockerClient(): Promise<Dockerode> {
  return (await getContainerRuntimeClient()).container.dockerode;
}
