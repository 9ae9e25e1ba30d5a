package com.keystone.crm.platform.contracts;

import java.util.List;

/**
 * The service directory names. The same name is the artifactId, {@code quarkus.application.name}, the Kafka
 * {@code group.id}, the database name and the CloudEvents source ({@code /<name>}).
 */
public final class ServiceNames {

    public static final String API_GATEWAY = "api-gateway";
    public static final String LEAD_SERVICE = "lead-service";
    public static final String PROPERTY_SYNC_SERVICE = "property-sync-service";
    public static final String WORKFLOW_SERVICE = "workflow-service";
    public static final String SCORING_SERVICE = "scoring-service";
    public static final String NOTIFICATION_SERVICE = "notification-service";

    /** All services, in the order of DESIGN §2. */
    public static final List<String> ALL = List.of(
            API_GATEWAY, LEAD_SERVICE, PROPERTY_SYNC_SERVICE, WORKFLOW_SERVICE, SCORING_SERVICE, NOTIFICATION_SERVICE);

    private ServiceNames() {
    }

    /** The dead-letter topic of a service: {@code <service>.dlq}. */
    public static String deadLetterTopic(String service) {
        return service + ".dlq";
    }
}
