import { badNameReason, joinPath, type Submission } from '../model/submission.js';
import { isCourseProfile, type AnyProfile, type Profile } from '../profile/profile.js';
import { configInputs } from './config/input.js';
import { otherEngine } from './config/requires.js';
import { discoverWorkflows } from './workflows/discover.js';

/**
 * What the report says before any criterion: today, that the folder is not
 * a Workshop 3 submission at all (an api still on SQLite, with no Dockerfile,
 * no workflows and no compose file), so that its failures read as one fact
 * rather than thirty.
 */
export function submissionNotices(sub: Submission, profile: AnyProfile): string[] {
  return [...(isCourseProfile(profile) ? notWorkshop3(sub, profile) : []), ...badNames(sub)];
}

/** Files intake could list but not open by name: graded without them. */
function badNames(sub: Submission): string[] {
  const bad = Object.values(sub.files).filter((f) => f.unreadable === badNameReason).map((f) => f.path);
  if (bad.length === 0) return [];
  const shown = bad.slice(0, 5).join(', ') + (bad.length > 5 ? ` and ${bad.length - 5} more` : '');
  return [`${bad.length === 1 ? 'a file' : `${bad.length} files`} ${badNameReason} (shown with \ufffd for the bytes that are not): ${shown}; graded without ${bad.length === 1 ? 'it' : 'them'}`];
}

function notWorkshop3(sub: Submission, profile: Profile): string[] {
  const api = sub.components.api;
  const settings = configInputs(sub, profile)[0]?.settings;
  if (!api || !settings?.parsed || sub.compose !== undefined) return [];
  const engine = otherEngine(settings.parsed);
  if (engine === undefined) return [];
  if (sub.files[joinPath(api.dir, 'Dockerfile')] || discoverWorkflows(sub, api.dir, profile.workflows.folder).length > 0) return [];
  const where = api.dir === '' ? 'the api' : `the api (${api.dir}/)`;
  const db = engine.replace(/^django\.db\.backends\./, '');
  return [
    `not a Workshop 3 submission: ${where} still uses ${db === 'sqlite3' ? 'SQLite' : db} and has no Dockerfile and no GitHub Actions workflows; ` +
      'Workshop 3 moves it to PostgreSQL, runs it in containers and deploys it with GitHub Actions, so the criteria that read those files cannot be checked',
  ];
}
