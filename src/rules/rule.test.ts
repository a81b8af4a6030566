import { describe, expect, it } from 'vitest';
import { fakeSubmission } from '../model/fake-submission.js';
import { defaultProfile } from '../profile/load.js';
import { adviceOf, cascadeRoots, defineRule, gradeRules, inProfileTerms, runFamily, type RuleFamily } from './rule.js';

const profile = defaultProfile();
const sub = fakeSubmission({ files: {} });

interface Doc {
  path: string;
  text?: string;
  client?: boolean;
}

const root = defineRule<Doc>({
  id: 'RC-DF001',
  name: 'dockerfile/present-and-parseable',
  title: 'present',
  severity: 'error',
  docs: '',
  check: (d) => (d.text === undefined ? [{ ruleId: 'RC-DF001', severity: 'error', file: d.path, message: 'missing' }] : []),
});
const reader = defineRule<Doc>({
  id: 'RC-DF002',
  name: 'dockerfile/base-image-tag',
  title: 'reads the text',
  severity: 'warning',
  docs: '',
  requires: (d) => (d.text === undefined ? { file: d.path, reason: 'there is no file', see: 'RC-DF001' } : undefined),
  check: (d) => (d.text!.includes('bad') ? [{ ruleId: 'RC-DF002', severity: 'warning', file: d.path, message: 'bad text' }] : []),
});
const apiOnly = defineRule<Doc>({
  id: 'RC-DF008',
  name: 'rock-of-ages/seed-before-server',
  title: 'api only',
  severity: 'error',
  docs: '',
  notApplicable: (d) => (d.client ? 'the client has none' : undefined),
  check: () => [],
});

const family = (docs: Doc[], noInput?: RuleFamily<Doc>['noInput']): RuleFamily<Doc> => ({
  area: 'dockerfile',
  rules: [root, reader, apiOnly],
  inputs: () => docs,
  ...(noInput ? { noInput } : {}),
});

describe('gradeRules', () => {
  it('fails a rule whose input is missing with one line naming the root, instead of passing it', () => {
    const out = gradeRules(family([{ path: 'a/Dockerfile' }]), sub, profile);
    expect(out.get('RC-DF001')).toHaveLength(1);
    // RC-DF002 is advice in the profile: its cascade line is a warning
    expect(out.get('RC-DF002')).toEqual([
      { ruleId: 'RC-DF002', severity: 'warning', file: 'a/Dockerfile', message: 'cannot be checked: there is no file (see RC-DF001)' },
    ]);
  });

  it('checks the inputs that are there and cascades only for the one that is not, once per blocker', () => {
    const out = gradeRules(family([{ path: 'a/Dockerfile', text: 'bad' }, { path: 'c/Dockerfile' }, { path: 'c/Dockerfile' }]), sub, profile);
    expect((out.get('RC-DF002') as { message: string }[]).map((f) => f.message)).toEqual(['bad text', 'cannot be checked: there is no file (see RC-DF001)']);
  });

  it('passes a rule that could read its input and found nothing', () => {
    expect(gradeRules(family([{ path: 'a/Dockerfile', text: 'fine' }]), sub, profile).get('RC-DF002')).toEqual([]);
  });

  it('fails every rule of a family that applies but has no input', () => {
    const out = gradeRules(family([], () => ({ file: '.', reason: 'there is nothing', see: 'RC-DF001' })), sub, profile);
    for (const id of ['RC-DF001', 'RC-DF002', 'RC-DF008']) {
      expect(out.get(id)).toEqual([expect.objectContaining({ ruleId: id, message: 'cannot be checked: there is nothing (see RC-DF001)' })]);
    }
    expect(gradeRules(family([]), sub, profile).get('RC-DF002')).toEqual([expect.objectContaining({ message: expect.stringMatching(/^cannot be checked: /) })]);
  });

  it('reports not applicable only when the rule says so for every input', () => {
    expect(gradeRules(family([{ path: 'c/Dockerfile', text: '', client: true }]), sub, profile).get('RC-DF008')).toEqual({ notApplicable: 'the client has none' });
    expect(gradeRules(family([{ path: 'a/Dockerfile', text: '' }, { path: 'c/Dockerfile', text: '', client: true }]), sub, profile).get('RC-DF008')).toEqual([]);
    expect(runFamily(family([{ path: 'c/Dockerfile', text: '', client: true }]), sub, profile).get('RC-DF008')).toEqual([]);
  });
});

