import { describe, expect, it } from 'vitest';
import { renderFinding } from '../../model/finding.js';
import { fakeSubmission } from '../../model/fake-submission.js';
import type { Submission } from '../../model/submission.js';
import { defaultProfile } from '../../profile/load.js';
import type { Profile } from '../../profile/profile.js';
import { gradeRules, runFamily } from '../rule.js';
import { workflowFamily } from './index.js';

const profile = defaultProfile();

const deploy = (run: string, extra = '') => `on: workflow_dispatch
permissions:
  id-token: write
jobs:
  deploy:
    runs-on: ubuntu-latest
${extra}    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::1:role/x
          aws-region: us-east-2
      - run: |
${run
  .split('\n')
  .map((l) => `          ${l}`)
  .join('\n')}
`;

const build = `on: push
permissions:
  id-token: write
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: python manage.py test
  push:
    runs-on: ubuntu-latest
    needs: test
    steps:
      - run: docker build -t x . && docker push x
`;

function lines(sub: Submission, p: Profile = profile, rule?: string): string[] {
  const results = runFamily(workflowFamily, sub, p);
  return [...results.entries()].filter(([id]) => !rule || id === rule).flatMap(([, fs]) => fs.map(renderFinding));
}

function repo(files: Record<string, string>): Submission {
  return fakeSubmission({ files: { 'manage.py': '', '.github/workflows/testBuildPush.yml': build, ...files } });
}

