import { fakeSubmission, type FakeFile } from '../../model/fake-submission.js';
import { defaultProfile } from '../../profile/load.js';
import { configInputs, type ConfigInput } from './input.js';

/** The config input of an api repository made of the given files (for rule unit tests). */
export function apiInput(files: Record<string, string | FakeFile>): ConfigInput {
  return configInputs(fakeSubmission({ files }), defaultProfile())[0];
}
