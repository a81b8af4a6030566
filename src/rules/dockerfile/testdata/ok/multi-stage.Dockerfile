# Dependencies are built in one stage, the runtime image only gets the venv.
FROM python:3.12-slim AS build
WORKDIR /app
RUN pip install pipenv
COPY Pipfile Pipfile.lock ./
RUN PIPENV_VENV_IN_PROJECT=1 pipenv install --deploy

FROM python:3.12-slim
WORKDIR /app
COPY --from=build /app/.venv /app/.venv
COPY . .
ENV PATH="/app/.venv/bin:$PATH"
EXPOSE 8000/tcp
CMD ["bash", "-c", "./seed_database.sh && python manage.py runserver 0.0.0.0:8000"]
