#!/bin/bash
set -e
./seed_database.sh
./run-server.sh
