#!/bin/bash
set -e
python3 manage.py loaddata users tokens
python3 manage.py migrate rockapi
python3 manage.py loaddata types.json  # rocks come later
