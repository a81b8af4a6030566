import type Dockerode from 'dockerode';

/**
 * An in-memory stand-in for the few Docker API calls cleanAll makes, for
 * tests that must not touch the engine (or another test's objects).
 */
export interface FakeObject {
  kind: 'container' | 'network' | 'volume' | 'image';
  id: string;
  labels: Record<string, string>;
}

export function fakeDocker(objects: FakeObject[]): { docker: Dockerode; removed: string[]; filtersSeen: string[] } {
  const removed: string[] = [];
  const filtersSeen: string[] = [];
  const matching = (kind: FakeObject['kind'], filters: string) => {
    filtersSeen.push(filters);
    const wanted = (JSON.parse(filters).label as string[]).map((l) => l.split('='));
    return objects.filter((o) => o.kind === kind && !removed.includes(o.id) && wanted.every(([k, v]) => o.labels[k] === v));
  };
  const remover = (id: string) => ({ remove: async () => void removed.push(id) });
  const docker = {
    listContainers: async ({ filters }: { filters: string }) => matching('container', filters).map((o) => ({ Id: o.id, Names: [`/${o.id}`] })),
    listNetworks: async ({ filters }: { filters: string }) => matching('network', filters).map((o) => ({ Id: o.id, Name: o.id })),
    listVolumes: async ({ filters }: { filters: string }) => ({ Volumes: matching('volume', filters).map((o) => ({ Name: o.id })) }),
    listImages: async ({ filters }: { filters: string }) => matching('image', filters).map((o) => ({ Id: o.id, RepoTags: [`${o.id}:latest`] })),
    getContainer: remover,
    getNetwork: remover,
    getVolume: remover,
    getImage: remover,
  };
  return { docker: docker as unknown as Dockerode, removed, filtersSeen };
}
