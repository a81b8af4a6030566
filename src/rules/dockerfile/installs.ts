import { basename } from './command.js';

/** A command that installs dependencies listed in a manifest file. */
export interface ManifestInstall {
  /** The command as written, shortened, e.g. `pipenv install`. */
  display: string;
  /** What to copy before it, as a COPY source, e.g. `Pipfile*`. */
  manifests: string;
}

export function manifestInstall(argv: string[]): ManifestInstall | undefined {
  const tool = basename(argv[0] ?? '');
  const sub = argv[1];
  const operands = argv.slice(2).filter((a) => !a.startsWith('-'));
  if (tool === 'pipenv' && (sub === 'install' || sub === 'sync')) return { display: `pipenv ${sub}`, manifests: 'Pipfile*' };
  const pip = pipInstallArgs(argv);
  if (pip) {
    const req = requirementFiles(pip);
    return req.length > 0 ? { display: `pip install -r ${req[0]}`, manifests: req.join(' ') } : undefined;
  }
  if (tool === 'npm' && ['install', 'i', 'ci'].includes(sub ?? '') && operands.length === 0) {
    return { display: `npm ${sub}`, manifests: 'package*.json' };
  }
  if (tool === 'yarn' && (sub === undefined || sub === 'install' || sub.startsWith('-'))) {
    return { display: 'yarn install', manifests: 'package.json yarn.lock' };
  }
  if (tool === 'pnpm' && (sub === 'install' || sub === 'i') && operands.length === 0) {
    return { display: 'pnpm install', manifests: 'package.json pnpm-lock.yaml' };
  }
  if (tool === 'poetry' && sub === 'install') return { display: 'poetry install', manifests: 'pyproject.toml poetry.lock' };
  if (tool === 'uv' && sub === 'sync') return { display: 'uv sync', manifests: 'pyproject.toml uv.lock' };
  return undefined;
}

/** Arguments after `install` of `pip install`, `pip3 install`, `python -m pip install`. */
function pipInstallArgs(argv: string[]): string[] | undefined {
  const tool = basename(argv[0] ?? '');
  if (/^pip3?(\.\d+)?$/.test(tool) && argv[1] === 'install') return argv.slice(2);
  const m = argv.indexOf('-m');
  if (/^python/.test(tool) && m > 0 && argv[m + 1] === 'pip' && argv[m + 2] === 'install') return argv.slice(m + 3);
  return undefined;
}

function requirementFiles(args: string[]): string[] {
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if ((args[i] === '-r' || args[i] === '--requirement') && i + 1 < args.length) files.push(args[++i]);
    else if (args[i].startsWith('--requirement=')) files.push(args[i].slice('--requirement='.length));
    else if (args[i].startsWith('-r') && args[i].length > 2) files.push(args[i].slice(2));
  }
  return files;
}
