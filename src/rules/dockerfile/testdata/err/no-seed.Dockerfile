FROM python:3.11-slim
WORKDIR /app
COPY . /app/
EXPOSE 8000
CMD ["pipenv", "run", "python", "manage.py", "runserver", "0.0.0.0:8000"]
