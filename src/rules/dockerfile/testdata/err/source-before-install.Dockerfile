FROM python:3.11-slim
WORKDIR /app
RUN pip install pipenv
COPY . /app/
RUN pipenv install
EXPOSE 8000
CMD pipenv run bash -c "./seed_database.sh && python manage.py runserver 0.0.0.0:8000"
