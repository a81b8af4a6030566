#!/bin/sh
set -e
echo "waiting for the database"
exec "$@"
