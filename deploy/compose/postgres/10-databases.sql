-- One database per service (DESIGN §2: the directory name is the database name). Run once by the postgres image on
-- an empty data volume. Each service's Flyway migration creates its tables and the crm_outbox publication.
CREATE DATABASE "api-gateway";
CREATE DATABASE "lead-service";
CREATE DATABASE "property-sync-service";
CREATE DATABASE "workflow-service";
CREATE DATABASE "scoring-service";
CREATE DATABASE "notification-service";
