FROM python:3.11-slim AS base
ENV PYTHONUNBUFFERED=1
WORKDIR /app
EXPOSE 8000

FROM base AS deps
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

FROM deps
COPY . .
ENTRYPOINT ["/bin/bash", "-c"]
CMD ["./seed_database.sh && exec gunicorn rockproject.wsgi --bind 0.0.0.0:8000"]
