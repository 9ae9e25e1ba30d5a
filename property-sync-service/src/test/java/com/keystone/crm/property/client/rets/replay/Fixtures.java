package com.keystone.crm.property.client.rets.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the recorded RETS answers: {@code -Dmls.fixtures=<dir>} when given, else {@code shared/mls-fixtures} in the
 * nearest ancestor of the working directory that has one (the issue's {@code ../shared/mls-fixtures} from the
 * repository root, {@code ../../shared/...} from a module, the same for every worktree).
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path root() {
        String configured = System.getProperty("mls.fixtures");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("mls-fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/mls-fixtures above " + Paths.get("").toAbsolutePath()
                + "; pass -Dmls.fixtures=<dir>");
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }

    public static Recorded load(String relative) {
        try {
            return Recorded.load(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every recorded answer under the root: licence files and READMEs are not answers. */
    public static List<Path> all() {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals("LICENSE") && !f.getFileName().toString().endsWith(".md"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
