import { DockerfileParser } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { isWholeContext, transferOf } from './copies.js';

const instruction = (line: string) => DockerfileParser.parse(`FROM x\n${line}\n`).getInstructions()[1];

describe('transferOf', () => {
  it('reads sources and destination without flags, in shell and JSON form', () => {
    expect(transferOf(instruction('COPY --chown=app:app Pipfile Pipfile.lock /app/'))).toEqual({
      keyword: 'COPY',
      sources: ['Pipfile', 'Pipfile.lock'],
      dest: '/app/',
      fromImage: false,
    });
    expect(transferOf(instruction('ADD ["my dir", "/app/"]'))).toMatchObject({ keyword: 'ADD', sources: ['my dir'], dest: '/app/' });
    expect(transferOf(instruction('COPY --from=build /app/dist /srv'))?.fromImage).toBe(true);
  });
  it('ignores other instructions and incomplete copies', () => {
    expect(transferOf(instruction('RUN cp a b'))).toBeUndefined();
    expect(transferOf(instruction('COPY onlyone'))).toBeUndefined();
  });
});

describe('isWholeContext', () => {
  it('means the whole build context', () => {
    expect(['.', './', '*', './*'].every(isWholeContext)).toBe(true);
    expect(['Pipfile*', 'src', './src', '..'].some(isWholeContext)).toBe(false);
  });
});
