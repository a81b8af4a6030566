FROM python:3.11-slim
WORKDIR /app
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc
RUN rm -rf /var/lib/apt/lists/*
COPY . /app/
EXPOSE 8000
CMD pipenv run bash -c "./seed_database.sh && python manage.py runserver 0.0.0.0:8000"
