-- One database per service (nothing reads another service's tables).
-- Run by the postgres image on first start (docker-compose.yml mounts this file into
-- /docker-entrypoint-initdb.d). The no-Docker stack (infra/local/stack.ts) creates the same list.
CREATE DATABASE directory;
CREATE DATABASE booking;
CREATE DATABASE tendering;
CREATE DATABASE logistics;
CREATE DATABASE atlas;
