FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIPENV_VENV_IN_PROJECT=1
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*
RUN pip install --upgrade pip && pip install pipenv
COPY Pipfile* /app/
RUN pipenv install
COPY . /app/
RUN chmod +x /app/seed_database.sh
EXPOSE 8000
CMD pipenv run bash -c "./seed_database.sh && python manage.py runserver 0.0.0.0:8000"
