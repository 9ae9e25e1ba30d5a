package com.keystone.crm.gateway.service;

import com.keystone.crm.gateway.config.BootstrapConfig;
import com.keystone.crm.gateway.security.KeyRing;
import com.keystone.crm.gateway.security.RevocationList;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * At start: a signing key exists, the revocation list is loaded, and the configured first tenant has its first admin.
 * Then, periodically: rotate the key when due, pick up what other instances changed, forget expired entries.
 */
@ApplicationScoped
public class GatewayStartup {
    private static final Logger LOG = Logger.getLogger(GatewayStartup.class);

    private final KeyRing keys;
    private final RevocationList revocations;
    private final UserAdmin users;
    private final BootstrapConfig bootstrap;
    private final CrmClock clock;

    public GatewayStartup(KeyRing keys, RevocationList revocations, UserAdmin users, BootstrapConfig bootstrap,
                          CrmClock clock) {
        this.clock = clock;
        this.keys = keys;
        this.revocations = revocations;
        this.users = users;
        this.bootstrap = bootstrap;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> keys.ensureCurrent(clock.now()).chain(revocations::reload));
        if (bootstrap.tenantId().isPresent() && bootstrap.adminEmail().isPresent() && bootstrap.adminPassword().isPresent()) {
            boolean created = VertxContextSupport.subscribeAndAwait(() -> users.bootstrap(bootstrap.tenantId().get(),
                    bootstrap.tenantName().orElse(null), bootstrap.adminEmail().get(), bootstrap.adminPassword().get()));
            LOG.infof(created ? "created tenant %s's first admin %s" : "tenant %s has users already; %s not created",
                    bootstrap.tenantId().get(), bootstrap.adminEmail().get());
        }
    }

    @Scheduled(every = "${crm.revocations.reload-every:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reloadRevocations() {
        return revocations.reload();
    }

    @Scheduled(every = "${crm.tokens.check-every:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> maintainKeys() {
        Instant now = clock.now();
        return keys.ensureCurrent(now).chain(() -> keys.purge(now)).chain(() -> revocations.purge(now));
    }
}
