#!/usr/bin/env bash
# Gradescope autograder set-up: Node.js 22 and rock-check. Gradescope's
# workers have no Docker daemon: run_autograder grades the static criteria
# there, unless DOCKER_HOST names a Docker engine it can use.
set -euo pipefail
apt-get update
apt-get install -y --no-install-recommends ca-certificates git nodejs npm
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 22 ? 0 : 1)'; then
  npm install -g n
  n 22
  hash -r
fi
npm install -g rock-check
