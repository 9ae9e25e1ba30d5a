package com.keystone.crm.property.secret;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * The envelope cipher of this instance, from {@code crm.mls.secrets.active-key} and {@code crm.mls.secrets.keys}
 * (env {@code CRM_MLS_SECRETS_ACTIVE_KEY}, {@code CRM_MLS_SECRETS_KEYS}). Built at startup so a malformed key stops
 * the boot with a message naming the key id (never its bytes). No keys: only configuration references work.
 */
@ApplicationScoped
public class SecretsProducer {

    @Produces
    @Startup
    @Singleton
    EnvelopeCipher cipher(@ConfigProperty(name = "crm.mls.secrets.active-key") Optional<String> activeKey,
                          @ConfigProperty(name = "crm.mls.secrets.keys") Optional<String> keys) {
        return new EnvelopeCipher(MasterKeyRing.parse(activeKey.orElse(null), keys.orElse(null)));
    }
}
