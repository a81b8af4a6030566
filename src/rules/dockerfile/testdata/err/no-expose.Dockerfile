FROM python:3.11-slim
WORKDIR /app
COPY . /app/
CMD pipenv run bash -c "./seed_database.sh && python manage.py runserver 0.0.0.0:8000"
