FROM python:3.11-slim
WORKDIR /app
ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini
ADD vendor/wheels.tar.gz /opt/wheels/
RUN chmod +x /tini && pip install --no-index --find-links /opt/wheels django
COPY . .
EXPOSE 8000
ENTRYPOINT ["/tini", "--"]
CMD ["sh", "-c", "./seed_database.sh && python manage.py runserver 0.0.0.0:8000"]
