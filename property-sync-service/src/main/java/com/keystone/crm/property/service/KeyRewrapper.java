package com.keystone.crm.property.service;

import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import com.keystone.crm.property.domain.Provider;
import com.keystone.crm.property.repository.NativeSql;
import com.keystone.crm.property.secret.EnvelopeCipher;
import com.keystone.crm.property.secret.SealedSecret;
import com.keystone.crm.property.secret.SecretUnavailableException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Base64;
import java.util.List;

/**
 * Master key rotation: configure the new key beside the old one, make it active and roll the instances; at startup
 * each instance re-wraps the data keys still under another master key (the secrets themselves are not re-encrypted).
 * Once no row names the old key ({@code SELECT DISTINCT secret_key_id FROM mls_provider}), drop it from the
 * configuration. A row whose key is not configured is left as it is and logged (its provider's runs fail saying so).
 * Each update is guarded by the key id read, so replicas doing this at once, or an admin storing new credentials
 * meanwhile, lose nothing.
 */
@ApplicationScoped
public class KeyRewrapper {
    private static final Logger LOG = Logger.getLogger(KeyRewrapper.class);
    static final String UPDATE = "UPDATE mls_provider SET secret_key_id = ?2, secret_wrapped_key = decode(?3, 'base64') "
            + "WHERE id = ?1 AND secret_key_id = ?4 AND secret_ciphertext = decode(?5, 'base64')";

    private final EnvelopeCipher cipher;
    private final ProviderCredentials credentials;

    public KeyRewrapper(EnvelopeCipher cipher, ProviderCredentials credentials) {
        this.cipher = cipher;
        this.credentials = credentials;
    }

    void onStart(@Observes StartupEvent event) {
        if (!cipher.canSeal()) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                rewrapAll();
            } catch (RuntimeException e) {
                LOG.warnf("re-wrapping stored MLS credentials failed (%s); it is tried again at the next start", e.getMessage());
            }
        }, "mls-key-rewrap");
        t.setDaemon(true);
        t.start();
    }

    /** Re-wraps every stored secret not under the active master key; answers how many rows changed. */
    public int rewrapAll() {
        if (!cipher.canSeal()) {
            return 0;
        }
        String active = cipher.activeKeyId();
        List<Provider> stale = LeasedWorker.await(() -> Panache.withSession(() -> Provider
                .<Provider>list("secretKeyId is not null and secretKeyId <> ?1", active)));
        int done = 0;
        for (Provider p : stale) {
            SealedSecret fresh;
            try {
                fresh = credentials.rewrapped(p);
            } catch (SecretUnavailableException e) {
                LOG.warnf("provider %s: credentials not re-wrapped: %s", p.id, e.getMessage());
                continue;
            }
            if (fresh == null) {
                continue;
            }
            Base64.Encoder b64 = Base64.getEncoder();
            int n = LeasedWorker.await(() -> Panache.withTransaction(() -> NativeSql.execute(UPDATE, p.id, fresh.keyId(),
                    b64.encodeToString(fresh.wrappedKey()), p.secretKeyId, b64.encodeToString(p.secretCiphertext))));
            done += n;
        }
        if (done > 0) {
            LOG.infof("re-wrapped the stored credentials of %d provider(s) under master key '%s'", done, active);
        }
        return done;
    }
}
