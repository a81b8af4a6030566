import { DockerfileParser } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { imagePaths } from './image-paths.js';
import { stagesOf } from './stages.js';

const files = new Set(['start.sh', 'scripts/entrypoint.sh', 'requirements.txt']);
const pathsOf = (dockerfile: string) => imagePaths(stagesOf(DockerfileParser.parse(dockerfile)), (p) => files.has(p));

describe('imagePaths', () => {
  it('follows WORKDIR and a COPY of the whole context', () => {
    const paths = pathsOf('FROM python:3.11\nWORKDIR /app\nCOPY . /app/\n');
    expect(paths.workdir).toBe('/app');
    expect(paths.contextPathOf('./start.sh')).toBe('start.sh');
    expect(paths.contextPathOf('/app/scripts/entrypoint.sh')).toBe('scripts/entrypoint.sh');
    expect(paths.contextPathOf('/usr/local/bin/start.sh')).toBeUndefined();
  });

  it('follows a file copied into a folder, onto a path, into the working directory, and a folder copied', () => {
    expect(pathsOf('FROM python:3.11\nWORKDIR /srv\nCOPY scripts/entrypoint.sh /usr/local/bin/\n').contextPathOf('/usr/local/bin/entrypoint.sh')).toBe('scripts/entrypoint.sh');
    expect(pathsOf('FROM python:3.11\nCOPY start.sh /run-me.sh\n').contextPathOf('/run-me.sh')).toBe('start.sh');
    expect(pathsOf('FROM python:3.11\nWORKDIR /app\nCOPY start.sh .\n').contextPathOf('./start.sh')).toBe('start.sh');
    expect(pathsOf('FROM python:3.11\nWORKDIR /app\nCOPY scripts/ ./bin/\n').contextPathOf('bin/entrypoint.sh')).toBe('scripts/entrypoint.sh');
  });

  it('does not follow what it cannot know: nothing copied, copies from another stage, variables', () => {
    expect(pathsOf('FROM python:3.11\nWORKDIR /app\nCOPY requirements.txt /app/\n').contextPathOf('./start.sh')).toBeUndefined();
    expect(pathsOf('FROM python:3.11 AS b\nFROM python:3.11\nWORKDIR /app\nCOPY --from=b /app /app\n').contextPathOf('./start.sh')).toBeUndefined();
    expect(pathsOf('FROM python:3.11\nWORKDIR $HOME\nCOPY . .\n').contextPathOf('./start.sh')).toBeUndefined();
    expect(pathsOf('FROM python:3.11\nWORKDIR /app\nCOPY . .\n').contextPathOf('$APP/start.sh')).toBeUndefined();
  });
});
