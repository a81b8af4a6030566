#!/bin/sh
set -e
./seed_database.sh
exec "$@"
