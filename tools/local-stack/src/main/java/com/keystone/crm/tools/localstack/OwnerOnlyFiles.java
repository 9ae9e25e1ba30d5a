package com.keystone.crm.tools.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a secret of the local stack (the token signing key, the MLS master key) readable by its owner only, where the
 * file system can say so.
 */
final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {
    }

    static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the data directory's own permissions protect it
        }
    }
}
