package com.keystone.crm.tools.localstack;

import java.util.List;
import java.util.Map;

/** The text printed once the stack is up: every URL, the credentials, the demo tokens and how to stop. */
public final class Banner {

    /** What became of one service in this run. */
    public enum ServiceState { RUNNING, NOT_BUILT, NO_MODULE }

    public record ServiceLine(ServiceSpec spec, ServiceState state, boolean swaggerUi) {
    }

    /** What the relay is doing when the banner is printed (its /health is 200 only when every connector streams). */
    public enum RelayState { STREAMING, STARTING_CONNECTORS, NOT_BUILT }

    /**
     * The demo MLS: the simulator's port, the providers created in property-sync-service (empty when it does not run)
     * and why seeding them failed (null when it did not).
     */
    public record Mls(int port, List<MlsProviderSeeder.Seeded> providers, String seedError) {
    }

    /** The demo tenant's workflows (empty when they were not seeded) and why seeding failed (null when it did not). */
    public record Automation(List<AutomationSeeder.Workflow> workflows, String seedError, String routedTo,
                             String routingError) {
        public Automation(List<AutomationSeeder.Workflow> workflows, String seedError) {
            this(workflows, seedError, null, null);
        }
    }

    private final StackConfig config;
    private Automation automation;
    private Mls mls;
    /** Whether the provider fakes run; null: not part of this banner. */
    private Boolean providerFakes;
    private final List<ServiceLine> services;
    private final RelayState relay;
    private final Map<DemoUser, String> tokens;
    private final double startupSeconds;
    private final boolean viaGateway;

    public Banner(StackConfig config, List<ServiceLine> services, RelayState relay, Map<DemoUser, String> tokens,
                  double startupSeconds) {
        this(config, services, relay, tokens, startupSeconds, false);
    }

    /** viaGateway: the users live in the api-gateway, which issued the tokens; print their credentials too. */
    public Banner(StackConfig config, List<ServiceLine> services, RelayState relay, Map<DemoUser, String> tokens,
                  double startupSeconds, boolean viaGateway) {
        this.viaGateway = viaGateway;
        this.config = config;
        this.services = List.copyOf(services);
        this.relay = relay;
        this.tokens = tokens;
        this.startupSeconds = startupSeconds;
    }

    /** Adds the demo MLS section (simulator URLs, providers, sync dashboard, property search). */
    public Banner withMls(Mls mls) {
        this.mls = mls;
        return this;
    }

    /** Adds the automation section: the demo workflows, the scoring mode and the message sink walkthrough. */
    public Banner withAutomation(Automation automation) {
        this.automation = automation;
        return this;
    }

    /** Adds the provider fakes line: the message sink page and each fake's port, or why they do not run. */
    public Banner withProviderFakes(boolean running) {
        this.providerFakes = running;
        return this;
    }