describe('workflowFamily', () => {
  it('lists its rules in ID order', () => {
    const ids = workflowFamily.rules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toHaveLength(12);
  });

  it('does not apply without an api repository', () => {
    const sub = fakeSubmission({ files: { 'package.json': '{}' }, components: { client: '' } });
    expect(workflowFamily.notApplicable?.(sub, profile)).toMatch(/no api repository/);
    expect(workflowFamily.inputs(sub, profile)).toEqual([]);
    expect(workflowFamily.notApplicable?.(repo({}), profile)).toBeUndefined();
  });

  it('gives a clear finding for a binary workflow file', () => {
    const sub = repo({ '.github/workflows/deploy.yml': '' });
    sub.files['.github/workflows/deploy.yml'] = { path: '.github/workflows/deploy.yml', size: 10, binary: true };
    expect(lines(sub, profile, 'RC-WF002')).toEqual([
      '.github/workflows/deploy.yml: the workflow file is not a text file: GitHub rejects it; write the workflow or delete the file [RC-WF002]',
    ]);
    expect(lines(sub, profile, 'RC-WF004')).toEqual([
      '.github/workflows/deploy.yml: cannot be checked: the deploy workflow does not parse (see RC-WF002) [RC-WF004]',
    ]);
    // testBuildPush.yml, the build workflow, is readable: RC-WF009 checks it
    expect(lines(sub, profile, 'RC-WF009')).toEqual([]);
    expect(lines(sub, profile, 'RC-WF001')).toEqual([]);
  });

  it('flags a look-alike folder whatever its spelling, and ignores non-workflow YAML in .github', () => {
    const sub = repo({
      '.github/workflows/deploy.yml': deploy('echo'),
      '.github/Workflows/extra.yml': 'name: draft\n',
      '.github/dependabot.yml': 'version: 2\n',
      '.github/ISSUE_TEMPLATE/config.yml': 'blank_issues_enabled: false\n',
    });
    expect(lines(sub, profile, 'RC-WF001')).toEqual([
      '.github/Workflows/extra.yml: GitHub never runs this workflow: it is in .github/Workflows/, not in .github/workflows/; move it to .github/workflows/extra.yml [RC-WF001]',
    ]);
  });

  it('takes the deploy workflow to be the one sending the SSM command, before one named deploy.yml', () => {
    const sub = repo({
      '.github/workflows/deploy.yml': 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo\n',
      '.github/workflows/release.yml': deploy(`aws ssm send-command --parameters '{"commands":["x"]}'`).replace(
        'on: workflow_dispatch',
        'on: push',
      ),
    });
    expect(lines(sub, profile, 'RC-WF003')).toEqual([
      '.github/workflows/release.yml:1:1: the deploy workflow runs on push but not on workflow_dispatch: add workflow_dispatch under "on:" so it can be started from the Actions tab [RC-WF003]',
    ]);
  });

  it('does not take a manually started build workflow for the deploy workflow', () => {
    const sub = repo({ '.github/workflows/testBuildPush.yml': build.replace('on: push', 'on: [push, workflow_dispatch]') });
    expect(lines(sub, profile, 'RC-WF003')).toEqual([
      '.github/workflows: no deploy workflow found: add .github/workflows/deploy.yml that runs on workflow_dispatch and deploys with aws ssm send-command [RC-WF003]',
    ]);
  });

  it('reads the database keys and their policy from the profile', () => {
    const send = `aws ssm send-command --parameters '{"commands":["docker run -d -e PGPASSWORD=hunter2 -e DB_PASSWORD=hunter2 img"]}'`;
    const sub = repo({ '.github/workflows/deploy.yml': deploy(send) });
    const custom: Profile = { ...profile, env: { ...profile.env, dbKeys: ['PGPASSWORD'] } };
    expect(lines(sub, custom, 'RC-WF006')).toEqual([
      '.github/workflows/deploy.yml:13:88: PGPASSWORD is written into the workflow (h*****2): store it as a repository secret and pass ${{ secrets.PGPASSWORD }} [RC-WF006]',
    ]);
    const lax: Profile = { ...profile, workflows: { ...profile.workflows, dbFromSecrets: false } };
    expect(gradeRules(workflowFamily, sub, lax).get('RC-WF006')).toEqual({ notApplicable: 'the profile does not ask for database settings from secrets' });
  });

  it('never prints a database value in full', () => {
    const send = `aws ssm send-command --parameters '{"commands":["docker run -d --env=DB_PASSWORD=SuperSecret99 img"]}'`;
    const sub = repo({ '.github/workflows/deploy.yml': deploy(send) });
    const out = lines(sub, profile, 'RC-WF006').filter((l) => l.includes('DB_PASSWORD is written'));
    expect(out).toHaveLength(1);
    expect(out[0]).not.toContain('SuperSecret99');
    expect(out[0]).toContain('Su********99');
  });

  it('wants every database key on the deployed docker run, and reads the commands of the shorthand form too', () => {
    const send = (commands: string) => deploy(`aws ssm send-command --document-name AWS-RunShellScript --parameters commands='[${commands}]'`);
    const full = '-e DB_NAME=${{ secrets.DB_NAME }} -e DB_USER=${{ secrets.DB_USER }} -e DB_PASSWORD=${{ secrets.DB_PASSWORD }} -e DB_HOST=${{ secrets.DB_HOST }}';
    const ok = repo({ '.github/workflows/deploy.yml': send(`"docker run --rm busybox true", "docker run -d ${full} --env=DB_PORT=\${{ secrets.DB_PORT }} img"`) });
    expect(lines(ok, profile, 'RC-WF006')).toEqual([]);
    expect(lines(ok, profile, 'RC-WF010')).toEqual([]);
    const short = repo({ '.github/workflows/deploy.yml': send(`"docker run -d ${full} img", "docker run --rm busybox true"`) });
    expect(lines(short, profile, 'RC-WF006')).toEqual([
      expect.stringContaining("the deploy's docker run passes no database settings"),
    ]);
    expect(lines(short, profile, 'RC-WF010')).toEqual([expect.stringContaining("the deploy's docker run has no -d")]);
    const fromFile = repo({ '.github/workflows/deploy.yml': send('"docker run -d --env-file /home/ec2-user/.env -e DB_HOST img"') });
    expect(lines(fromFile, profile, 'RC-WF006')).toEqual([
      expect.stringContaining("passes no database settings (-e DB_HOST without a value reads the instance's own environment, which does not have it) (--env-file reads a file kept on the instance"),
    ]);
  });
});
