package com.keystone.crm.gateway.service;

import com.keystone.crm.gateway.domain.AppUser;
import com.keystone.crm.gateway.repository.AppUserRepository;
import com.keystone.crm.gateway.security.TotpSecretCipher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Re-encrypts TOTP secrets sealed with an older key (or stored plain, before encryption) with the active key:
 * {@code crm.totp.rekey-every} (1 h, first run a few seconds after start), a batch per run in one transaction under
 * the entities' version (a concurrent enrolment or login wins; the batch is taken again next run).
 */
@ApplicationScoped
public class TotpKeyRotation {
    private static final Logger LOG = Logger.getLogger(TotpKeyRotation.class);
    static final int BATCH = 200;

    private final AppUserRepository users;
    private final TotpSecretCipher cipher;

    public TotpKeyRotation(AppUserRepository users, TotpSecretCipher cipher) {
        this.users = users;
        this.cipher = cipher;
    }

    @Scheduled(identity = "gateway-totp-rekey", every = "${crm.totp.rekey-every:1h}", delayed = "${crm.totp.rekey-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return rekey().invoke(n -> {
            if (n > 0) {
                LOG.infof("re-encrypted %d TOTP secrets with key %s", n, cipher.activeKey());
            }
        }).onFailure().invoke(e -> LOG.warnf("TOTP re-key failed: %s", e.toString())).onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Re-seals one batch of rows not under the active key; the number re-sealed. */
    public Uni<Integer> rekey() {
        return Panache.withTransaction(() -> users.find("totpSecret is not null and (totpKeyId is null or totpKeyId <> ?1)",
                        cipher.activeKey()).page(0, BATCH).list()
                .map(this::reseal));
    }

    private int reseal(List<AppUser> rows) {
        for (AppUser u : rows) {
            String plain = cipher.open(u.id, u.totpKeyId, u.totpSecret);
            TotpSecretCipher.Sealed sealed = cipher.seal(u.id, plain);
            u.totpSecret = sealed.text();
            u.totpKeyId = sealed.keyId();
        }
        return rows.size();
    }
}
