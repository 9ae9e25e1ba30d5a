package com.keystone.crm.tools.localstack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PidFilesTest {
    private final List<Process> spawned = new ArrayList<>();

    @AfterEach
    void killSpawned() {
        spawned.forEach(Process::destroyForcibly);
    }

    private Process sleeper(String seconds) throws Exception {
        Process p = new ProcessBuilder("sleep", seconds).start();
        spawned.add(p);
        return p;
    }

    @Test
    void writeThenReadRoundTrips(@TempDir Path dir) throws Exception {
        PidFiles pids = new PidFiles(dir.resolve("pids"));
        Process p = sleeper("61");

        PidFile written = pids.write("kafka", p.toHandle(), "sleep 61");

        assertThat(Files.exists(dir.resolve("pids/kafka.pid"))).isTrue();
        assertThat(pids.read("kafka")).contains(written);
        assertThat(written.pid()).isEqualTo(p.pid());
        assertThat(written.started()).isPresent();
        assertThat(pids.names()).containsExactly("kafka");
        assertThat(pids.all()).containsExactly(written);
    }

    @Test
    void aLiveProcessWithTheMarkerInItsCommandLineIsRunning(@TempDir Path dir) throws Exception {
        PidFiles pids = new PidFiles(dir);
        Process p = sleeper("62");

        assertThat(pids.write("svc", p.toHandle(), "sleep 62").isRunning()).isTrue();
    }

    @Test
    void aRecycledPidIsNotOurs(@TempDir Path dir) throws Exception {
        Process p = sleeper("63");

        // same pid, but the command line no longer has our marker
        assertThat(new PidFile("svc", p.pid(), "quarkus-run.jar", Optional.empty()).isRunning()).isFalse();
        // same pid and marker, but a different start time: another process got the pid
        assertThat(new PidFile("svc", p.pid(), "sleep 63", Optional.of(Instant.now().minusSeconds(3600))).isRunning())
                .isFalse();
    }

    @Test
    void aDeadProcessIsNotRunning(@TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        PidFile record = new PidFile("svc", p.pid(), "true", Optional.empty());

        assertThat(record.isRunning()).isFalse();
    }

    @Test
    void unreadableOrMissingFilesReadAsEmpty(@TempDir Path dir) throws Exception {
        PidFiles pids = new PidFiles(dir);
        Files.writeString(dir.resolve("broken.pid"), "pid=not-a-number\nmarker=x\n");

        assertThat(pids.read("broken")).isEmpty();
        assertThat(pids.read("absent")).isEmpty();
        assertThat(pids.all()).isEmpty();
        assertThat(pids.names()).containsExactly("broken");
    }

    @Test
    void deleteIfPidKeepsARecordThatAnotherRunReplaced(@TempDir Path dir) {
        PidFiles pids = new PidFiles(dir);
        pids.write(new PidFile("relay", 4242, "cdc-relay.jar", Optional.empty()));

        pids.deleteIfPid("relay", 1111);
        assertThat(pids.read("relay")).isPresent();

        pids.deleteIfPid("relay", 4242);
        assertThat(pids.read("relay")).isEmpty();
    }

    @Test
    void commandLineOfThisJvmMentionsJava() {
        assertThat(PidFile.commandLine(ProcessHandle.current().pid())).contains("java");
    }
}
