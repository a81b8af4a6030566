FROM python:3.11-slim
WORKDIR /app
RUN pip install pipenv
COPPY Pipfile* /app/
RUN pipenv install
COPY . /app/
EXPOSE 8000
RUNSERVER python manage.py runserver 0.0.0.0:8000
CMD ["bash", "-c", "./seed_database.sh && python manage.py runserver 0.0.0.0:8000"]
