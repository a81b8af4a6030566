ARG PY=3.11
ARG VARIANT=slim
FROM python:${PY}-${VARIANT}
WORKDIR /app
RUN pip install pipenv
COPY Pipfile* ./
RUN pipenv install --system --deploy
COPY . .
EXPOSE 8000
CMD sh -c "python manage.py migrate && python manage.py runserver 0:8000"
