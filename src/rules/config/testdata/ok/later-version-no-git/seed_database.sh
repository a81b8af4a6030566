#!/usr/bin/env bash
rm db.sqlite3
rm -rf ./rockapi/migrations
pipenv run python manage.py migrate --noinput
pipenv run python manage.py makemigrations rockapi
pipenv run python manage.py migrate rockapi
for fixture in users tokens types rocks; do
  pipenv run python manage.py loaddata "$fixture" > /dev/null 2>&1
done
