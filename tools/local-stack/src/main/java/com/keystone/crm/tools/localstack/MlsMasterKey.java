package com.keystone.crm.tools.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The master key property-sync-service seals MLS credentials given through its API with (envelope encryption), in
 * {@code .local-stack/keys/mls-master.key}: 32 random bytes, made on the first run and kept, so credentials stored
 * earlier still open after a restart. Without one the service accepts only configuration references.
 */
final class MlsMasterKey {
    static final String FILE = "mls-master.key";
    static final String KEY_ID = "local-1";

    private MlsMasterKey() {
    }

    /** property-sync-service's variables for the key of this data directory (made now if there is none). */
    static Map<String, String> environment(Path keysDir) {
        return Map.of("CRM_MLS_SECRETS_KEYS", KEY_ID + ":" + loadOrCreate(keysDir), "CRM_MLS_SECRETS_ACTIVE_KEY", KEY_ID);
    }

    static String loadOrCreate(Path keysDir) {
        Path file = keysDir.resolve(FILE);
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            Files.createDirectories(keysDir);
            OwnerOnlyFiles.write(file, encoded + "\n");
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }
}
