ARG PY=3.11
WORKDIR /app
FROM python:${PY}-slim
COPY . /app/
EXPOSE 8000
CMD ["bash", "-c", "./seed_database.sh && python manage.py runserver 0.0.0.0:8000"]
