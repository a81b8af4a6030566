FROM python:3.11-slim
WORKDIR /app
COPY . /app/
EXPOSE 8000
CMD pipenv run bash -c "./seed_database.sh && python manage.py runserver"
