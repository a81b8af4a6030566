FROM nginx:1.27-alpine
WORKDIR /app
COPY . /app/
EXPOSE 8000
