import { gradeFamily } from '../../../helpers/grade-family.js';
import { workflowFamily } from '../../../src/rules/workflows/index.js';

gradeFamily(workflowFamily);
