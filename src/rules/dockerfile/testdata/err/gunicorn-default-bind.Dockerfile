FROM python:3.11-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
EXPOSE 8000
CMD ./seed_database.sh && exec gunicorn rockproject.wsgi:application --workers 2
