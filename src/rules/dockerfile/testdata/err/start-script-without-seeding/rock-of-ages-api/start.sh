#!/bin/bash
set -e
echo "starting the api"
python manage.py runserver 0.0.0.0:8000
