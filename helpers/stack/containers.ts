import '../../src/grade/reaper-off.js';
import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { GenericContainer, StartedNetwork, getContainerRuntimeClient } from 'testcontainers';
import { limitedHostConfig, type Limits } from './limits.js';

/** A GenericContainer that accepts the grading limits (memory, CPU, processes, bounded logs). */
export class LimitedContainer extends GenericContainer {
  withLimits(limits: Limits): this {
    Object.assign(this.hostConfig, limitedHostConfig(limits));
    return this;
  }
}

export class LimitedPostgreSqlContainer extends PostgreSqlContainer {
  withLimits(limits: Limits): this {
    Object.assign(this.hostConfig, limitedHostConfig(limits));
    return this;
  }
}

/**
 * A user-defined bridge network carrying the given labels. Testcontainers'
 * `new Network()` cannot label, so the network is created through the same
 * runtime client and wrapped in its StartedNetwork.
 */
export async function startLabelledNetwork(name: string, labels: Record<string, string>): Promise<StartedNetwork> {
  const client = await getContainerRuntimeClient();
  const network = await client.network.create({ Name: name, Driver: 'bridge', CheckDuplicate: true, Labels: labels });
  return new StartedNetwork(client, name, network);
}
