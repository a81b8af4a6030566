FROM python:3.11-slim
ARG DB_PASSWORD
ENV DB_NAME=rockofages DB_USER=rockadmin DB_HOST=postgres-db DB_PORT=5432
ENV DB_PASSWORD=${DB_PASSWORD}
ENV SECRET_KEY_FILE=/run/secrets/django_secret_key
ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D
ENV TOKENIZERS_PARALLELISM=false
ENV API_TOKEN=""
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y libpq5
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate && python manage.py runserver 0.0.0.0:8000"]