    public String render() {
        String rule = "=".repeat(100) + "\n";
        StringBuilder b = new StringBuilder("\n").append(rule);
        b.append(String.format(" Keystone CRM local stack is up (%.1f s). Data in %s/, logs in %s/%n",
                startupSeconds, config.display(config.dataDir()), config.display(config.logsDir())));
        b.append("-".repeat(100)).append('\n');
        row(b, "PostgreSQL 17", config.jdbcUrl("<service>") + "   user " + StackConfig.PG_USER + " / password "
                + StackConfig.PG_PASSWORD);
        row(b, "", "databases: " + String.join(", ", ServiceSpec.ALL.stream().map(ServiceSpec::database).toList()));
        row(b, "Kafka (KRaft)", StackConfig.KAFKA_BOOTSTRAP + "   (controller localhost:" + StackConfig.KAFKA_CONTROLLER_PORT
                + ", topics from topics.json, no auto-creation)");
        row(b, "S3 (s3proxy)", StackConfig.S3_ENDPOINT + "   bucket " + StackConfig.S3_BUCKET + ", access key "
                + StackConfig.S3_ACCESS_KEY + " / secret " + StackConfig.S3_SECRET_KEY);
        switch (relay) {
            case STREAMING -> row(b, "CDC relay", config.relayUrl("/health") + "   (all connectors streaming)");
            case STARTING_CONNECTORS -> row(b, "CDC relay", config.relayUrl("/health")
                    + "   (live; connectors start as service databases get their outbox)");
            case NOT_BUILT -> row(b, "CDC relay", "NOT RUNNING: " + config.display(config.relayJar())
                    + " is missing (build platform/cdc-relay); outbox events will not reach Kafka");
        }
        for (ServiceLine s : services) {
            switch (s.state()) {
                case RUNNING -> {
                    row(b, s.spec().name(), s.spec().baseUrl() + "   health " + s.spec().managementUrl() + "/q/health");
                    if (s.swaggerUi()) {
                        row(b, "", "swagger " + s.spec().baseUrl() + "/q/swagger-ui");
                    }
                }
                case NOT_BUILT -> row(b, s.spec().name(), "not started: " + config.display(config.serviceJar(s.spec()))
                        + " is missing");
                case NO_MODULE -> row(b, s.spec().name(), "not started: no module yet");
            }
        }
        if (providerFakes != null) {
            if (providerFakes) {
                row(b, "Provider fakes", ProviderFakesNode.sinkUrl() + "   message sink: every e-mail, SMS and push sent; reply to an SMS");
                row(b, "", "Twilio :" + ProviderFakesNode.TWILIO_PORT + " (account " + ProviderFakesNode.TWILIO_ACCOUNT_SID
                        + "), SMTP :" + ProviderFakesNode.SMTP_PORT + ", SES/SNS :" + ProviderFakesNode.AWS_PORT
                        + ", FCM :" + ProviderFakesNode.FCM_PORT + ", APNs :" + ProviderFakesNode.APNS_PORT);
            } else {
                row(b, "Provider fakes", "NOT RUNNING: " + config.display(config.providerFakesJar())
                        + " is missing (build tools/provider-fakes); notification-service cannot deliver");
            }
        }
        b.append("-".repeat(100)).append('\n');
        row(b, "Demo tenant", DemoUser.TENANT + " (team " + (viaGateway ? GatewaySeeder.TEAM_NAME : DemoUser.TEAM) + "), JWT issuer " + StackConfig.JWT_ISSUER
                + ", audience " + StackConfig.JWT_AUDIENCE);
        if (viaGateway) {
            row(b, "Demo credentials", DemoUser.ADMIN.email() + " / " + GatewaySeeder.ADMIN_PASSWORD + "   (admin)");
            row(b, "", DemoUser.AGENT.email() + " / " + GatewaySeeder.AGENT_PASSWORD + "   (agent)");
            row(b, "", "log in: curl -s -X POST localhost:8080/auth/login -H 'Content-Type: application/json' -d '{\"email\":\""
                    + DemoUser.AGENT.email() + "\",\"password\":\"" + GatewaySeeder.AGENT_PASSWORD + "\"}'");
            row(b, "Demo tokens", config.display(config.demoTokensFile()) + "   (issued by the api-gateway, valid 5 min; load with: set -a; . "
                    + config.display(config.demoTokensFile()) + "; set +a)");
        } else {
            row(b, "Demo tokens", config.display(config.demoTokensFile()) + "   (valid 12 h; load with: set -a; . "
                    + config.display(config.demoTokensFile()) + "; set +a)");
        }
        tokens.forEach((user, token) -> {
            row(b, DemoSeeder.envName(user), (viaGateway ? user.email() : user.userId()) + " " + user.roles());
            b.append(token).append('\n');
        });
        if (automation != null) {
            renderAutomation(b);
        }
        if (mls != null) {
            renderMls(b);
        }
        b.append("-".repeat(100)).append('\n');
        b.append(" Ctrl-C or `tools/local-stack/run stop` to stop\n");
        b.append(rule);
        return b.toString();
    }

