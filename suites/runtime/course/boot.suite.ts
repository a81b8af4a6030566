import { describe } from 'vitest';
import { gradeCourseCheck } from '../../../helpers/course-check.js';
import { imagesBuilt, stackReady } from '../../../helpers/probes/boot.js';
import { probeContext } from '../../../helpers/probes/context.js';

describe('runtime: build and boot', () => {
  gradeCourseCheck('runtime/images-build', () => imagesBuilt(probeContext()), {
    docs: "The images are built from the student's own Dockerfiles (docker build / docker compose build); a failed build is reported with the end of its log.",
  });
  gradeCourseCheck('runtime/stack-ready', () => stackReady(probeContext()), {
    docs: 'The stack starts and every part becomes ready within the time limit: PostgreSQL accepts connections, the api and the client answer HTTP on their ports. A part that never gets ready is reported with its exit code and last log lines.',
  });
});
