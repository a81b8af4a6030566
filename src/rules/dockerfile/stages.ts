import type { Dockerfile, From, Instruction } from 'dockerfile-ast';

/** One build stage: a FROM and the instructions up to the next FROM. */
export interface Stage {
  index: number;
  from: From;
  /** `AS name`, lower-cased. */
  name?: string;
  /** The base image with the global ARGs substituted. */
  image: ResolvedImage;
  /** Index of the earlier stage this one is built FROM, if any. */
  parent?: number;
  instructions: Instruction[];
}

export interface ResolvedImage {
  written: string;
  resolved: string;
  /** Variables with no value at build time (no default, not defined). */
  unresolved: string[];
}

export function stagesOf(ast: Dockerfile): Stage[] {
  const vars = globalArgs(ast);
  const stages: Stage[] = [];
  for (const instruction of ast.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const from = instruction as From;
      const image = resolveImage(from, vars);
      const ref = image.resolved.toLowerCase();
      const parent = stages.findIndex((s) => s.name !== undefined && s.name === ref);
      stages.push({
        index: stages.length,
        from,
        name: from.getBuildStage()?.toLowerCase() ?? undefined,
        image,
        parent: parent >= 0 ? parent : undefined,
        instructions: [],
      });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return stages;
}

/**
 * Instructions that shape the final image: the last stage's, preceded by
 * those of the earlier stages it is built FROM (their CMD and EXPOSE are
 * inherited).
 */
export function finalImageInstructions(stages: Stage[]): Instruction[] {
  return finalChain(stages).flatMap((s) => s.instructions);
}

/** The last stage and the earlier stages it is built FROM, oldest first. */
export function finalChain(stages: Stage[]): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stages[stages.length - 1]; s; s = s.parent === undefined ? undefined : stages[s.parent]) {
    if (chain.includes(s)) break;
    chain.unshift(s);
  }
  return chain;
}

/** ARGs declared before the first FROM: the only variables FROM may use. */
export function globalArgs(ast: Dockerfile): Map<string, string | null> {
  const vars = new Map<string, string | null>();
  for (const arg of ast.getInitialARGs()) {
    const p = arg.getProperty();
    if (!p) continue;
    const value = p.getValue();
    vars.set(p.getName(), value === null ? null : expandVariables(value, vars).value);
  }
  return vars;
}

function resolveImage(from: From, vars: Map<string, string | null>): ResolvedImage {
  const written = from.getImage() ?? '';
  const { value, unresolved } = expandVariables(written, vars);
  return { written, resolved: value, unresolved };
}

/** `$X`, `${X}`, `${X:-default}`, `${X:+alt}` as BuildKit expands them in FROM. */
export function expandVariables(text: string, vars: Map<string, string | null>): { value: string; unresolved: string[] } {
  const unresolved: string[] = [];
  const value = text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_m, braced: string | undefined, colon: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare ?? '';
      const v = vars.get(name);
      const set = colon ? v !== undefined && v !== null && v !== '' : v !== undefined && v !== null;
      if (op === '-') return set ? (v as string) : (word ?? '');
      if (op === '+') return set ? (word ?? '') : '';
      if (v === undefined || v === null) {
        unresolved.push(name);
        return '';
      }
      return v;
    },
  );
  return { value, unresolved };
}

export interface ImageRef {
  name: string;
  tag?: string;
  digest?: string;
}

/** `registry:5000/name:tag@sha256:…` split into name, tag and digest. */
export function parseImageRef(ref: string): ImageRef {
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  const rest = at >= 0 ? ref.slice(0, at) : ref;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, digest };
}
