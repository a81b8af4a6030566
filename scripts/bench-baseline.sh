#!/usr/bin/env bash
# The work of a runtime grading done by hand, as a baseline for the benchmark:
# build the api image, run PostgreSQL and the api on a fresh network, count
# the seeded rows with psql, exercise the auth flow with curl, remove it all.
set -euo pipefail
api_dir="$1"
id="rcbench-$$-$RANDOM"
cleanup() {
  docker rm -fv "$id-api" "$id-db" >/dev/null 2>&1 || true
  docker network rm "$id" >/dev/null 2>&1 || true
  docker rmi -f "$id" >/dev/null 2>&1 || true
}
trap cleanup EXIT

docker build -q -t "$id" "$api_dir" >/dev/null
docker network create "$id" >/dev/null
docker run -d --name "$id-db" --network "$id" --network-alias postgres-db \
  -e POSTGRES_DB=rockofages -e POSTGRES_USER=rockadmin -e POSTGRES_PASSWORD=localpassword123 postgres:16 >/dev/null
until docker exec "$id-db" pg_isready -q -U rockadmin -d rockofages 2>/dev/null; do sleep 0.5; done
docker run -d --name "$id-api" --network "$id" -p 127.0.0.1::8000 --env-file "$api_dir/.env.local" "$id" >/dev/null
port="$(docker port "$id-api" 8000/tcp | head -n1 | sed 's/.*://')"
base="http://127.0.0.1:$port"
for _ in $(seq 1 480); do
  curl -s -o /dev/null "$base/rocks" && break
  sleep 0.5
done

q() { docker exec "$id-db" psql -U rockadmin -d rockofages -tAc "$1"; }
[ "$(q 'select count(*) from rockapi_rock')" = 3 ]
[ "$(q 'select count(*) from rockapi_type')" = 5 ]
[ "$(q 'select count(*) from auth_user')" = 2 ]
[ "$(q 'select count(*) from authtoken_token')" = 2 ]

code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
[ "$(code "$base/rocks")" = 401 ]
[ "$(code -H 'Authorization: Token abcdef123456' "$base/rocks")" = 200 ]
[ "$(code -H 'Content-Type: application/json' -d '{"email":"b@example.com","password":"pw12345!","first_name":"B","last_name":"C"}' "$base/register")" = 200 ]
curl -s -H 'Content-Type: application/json' -d '{"email":"b@example.com","password":"pw12345!"}' "$base/login" | grep -q '"valid": *true'
[ "$(code -H 'Authorization: Token abcdef123456' -H 'Content-Type: application/json' -d '{"name":"Bench","weight":1.5,"typeId":1}' "$base/rocks")" = 201 ]
[ "$(code -X DELETE -H 'Authorization: Token abcdef123456' "$base/rocks/1")" = 403 ]
[ "$(code -X DELETE -H 'Authorization: Token abcdef123456' "$base/rocks/2")" = 204 ]
docker exec "$id-api" getent hosts postgres-db >/dev/null
