#!/bin/bash
set -e
./seed_database.sh
exec python manage.py runserver 127.0.0.1:8000
