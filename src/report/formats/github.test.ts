import { describe, expect, it } from 'vitest';
import { sampleKinds, sampleReport, withoutPassingAdvice } from '../sample.js';
import { commandData, commandProperty, formatGithub } from './github.js';

/** Splits one workflow command line back into its parts, undoing the escapes. */
function parse(line: string) {
  const m = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const unescape = (s: string) => s.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const props = Object.fromEntries((m[2] ?? '').split(',').filter(Boolean).map((p) => {
    const eq = p.indexOf('=');
    return [p.slice(0, eq), unescape(p.slice(eq + 1))];
  }));
  return { kind: m[1], props, message: unescape(m[3]) };
}

describe('workflow command escaping', () => {
  it('escapes %, CR and LF in messages', () => {
    expect(commandData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
  });

  it('also escapes : and , in properties', () => {
    expect(commandProperty('C:\\a,b%\n')).toBe('C%3A\\a%2Cb%25%0A');
  });
});

describe('formatGithub', () => {
  it.each(sampleKinds)('matches the golden output for the %s sample', async (kind) => {
    await expect(formatGithub(sampleReport(kind))).toMatchFileSnapshot(`./__snapshots__/github.${kind}.txt`);
  });

  it('annotates each finding of a failed criterion: error when required, warning when advice', () => {
    const report = sampleReport('fail');
    const commands = formatGithub(report).trimEnd().split('\n').map(parse);
    const failed = report.criteria.filter((c) => c.status === 'fail');
    const annotations = commands.filter((c) => c.kind !== 'notice');
    expect(annotations).toHaveLength(failed.flatMap((c) => c.findings).length);
    const df002 = annotations.find((a) => a.props.title.startsWith('RC-DF002'))!;
    expect(df002).toEqual({
      kind: 'warning',
      props: { file: 'rock-of-ages-api/Dockerfile', line: '1', col: '6', title: 'RC-DF002 Base image pinned to an explicit tag' },
      message: 'base image "python:latest" has no pinned version; name one, e.g. python:3.11-slim',
    });
    const cf004 = annotations.find((a) => a.props.title.startsWith('RC-CF004'))!;
    expect(cf004.kind).toBe('error');
    expect(cf004.props).toEqual({ file: 'rock-of-ages-api/.env.example', title: 'RC-CF004 .env.example lists the DB_* keys' });
    expect(cf004.message).toBe('.env.example is missing\nhint: create it with the keys DB_NAME, DB_USER, DB_PASSWORD, DB_HOST, DB_PORT and placeholder values');
  });

  it('ends with a notice of the verdict', () => {
    const lines = formatGithub(sampleReport('fail')).trimEnd().split('\n');
    expect(parse(lines[lines.length - 1])).toEqual({ kind: 'notice', props: { title: 'rock-check FAIL' }, message: '12/30 points (40%): 6 required criteria failed' });
  });

  it('says nothing of passed or not-applicable criteria', () => {
    const commands = formatGithub(sampleReport('pass')).trimEnd().split('\n').map(parse);
    expect(commands.map((c) => c.kind)).toEqual(['warning', 'notice']);
  });

  it("annotates a passing criterion's advice as a warning saying it passed, after the failures", () => {
    const report = sampleReport('advice');
    const commands = formatGithub(report).trimEnd().split('\n').map(parse);
    expect(commands.map((c) => [c.kind, c.props.title])).toEqual([
      ['warning', 'RC-DF002 Base image pinned to an explicit tag'],
      ['warning', 'RC-DF010 No env file copied into the image (passed; advice costs no points)'],
      ['notice', 'rock-check PASS'],
    ]);
    const [advice] = report.criteria.find((c) => c.id === 'RC-DF010')!.findings;
    expect(commands[1]).toMatchObject({ props: { file: 'rock-of-ages-api/Dockerfile', line: '8', col: '1' }, message: advice.message });
    expect(commands[2]).toEqual(parse(formatGithub(withoutPassingAdvice(report)).trimEnd().split('\n').at(-1)!));
  });

  it('reports run errors and unchecked criteria as errors without a file', () => {
    const commands = formatGithub(sampleReport('error')).trimEnd().split('\n').map(parse);
    expect(commands[0]).toEqual({ kind: 'error', props: { title: 'rock-check runtime' }, message: expect.stringContaining('Docker engine') });
    expect(commands.find((c) => c.props.title?.startsWith('RC-RT002'))).toEqual({
      kind: 'error',
      props: { title: 'RC-RT002 Stack starts and becomes ready' },
      message: 'not checked: not run',
    });
  });

  it('keeps every command on one line and round-trips awkward text', () => {
    const report = sampleReport('fail');
    const f = report.criteria[2].findings[0];
    f.file = 'dir,with:odd%name/Dockerfile';
    f.message = '50% sure\r\n::set-env name=X::1';
    report.criteria[2].title = 'Title: a, b';
    const lines = formatGithub(report).trimEnd().split('\n');
    expect(lines.every((l) => l.startsWith('::'))).toBe(true);
    const df005 = lines.map(parse).find((c) => c.props.title?.startsWith('RC-DF005'))!;
    expect(df005.props).toEqual({ file: 'dir,with:odd%name/Dockerfile', line: '9', col: '5', title: 'RC-DF005 Title: a, b' });
    expect(df005.message.startsWith('50% sure\r\n::set-env name=X::1\nhint: ')).toBe(true);
  });
});

describe('formatGithub with --api and --client', () => {
  const lines = formatGithub(sampleReport('separate')).trimEnd().split('\n').map(parse);

  it('annotates the local api repository\'s files by their path in that repository', () => {
    const df002 = lines.find((l) => l.props.title?.startsWith('RC-DF002'))!;
    expect(df002.props).toMatchObject({ file: 'Dockerfile', line: '1', col: '6' });
    expect(df002.message).toMatch(/^\[api\] base image/);
  });

  it('puts a finding of the repository given as a URL in the text, on no file of the repository being graded', () => {
    const df001 = lines.find((l) => l.props.title?.startsWith('RC-DF001'))!;
    expect(df001.props).toEqual({ title: 'RC-DF001 Dockerfile present and parseable' });
    expect(df001.message).toBe('[client] Dockerfile: no Dockerfile in the repository root; add one that builds the client image');
  });

  it('names no file for a finding about a whole repository', () => {
    const report = sampleReport('separate');
    report.criteria[0].findings = [{ ruleId: 'RC-DF001', severity: 'error', repository: 'api', file: '.', message: 'the api did not start' }];
    const [first] = formatGithub(report).trimEnd().split('\n').map(parse);
    expect(first.props).toEqual({ title: 'RC-DF001 Dockerfile present and parseable' });
  });
});
