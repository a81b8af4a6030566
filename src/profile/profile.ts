/** The rubric as data: what the profile YAML holds, typed. Schema: schemas/profile.schema.json. */
export type Level = 'required' | 'advice';
/** The profile's own grouping; `runtime` criteria need the running stack and are skipped by --static. */
export type Area = string;

export interface Criterion {
  /** The profile's own ID, e.g. RC-DF001 or FH-RT002: uppercase letters, digits and dashes. */
  id: string;
  area: Area;
  level: Level;
  points: number;
  title: string;
  /**
   * The check this criterion runs, by its stable name: a static rule
   * (`dockerfile/present-and-parseable`, `role/published-ports`), a built-in
   * runtime probe (`runtime/stack-ready`, `rock-of-ages/seeded-row-counts`),
   * or `scenario` (its steps are `scenario.criteria[id]`).
   */
  check: string;
  /** The check's parameters, as its docs list them. */
  params?: Record<string, unknown>;
  /** Layouts the criterion applies to (default: every layout); in another it is not applicable. */
  layouts?: StackLayout[];
}

/** With a compose file, or without one (the stack booted from the profile's plan, as the assignment's docker run commands do). */
export type StackLayout = 'compose' | 'run';

/** How a role is recognised in a submission: by what it is, then by name. */
export interface RoleMatch {
  /** Image repository without registry or tag (`postgres`, `redis`). */
  image?: string;
  /** Files whose presence marks the role's build folder (`manage.py`, `app.py`). */
  markers?: string[];
  /** Folder names that mark it when no marker is found. */
  folders?: string[];
  /** Compose service names accepted for it, tried after image and markers. */
  names?: string[];
}

/** How readiness of a role is awaited once its container runs. */
export type ReadySpec =
  | { http: { path: string } }
  | { tcp: Record<string, never> }
  | { exec: string[] }
  | { postgres: Record<string, never> };

export interface RoleSpec {
  match: RoleMatch;
  /** The container port grading reaches (HTTP, SQL, TCP). */
  port?: number;
  ready?: ReadySpec;
  /** A submission may legitimately lack it: its criteria are then not applicable. */
  optional?: boolean;
  /** Without a compose file: how the grader starts it (an image to run), else it is built from its folder. */
  run?: { image: string; command?: string[]; env?: Record<string, string> };
  /** Network names it answers to without a compose file (default: the role's name). */
  aliases?: string[];
}

export interface StackSpec {
  /** In declaration order: a service taken by one role is not matched again. */
  roles: Record<string, RoleSpec>;
  /** Layouts the assignment accepts. */
  layouts: StackLayout[];
  /** A boot plan written in code, named (Rock of Ages' course network); else the roles' `run`/build plan. */
  builtinPlan?: string;
}

export interface RuntimeLimits {
  buildTimeoutSeconds: number;
  bootTimeoutSeconds: number;
  httpTimeoutSeconds: number;
  memoryMb: number;
  cpus: number;
  pids: number;
  /** Small image with nslookup, run outside the stack's network to prove isolation. */
  probeImage: string;
}

/** What every profile holds, whatever its assignment. */
export interface BaseProfile {
  id: string;
  name: string;
  version: number;
  stack: StackSpec;
  runtime: RuntimeLimits;
  criteria: Criterion[];
  /** Runtime steps of the `scenario` criteria (src/scenario); roles default to the stack's. */
  scenario?: unknown;
}

/** An assignment graded from roles, rule packs and scenarios alone. */
export interface RoleProfile extends BaseProfile {
  kind: 'roles';
}

export interface ComponentExpectation {
  folderNames: string[];
  markers: string[];
  port: number;
  serviceNames: string[];
}

/**
 * Rock of Ages: roles plus the parameters of its course packs (Django
 * settings, env files, the seed script and its rows, the routes, the SSM
 * deploy), as `profiles/rock-of-ages.yaml` gives them under `packs:`.
 */
export interface Profile extends BaseProfile {
  kind: 'course';
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
}

/** Any profile: Rock of Ages' course profile, or one graded from roles alone. */
export type AnyProfile = Profile | RoleProfile;

export function isCourseProfile(p: AnyProfile): p is Profile {
  return p.kind === 'course';
}

/** The criterion that runs a check, when the profile grades it. */
export function criterionFor(profile: BaseProfile, check: string): Criterion | undefined {
  return profile.criteria.find((c) => c.check === check);
}
