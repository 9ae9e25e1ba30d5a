package com.keystone.crm.platform.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The lead-service database as the relay expects it, without Quarkus or Flyway: the platform migration of
 * platform/chassis run by hand (once per JVM, skipped when the table is already there), and outbox rows
 * written the way the chassis writes them.
 */
final class LeadServiceOutbox {
    static final String SERVICE = "lead-service";
    static final String PLATFORM_MIGRATION = "platform/chassis/src/main/resources/db/platform/V0_1__platform_outbox_inbox_idempotency.sql";
    static final String LEAD_CREATED_EXAMPLE = "platform/contracts/src/test/resources/examples/lead.created.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    static final TestDatabase DB = new TestDatabase(SERVICE);

    private LeadServiceOutbox() {
    }

    /** Creates the database, the outbox table and the crm_outbox publication unless they exist. */
    static synchronized void prepare() {
        CrmTestEnvironment env = CrmTestEnvironment.get();
        env.postgres().ensureDatabase(SERVICE);
        if (DB.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'outbox_event'") == 0) {
            DB.execute(read(env.projectRoot().resolve(PLATFORM_MIGRATION)));
        }
        if (DB.count("SELECT count(*) FROM pg_publication_tables WHERE pubname = 'crm_outbox' AND tablename = 'outbox_event'") == 0) {
            throw new IllegalStateException("the platform migration did not create the crm_outbox publication");
        }
    }

    /** A schema-valid lead.created payload (the contracts example) for a new lead of the tenant. */
    static ObjectNode leadCreatedPayload(String leadId, String tenant) {
        try {
            ObjectNode payload = (ObjectNode) JSON.readTree(CrmTestEnvironment.get().projectRoot().resolve(LEAD_CREATED_EXAMPLE).toFile());
            payload.put("leadId", leadId);
            payload.put("tenantId", tenant);
            return payload;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Inserts one lead.created outbox row; returns its id (the event id, ce_id). */
    static UUID insertLeadCreated(String leadId, String tenant) {
        UUID id = UUID.randomUUID();
        DB.execute("INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, source, occurred_at, tenant_id) "
                        + "VALUES (?, 'lead', ?, 'lead.created', ?::jsonb, '/lead-service', now(), ?)",
                id, leadId, leadCreatedPayload(leadId, tenant).toString(), tenant);
        return id;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
