FROM python:3.11-slim
ARG AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
ENV DB_NAME=rockofages DB_USER=rockadmin DB_PASSWORD=localpassword123 DB_HOST=postgres-db
ENV SECRET_KEY "django-insecure-7x!k2@abc"
WORKDIR /app
COPY . /app/
EXPOSE 8000
CMD pipenv run bash -c "./seed_database.sh && python manage.py runserver 0.0.0.0:8000"
