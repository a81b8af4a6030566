/** The rubric as data: what the profile YAML holds, typed. Schema: schemas/profile.schema.json. */
export type Level = 'required' | 'advice';
export type Area = 'dockerfile' | 'compose' | 'workflows' | 'config' | 'runtime';

export interface Criterion {
  id: string;
  area: Area;
  level: Level;
  points: number;
  title: string;
}

export interface ComponentExpectation {
  folderNames: string[];
  markers: string[];
  port: number;
  serviceNames: string[];
}

export interface Profile {
  id: string;
  name: string;
  version: number;
  components: { api: ComponentExpectation; client: ComponentExpectation };
  database: {
    image: string;
    /** Tag of the database image rock-check starts when the submission has no compose file. */
    imageTag: string;
    serviceNames: string[];
    alias: string;
    port: number;
    dataDir: string;
    name: string;
    user: string;
    password: string;
    /** Variables the database image needs (the official postgres image's names). */
    envKeys: string[];
  };
  env: {
    dbKeys: string[];
    hostKey: string;
    passwordKey: string;
    localFiles: string[];
    exampleFile: string;
    sslmodeKey: string;
  };
  settings: { path: string; engine: string; keys: Record<string, string> };
  drivers: string[];
  seed: { script: string; fixturesDir: string; loads: string[] };
  tables: { table: string; fixture: string; model: string; count: number }[];
  content: {
    types: string[];
    users: { id: number; username: string; firstName: string; lastName: string; token: string }[];
    rocks: { name: string; weight: string; owner: number; type: string }[];
  };
  routes: {
    rocks: string;
    types: string;
    register: string;
    login: string;
    ownerFilters: string[];
    createTypeKeys: string[];
  };
  workflows: { folder: string; dbFromSecrets: boolean; deployFiles: string[]; buildFiles: string[] };
  runtime: {
    buildTimeoutSeconds: number;
    bootTimeoutSeconds: number;
    httpTimeoutSeconds: number;
    memoryMb: number;
    cpus: number;
    pids: number;
    /** Small image with nslookup, run outside the stack's network to prove isolation. */
    probeImage: string;
  };
  criteria: Criterion[];
}
