package com.keystone.crm.scoring;

import com.keystone.crm.platform.contracts.events.Consent;
import com.keystone.crm.platform.contracts.events.LeadActivityRecorded;
import com.keystone.crm.platform.contracts.events.LeadAssigned;
import com.keystone.crm.platform.contracts.events.LeadCreated;
import com.keystone.crm.platform.contracts.events.LeadStatus;
import com.keystone.crm.platform.contracts.events.LeadStatusChanged;
import com.keystone.crm.platform.contracts.events.NotificationDelivered;
import com.keystone.crm.platform.contracts.events.NotificationReplied;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestDatabase;
import com.keystone.crm.platform.testkit.TestTokens;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Lead-service's and notification-service's events as they would publish them, and lead histories as CSV. */
public final class LeadFixtures {
    public static final TestDatabase DB = new TestDatabase("scoring-service");

    private LeadFixtures() {
    }

    public static String admin(String tenant) {
        return TestTokens.token(tenant, "admin-" + tenant, "team-a", "admin");
    }

    public static String agent(String tenant, String user) {
        return TestTokens.token(tenant, user, "team-a", "agent");
    }

    public static UUID created(String tenant, UUID leadId, String agent, Instant at, String source, String timeframe) {
        UUID id = UUID.randomUUID();
        KafkaEvents.publish(leadId.toString(), id, "/lead-service", LeadCreated.builder()
                .withLeadId(leadId).withTenantId(tenant).withVersion(1L).withOccurredAt(at).withCreatedAt(at)
                .withStatus(LeadStatus.NEW).withSource(source).withCreatedBy("ingestion")
                .withAssignedAgentId(agent).withTeamId("team-a").withTimeframe(timeframe)
                .withBudgetMax(new BigDecimal("450000")).withEmails(List.of("lead@example.com"))
                .withConsent(Consent.builder().withSms(true).withEmail(true).build())
                .build());
        return id;
    }

    public static UUID activity(String tenant, UUID leadId, String kind, Instant at) {
        UUID id = UUID.randomUUID();
        KafkaEvents.publish(leadId.toString(), id, "/lead-service", LeadActivityRecorded.builder()
                .withLeadId(leadId).withTenantId(tenant).withVersion(1L).withOccurredAt(at)
                .withActivityId(UUID.randomUUID()).withActivityType(kind).withActorId("agent-1").build());
        return id;
    }

    public static UUID statusChanged(String tenant, UUID leadId, long version, LeadStatus from, LeadStatus to, Instant at) {
        UUID id = UUID.randomUUID();
        KafkaEvents.publish(leadId.toString(), id, "/lead-service", LeadStatusChanged.builder()
                .withLeadId(leadId).withTenantId(tenant).withVersion(version).withOccurredAt(at)
                .withFromStatus(from).withToStatus(to).withChangedBy("agent-1").build());
        return id;
    }

    public static UUID assigned(String tenant, UUID leadId, long version, String agent, Instant at) {
        UUID id = UUID.randomUUID();
        KafkaEvents.publish(leadId.toString(), id, "/lead-service", LeadAssigned.builder()
                .withLeadId(leadId).withTenantId(tenant).withVersion(version).withOccurredAt(at)
                .withAssignedAgentId(agent).withMethod(LeadAssigned.Method.MANUAL).withAssignedBy("admin").build());
        return id;
    }

    public static UUID delivered(String tenant, UUID leadId, Instant at) {
        UUID id = UUID.randomUUID();
        UUID delivery = UUID.randomUUID();
        KafkaEvents.publish(delivery.toString(), id, "/notification-service", NotificationDelivered.builder()
                .withDeliveryId(delivery).withTenantId(tenant).withVersion(1L).withOccurredAt(at)
                .withRequestId(UUID.randomUUID()).withChannel(com.keystone.crm.platform.contracts.events.Channel.SMS)
                .withStatus(NotificationDelivered.Status.DELIVERED).withProvider("twilio").withLeadId(leadId).build());
        return id;
    }

