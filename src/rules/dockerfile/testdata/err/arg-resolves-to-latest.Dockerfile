ARG PY=latest
ARG NODE_VERSION
FROM node:${NODE_VERSION} AS assets
RUN echo building assets
FROM python:${PY}
WORKDIR /app
COPY . /app/
EXPOSE 8000
CMD ["bash", "-c", "./seed_database.sh && python manage.py runserver 0.0.0.0:8000"]
