FROM python:3.11-slim
WORKDIR /app
COPY Pipfile*
RUN pip install pipenv && pipenv install
COPY . /app/
EXPOSE
EXPOSE 8000
CMD pipenv run bash -c "./seed_database.sh && python manage.py runserver 0.0.0.0:8000"
