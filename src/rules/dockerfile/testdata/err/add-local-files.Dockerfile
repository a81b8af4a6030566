FROM python:3.11-slim
WORKDIR /app
RUN pip install pipenv
ADD Pipfile Pipfile.lock /app/
RUN pipenv install
ADD . /app/
EXPOSE 8000
CMD pipenv run bash -c "./seed_database.sh && python manage.py runserver 0.0.0.0:8000"
