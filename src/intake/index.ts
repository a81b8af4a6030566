export { IntakeError } from './intake-error.js';
export { takeIn, type Intake, type IntakeOptions, type IntakeRequest } from './take-in.js';
