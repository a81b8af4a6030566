#!/bin/sh
set -e
if [ -x ./seed_database.sh ]; then
  ./seed_database.sh
fi
exec gunicorn rockproject.wsgi -b 0.0.0.0:8000 --workers 2
