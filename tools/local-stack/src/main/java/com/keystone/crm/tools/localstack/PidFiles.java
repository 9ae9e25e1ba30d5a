package com.keystone.crm.tools.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** Reads and writes the pid files under {@code .local-stack/pids/} ({@code <name>.pid}, a small properties file). */
public final class PidFiles {
    private static final String SUFFIX = ".pid";
    private final Path dir;

    public PidFiles(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name + SUFFIX);
    }

    /** Records a process; the marker is a string its command line contains (see {@link PidFile#isRunning()}). */
    public PidFile write(String name, ProcessHandle process, String marker) {
        PidFile record = new PidFile(name, process.pid(), marker, process.info().startInstant());
        write(record);
        return record;
    }

    public void write(PidFile record) {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(record.pid()));
        p.setProperty("marker", record.marker());
        record.started().ifPresent(s -> p.setProperty("started", s.toString()));
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, record.name(), ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "local-stack: " + record.name());
            }
            try {
                Files.move(tmp, file(record.name()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file(record.name()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file(record.name()), e);
        }
    }

    /** The record of a name; empty if there is none or it is unreadable (a half-written file counts as none). */
    public Optional<PidFile> read(String name) {
        Path f = file(name);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f)) {
            p.load(r);
            long pid = Long.parseLong(p.getProperty("pid", "").trim());
            String marker = p.getProperty("marker", "");
            Optional<Instant> started = Optional.ofNullable(p.getProperty("started")).map(Instant::parse);
            if (marker.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new PidFile(name, pid, marker, started));
        } catch (IOException | NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Every record in the directory, in no particular order. */
    public List<PidFile> all() {
        List<PidFile> result = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return result;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                String fileName = f.getFileName().toString();
                read(fileName.substring(0, fileName.length() - SUFFIX.length())).ifPresent(result::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    /** Names of pid files present, readable or not. */
    public List<String> names() {
        List<String> result = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return result;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                String fileName = f.getFileName().toString();
                result.add(fileName.substring(0, fileName.length() - SUFFIX.length()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    public void delete(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the record only if it still names this pid (another run may have replaced it). */
    public void deleteIfPid(String name, long pid) {
        if (read(name).map(r -> r.pid() == pid).orElse(false)) {
            delete(name);
        }
    }
}
