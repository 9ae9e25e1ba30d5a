package com.keystone.crm.platform.cdcrelay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Paths and environments shared by the tests. */
final class TestFiles {

    private TestFiles() {
    }

    /** {@code deploy/connect} of this repository (surefire passes {@code crm.root}). */
    static Path deployConnectDir() {
        String root = System.getProperty("crm.root");
        Path dir = root != null ? Path.of(root, "deploy", "connect") : Path.of("../../deploy/connect");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("../../deploy/connect");
        }
        return dir.toAbsolutePath().normalize();
    }

    static Map<String, String> dbEnv(String host, int port) {
        return Map.of(
                "CRM_DB_HOST", host,
                "CRM_DB_PORT", Integer.toString(port),
                "CRM_DB_USER", "postgres",
                "CRM_DB_PASSWORD", "postgres");
    }
}
