import { describe, inject } from 'vitest';
import { gradeCriterion } from '../../../helpers/criterion.js';
import { roleFacts } from '../../../src/facts/role-facts.js';
import { isCourseProfile } from '../../../src/profile/profile.js';
import { roleChecks } from '../../../src/rules/roles/registry.js';
import { runRoleCheck } from '../../../src/rules/roles/run-check.js';

/**
 * One test per criterion of a roles profile whose check is a generic static
 * check: the submission's role facts are read once, each test grades its
 * criterion with its check and parameters.
 */
const { submission, profile } = inject('grading');
if (!isCourseProfile(profile)) {
  describe('static checks', () => {
    for (const criterion of profile.criteria) {
      const check = roleChecks[criterion.check];
      if (!check) continue;
      gradeCriterion(criterion.id, () => runRoleCheck(check, roleFacts(submission, profile), criterion, profile), { docs: check.docs });
    }
  });
}
