package com.keystone.crm.platform.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Test helpers: the valid example payloads and the schema files on the classpath. */
final class Examples {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Examples() {
    }

    /** A fresh, mutable copy of {@code examples/<type>.json}. */
    static ObjectNode of(String eventType) {
        return (ObjectNode) read("examples/" + eventType + ".json");
    }

    static JsonNode read(String resource) {
        try (InputStream in = Examples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** File names under {@code contracts/schemas/} on the classpath (directory or jar). */
    static List<String> schemaFileNames() {
        URL url = Examples.class.getClassLoader().getResource("contracts/schemas");
        if (url == null) {
            throw new IllegalStateException("contracts/schemas not on the classpath");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                    return list(fs.getPath("contracts/schemas"));
                }
            }
            return list(Path.of(uri));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
