FROM node:18-alpine
WORKDIR /app
COPY package*.json ./
RUN npm install
COPY . .
EXPOSE 3000
CMD ["python3", "-m", "http.server", "3000", "--bind", "127.0.0.1"]
