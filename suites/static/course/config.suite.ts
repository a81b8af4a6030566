import { gradeFamily } from '../../../helpers/grade-family.js';
import { configFamily } from '../../../src/rules/config/index.js';

gradeFamily(configFamily);
