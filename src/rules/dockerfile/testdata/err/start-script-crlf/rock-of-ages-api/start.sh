#!/bin/bash
set -e
./seed_database.sh
python manage.py runserver 0.0.0.0:8000
