#!/bin/sh
# Registers every Kafka Connect connector file of $CONNECT_DIR (deploy/connect/*.json) with the Connect worker at
# $CONNECT_URL. Idempotent: a connector that exists is deleted and created again from the file (Connect keeps its
# offsets by connector name, so it resumes where it was), so an edited file takes effect on the next `up`.
set -eu
: "${CONNECT_URL:?}" "${CONNECT_DIR:?}"
status=0
for file in "$CONNECT_DIR"/*.json; do
  # the top-level "name" is the first "name" member of each file (Kafka Connect REST format)
  name=$(sed -n 's/^[[:space:]]*"name"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$file" | head -n 1)
  [ -n "$name" ] || { echo "connect-register: $file has no name" >&2; status=1; continue; }
  code=$(curl -s -o /tmp/answer -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data-binary "@$file" "$CONNECT_URL/connectors")
  if [ "$code" = "409" ]; then
    curl -fsS -o /dev/null -X DELETE "$CONNECT_URL/connectors/$name"
    code=$(curl -s -o /tmp/answer -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
      --data-binary "@$file" "$CONNECT_URL/connectors")
  fi
  if [ "$code" = "201" ]; then
    echo "connect-register: $name registered"
  else
    echo "connect-register: $name refused ($code): $(cat /tmp/answer)" >&2
    status=1
  fi
done
exit $status
