import { gradeFamily } from '../../../helpers/grade-family.js';
import { composeFamily } from '../../../src/rules/compose/index.js';

gradeFamily(composeFamily);
