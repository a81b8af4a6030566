import { gradeFamily } from '../../../helpers/grade-family.js';
import { dockerfileFamily } from '../../../src/rules/dockerfile/index.js';

gradeFamily(dockerfileFamily);