    private void renderAutomation(StringBuilder b) {
        b.append("-".repeat(100)).append('\n');
        if (automation.seedError() != null) {
            row(b, "Workflows", "NOT SEEDED: " + automation.seedError());
        }
        for (AutomationSeeder.Workflow w : automation.workflows()) {
            row(b, automation.workflows().indexOf(w) == 0 ? "Workflows" : "", w.status() + "  " + w.name() + "  (" + w.id() + ")");
        }
        if (automation.routedTo() != null) {
            row(b, "Lead routing", "every new lead goes to " + automation.routedTo() + " (rule \"" + AutomationSeeder.ROUTING_RULE_NAME + "\")");
        } else if (automation.routingError() != null) {
            row(b, "Lead routing", "NO RULE: " + automation.routingError() + " (new leads stay unassigned; admins see them)");
        }
        row(b, "Lead scoring", "rule-based fallback (the points table of GET /api/v1/scoring-policy) until a model is trained");
        if (Boolean.TRUE.equals(providerFakes)) {
            row(b, "Message sink", ProviderFakesNode.sinkUrl() + "   open it, send a lead inquiry (README walkthrough), watch"
                    + " the text arrive, reply STOP there");
        }
    }

    private void renderMls(StringBuilder b) {
        b.append("-".repeat(100)).append('\n');
        row(b, "MLS simulator", DemoMls.baseUrl(mls.port()) + "   (" + DemoMls.LISTINGS + " listings, "
                + DemoMls.PHOTOS_PER_LISTING + " photos each, seed " + DemoMls.SEED + ", changes every " + DemoMls.MUTATE_EVERY + ")");
        row(b, "", "RESO Web API " + DemoMls.resoServiceRoot(mls.port()) + "   OAuth2 " + DemoMls.oauthTokenUrl(mls.port())
                + " client " + DemoMls.RESO_CLIENT_ID + " / " + DemoMls.RESO_CLIENT_SECRET);
        row(b, "", "RETS 1.7.2   " + DemoMls.retsLoginUrl(mls.port()) + "   Digest " + DemoMls.RETS_USER + " / "
                + DemoMls.RETS_PASSWORD);
        if (mls.seedError() != null) {
            row(b, "MLS providers", "NOT CREATED: " + mls.seedError());
        }
        for (MlsProviderSeeder.Seeded p : mls.providers()) {
            row(b, mls.providers().indexOf(p) == 0 ? "MLS providers" : "", p.name() + " (" + p.protocol() + ") id " + p.id()
                    + (p.syncRunId() == null ? ", a sync was already running" : ", sync run " + p.syncRunId() + " requested"));
        }
        if (!mls.providers().isEmpty()) {
            String sync = ServiceSpec.named(QuarkusServiceNode.PROPERTY_SYNC).orElseThrow().baseUrl();
            String api = viaGateway ? ServiceSpec.named("api-gateway").orElseThrow().baseUrl() : sync;
            String tokens = config.display(config.demoTokensFile());
            row(b, "Sync dashboard", sync + "/admin/sync-dashboard#token=<admin token>   (the token goes in the URL fragment, "
                    + "or paste it into the page)");
            row(b, "", "e.g. set -a; . " + tokens + "; set +a; xdg-open \"" + sync + "/admin/sync-dashboard#token=$DEMO_ADMIN_TOKEN\"");
            row(b, "Property search", "curl -s '" + api + "/api/v1/properties?status=Active&minBeds=3&limit=5' -H \"Authorization: Bearer $DEMO_AGENT_TOKEN\"");
            row(b, "", "sync runs: curl -s " + api + "/api/v1/mls/sync-runs -H \"Authorization: Bearer $DEMO_ADMIN_TOKEN\"");
        }
    }

    private static void row(StringBuilder b, String label, String value) {
        b.append(String.format(" %-22s %s%n", label, value));
    }
}