describe('adviceOf', () => {
  const advising = defineRule<Doc>({
    ...apiOnly,
    requires: reader.requires,
    advise: (d) => [{ ruleId: 'RC-DF008', severity: 'warning', file: d.path, message: `mind ${d.path}` }],
  });
  const withAdvice = (docs: Doc[], notApplicable?: string): RuleFamily<Doc> => ({ ...family(docs), rules: [root, advising], ...(notApplicable ? { notApplicable: () => notApplicable } : {}) });

  it('gives the advice of the inputs a rule judges, and leaves its verdict alone', () => {
    const docs = [{ path: 'a/Dockerfile', text: '' }, { path: 'b/Dockerfile' }, { path: 'c/Dockerfile', text: '', client: true }];
    expect([...adviceOf(withAdvice(docs), sub, profile)]).toEqual([['RC-DF008', [expect.objectContaining({ message: 'mind a/Dockerfile' })]]]);
    expect(gradeRules(withAdvice(docs), sub, profile).get('RC-DF008')).toEqual([expect.objectContaining({ message: 'cannot be checked: there is no file (see RC-DF001)' })]);
  });

  it('gives none for a family that does not apply, or a rule that does not advise', () => {
    expect(adviceOf(withAdvice([{ path: 'a/Dockerfile', text: '' }], 'no api'), sub, profile).size).toBe(0);
    expect(adviceOf(family([{ path: 'a/Dockerfile', text: '' }]), sub, profile).size).toBe(0);
  });
});

describe('cascadeRoots', () => {
  const f = (message: string) => ({ ruleId: 'RC-DF002', severity: 'error' as const, file: 'x', message });
  it('names the roots of a criterion that failed only because it could not be checked', () => {
    expect(cascadeRoots([f('cannot be checked: there is no file (see RC-DF001)'), f('cannot be checked: x (see RC-CO001)')])).toEqual(['RC-CO001', 'RC-DF001']);
    expect(cascadeRoots([f('cannot be checked: the api is not running (its image did not build; see RC-RT001)')])).toEqual(['RC-RT001']);
  });
  it("takes any profile's IDs", () => {
    expect(cascadeRoots([f('cannot be checked: there is no Dockerfile in web/ (see FH-DF001)'), f('cannot be checked: web is not running (it exited; see FH-RT-2)')])).toEqual(['FH-DF001', 'FH-RT-2']);
  });
  it('is undefined when any finding is a real one, or there are none', () => {
    expect(cascadeRoots([f('cannot be checked: there is no file (see RC-DF001)'), f('bad text')])).toBeUndefined();
    expect(cascadeRoots([])).toBeUndefined();
  });
});

describe('inProfileTerms', () => {
  const ids: Record<string, string> = { 'RC-DF001': 'XY-1', 'RC-DF002': 'XY-2' };
  const idOf = (id: string) => ids[id] ?? id;
  const f = (message: string) => ({ ruleId: 'RC-DF002', severity: 'error' as const, file: 'x', message });
  it("gives the finding the profile's ID and the root criterion the message ends by naming", () => {
    expect(inProfileTerms(f('cannot be checked: there is no file (see RC-DF001)'), idOf)).toEqual({ ...f('cannot be checked: there is no file (see XY-1)'), ruleId: 'XY-2' });
    expect(inProfileTerms(f('cannot be checked: the api is not running (it exited; see RC-DF001)'), idOf).message).toBe('cannot be checked: the api is not running (it exited; see XY-1)');
  });
  it('leaves a message that is no cascade line alone, and an ID the profile does not rename', () => {
    expect(inProfileTerms(f('make .gitignore cover it (see RC-DF001) and change it'), idOf).message).toBe('make .gitignore cover it (see RC-DF001) and change it');
    expect(inProfileTerms(f('the file says (see RC-DF001)'), idOf).message).toBe('the file says (see RC-DF001)');
    expect(inProfileTerms(f('cannot be checked: x (see RC-CO001)'), idOf).message).toBe('cannot be checked: x (see RC-CO001)');
  });
});