    public static UUID replied(String tenant, UUID leadId, Instant at) {
        UUID id = UUID.randomUUID();
        UUID reply = UUID.randomUUID();
        KafkaEvents.publish(reply.toString(), id, "/notification-service", NotificationReplied.builder()
                .withReplyId(reply).withTenantId(tenant).withVersion(1L).withOccurredAt(at)
                .withChannel(NotificationReplied.Channel.SMS).withFrom("+14155550142").withBody("Yes, call me")
                .withLeadId(leadId).build());
        return id;
    }

    public static void awaitConsumed(UUID eventId) {
        await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> DB.count("SELECT count(*) FROM consumed_event WHERE event_id = ?::uuid", eventId.toString()) == 1);
    }

    /**
     * 600 matured outcomes of an A/B test straight into ab_exposure (as the scoring path records them), 30 % converted
     * within the label window; the arm that ranks well gives its converters a higher probability.
     */
    public static void abOutcomes(String tenant, String experiment, boolean challengerWins, int daysAgo) {
        Random r = new Random(challengerWins ? 3 : 5);
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            boolean converts = r.nextDouble() < 0.3;
            boolean challengerArm = i % 2 == 0;
            double p = 0.3 + (challengerArm == challengerWins && converts ? 0.3 : 0) + r.nextGaussian() * 0.1;
            rows.append(i == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT,
                    "('%s', gen_random_uuid(), '%s', '%s', 'm', %.4f, now() - interval '%d days', now() - interval '%d days', %s)",
                    experiment, tenant, challengerArm ? "challenger" : "champion", Math.max(0.01, Math.min(0.99, p)), daysAgo,
                    daysAgo, converts ? "now() - interval '" + (daysAgo - 5) + " days'" : "NULL"));
        }
        DB.execute("INSERT INTO ab_exposure (experiment_id, lead_id, tenant_id, variant, model_name, probability, "
                + "first_scored_at, scored_at, converted_at) VALUES " + rows);
    }

    /**
     * A previous CRM's export of lead histories, with the feature store's column names, so that a model trained on it
     * scores live leads: replies, fast replies, a short timeframe and referrals convert more, long silence less.
     */
    public static String history(int rows, long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("lead_ref;source;timeframe;activities;replies;replied_within_1h;"
                + "days_since_last_activity;budget_max;race;converted;\r\n");
        String[] sources = {"zillow", "website", "referral", "open-house"};
        String[] timeframes = {"0-3-months", "3-6-months", "6-12-months", "12-plus-months"};
        for (int i = 0; i < rows; i++) {
            String source = sources[r.nextInt(sources.length)];
            String timeframe = timeframes[r.nextInt(timeframes.length)];
            int activities = r.nextInt(8);
            int replies = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 0;
            int fast = replies > 0 && r.nextBoolean() ? 1 : 0;
            int silence = r.nextInt(60);
            double z = -2.6 + 1.0 * fast + 0.6 * Math.min(replies, 2) + (source.equals("referral") ? 0.8 : 0)
                    + (timeframe.equals("0-3-months") ? 0.9 : 0) + 0.12 * activities - 0.03 * silence + r.nextGaussian() * 0.3;
            boolean converted = r.nextDouble() < 1 / (1 + Math.exp(-z));
            b.append("R").append(i).append(';').append(source).append(";\"").append(timeframe).append("\";")
                    .append(activities).append(';').append(replies).append(';').append(fast).append(';')
                    .append(i % 10 == 0 ? "NA" : String.valueOf(silence)).append(';')
                    .append(i % 5 == 0 ? "Select" : String.valueOf(200_000 + r.nextInt(600_000))).append(';')
                    .append(r.nextBoolean() ? "a" : "b").append(';')
                    .append(converted ? "yes" : "no").append(";\r\n");
        }
        return b.toString();
    }
}
