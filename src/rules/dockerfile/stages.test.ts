import { DockerfileParser } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { expandVariables, finalImageInstructions, globalArgs, parseImageRef, stagesOf } from './stages.js';

describe('expandVariables', () => {
  const vars = new Map<string, string | null>([
    ['PY', '3.11'],
    ['NONE', null],
    ['EMPTY', ''],
  ]);
  it('substitutes $X and ${X}, with defaults and alternatives', () => {
    expect(expandVariables('python:${PY}-slim', vars)).toEqual({ value: 'python:3.11-slim', unresolved: [] });
    expect(expandVariables('python:$PY', vars).value).toBe('python:3.11');
    expect(expandVariables('python:${NONE:-3.12}', vars).value).toBe('python:3.12');
    expect(expandVariables('python:${EMPTY:-3.12}', vars).value).toBe('python:3.12');
    expect(expandVariables('python:${EMPTY-3.12}', vars).value).toBe('python:');
    expect(expandVariables('x${PY:+-set}', vars).value).toBe('x-set');
  });
  it('lists variables that have no value', () => {
    expect(expandVariables('node:${NONE}-${MISSING}', vars)).toEqual({ value: 'node:-', unresolved: ['NONE', 'MISSING'] });
  });
});

describe('parseImageRef', () => {
  it('splits registry, name, tag and digest', () => {
    expect(parseImageRef('python:3.11-slim')).toEqual({ name: 'python', tag: '3.11-slim', digest: undefined });
    expect(parseImageRef('localhost:5000/team/api')).toEqual({ name: 'localhost:5000/team/api', digest: undefined });
    expect(parseImageRef('python@sha256:abc')).toEqual({ name: 'python', digest: 'sha256:abc' });
  });
});

describe('stagesOf', () => {
  const ast = DockerfileParser.parse(
    ['ARG PY=3.11', 'ARG TAG=${PY}-slim', 'FROM python:${TAG} AS Base', 'EXPOSE 8000', 'FROM node:18 AS assets', 'RUN x', 'FROM base', 'CMD y'].join('\n'),
  );
  const stages = stagesOf(ast);
  it('resolves global ARGs in order', () => {
    expect(globalArgs(ast).get('TAG')).toBe('3.11-slim');
    expect(stages[0].image).toEqual({ written: 'python:${TAG}', resolved: 'python:3.11-slim', unresolved: [] });
  });
  it('links a stage to the earlier stage it is built FROM, by case-insensitive name', () => {
    expect(stages.map((s) => [s.name, s.parent])).toEqual([
      ['base', undefined],
      ['assets', undefined],
      [undefined, 0],
    ]);
  });
  it('gives the final image the instructions it inherits', () => {
    expect(finalImageInstructions(stages).map((i) => i.getKeyword())).toEqual(['EXPOSE', 'CMD']);
  });
});
