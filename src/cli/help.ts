export const helpText = `rock-check: grades a Docker assignment submission against a profile (default: Rock of Ages).

Usage
  rock-check <submission> [options]          a folder, or a git URL (https://, ssh://, git@, file://) with optional #ref
  rock-check --api <path|url> [--client <path|url>] [options]
  rock-check clean [--run ID]                remove Docker objects a killed run left behind
  rock-check criteria [--profile ID|FILE]    print the criteria of a profile as a Markdown table
  rock-check doctor [submission] [--profile ID|FILE]
                                             check this machine before a class: Docker and Compose, the images needed
                                             (pulled when missing), free disk, the limits applied; exit 0 when ready, 1 if not
  rock-check batch ROSTER --out DIR [--jobs N] [--static] [--force | --only failed|error] [--shard I/N]
                                             grade a class: ROSTER is a CSV, a file of git URLs, or a folder of submissions;
                                             resumable; gradebook.csv, canvas-import.csv, criteria-matrix.csv, index.html in DIR
  rock-check report DIR                      rewrite a batch folder's outputs from its database
  rock-check merge DIR... --out DIR          combine the shards' batch folders into one gradebook and dashboard
  rock-check profile init REFERENCE [--out FILE] [--id ID]
                                             draft a profile from a reference solution's folder and compose file:
                                             its roles, the criteria its facts support, runtime checks; to stdout or FILE
  rock-check profile check FILE [REFERENCE] [--static]
                                             validate a profile (each problem as file:line:col); with REFERENCE, grade it
                                             in full (or statically) and fail unless every required criterion passes
  rock-check profile explain FILE            print what each criterion checks, in the words a student reads (Markdown)

Submissions it recognises (Rock of Ages; another profile grades one folder, with or without a compose file)
  a parent folder with docker-compose.yml + the api folder + the client folder (the course layout);
  an api repository alone; an api repository with its own compose file (build: .);
  api and client repositories given separately with --api and --client.

Options
  --static            static checks only: no image is built, no container started
  --profile ID|FILE   grading profile: a built-in one's id (rock-of-ages, friendlyhello-redis)
                      or a YAML file; default: rock-of-ages
  --json              write only the JSON report to stdout
  --format NAME       stdout format: terminal (default), json, junit, markdown, github,
                      autograding (GitHub Classroom), classroom50 (result.json), gradescope (results.json)
  --out DIR           also write rock-check.json, .xml (JUnit) and .md there (default: reports)
  --no-out            write no report files
  --keep-images       keep the images built for the submission
  --verbose           print each step (cloning, building, starting, checks) as it happens;
                      on a terminal the steps are always shown live
  --color, --no-color force colour on or off (default: on for a terminal; NO_COLOR disables it)
  --jobs N            batch: gradings at once (default: cores + 1 for full gradings, 2 per core with --static)
  --force             batch: regrade every submission, changed or not
  --only failed|error batch: regrade only the students whose last grading failed / had no grade
  --shard I/N         batch: grade slice I of N (by a hash of the student identifier)
  -h, --help          this text
  -v, --version       rock-check's version

Exit codes
  0  every required criterion passes
  1  some required criterion fails
  2  usage error: bad option, unknown path, refused URL, no api found, invalid profile
     (profile check: the profile is not valid; profile check with a reference: 1 when it fails a required criterion)
  3  internal or Docker error: the grade is incomplete
  130, 143  interrupted (SIGINT, SIGTERM): no grade; what the run created is removed first
`;
