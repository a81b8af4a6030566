FROM python:3.11-slim AS build
WORKDIR /app
COPY . .
EXPOSE 8000
CMD ["bash", "-c", "./seed_database.sh && python manage.py runserver 0.0.0.0:8000"]

FROM python:3.11-slim
COPY --from=build /app /app
WORKDIR /app
