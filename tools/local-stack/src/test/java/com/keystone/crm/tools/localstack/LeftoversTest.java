package com.keystone.crm.tools.localstack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LeftoversTest {
    private final List<Process> spawned = new ArrayList<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(output));

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
    void stopsRecordedProcessesThatAreStillOursAndRemovesTheirPidFiles(@TempDir Path root) throws Exception {
        StackConfig config = new StackConfig(root);
        PidFiles pids = new PidFiles(config.pidsDir());
        Process ours = sleeper("71");
        Process notOurs = sleeper("72");
        pids.write("lead-service", ours.toHandle(), "sleep 71");
        // the pid was recycled by some other program: the marker does not match, it must survive
        pids.write(new PidFile("workflow-service", notOurs.pid(), "quarkus-run.jar", Optional.empty()));

        int stopped = new Leftovers(config, console).clean();

        assertThat(stopped).isEqualTo(1);
        assertThat(Processes.awaitExit(ours.toHandle(), java.time.Duration.ofSeconds(5))).isTrue();
        assertThat(notOurs.isAlive()).isTrue();
        assertThat(pids.names()).isEmpty();
        assertThat(output.toString()).contains("stopping leftover lead-service (pid " + ours.pid() + ")");
    }

    @Test
    void keepsTheSupervisorRecordForTheCaller(@TempDir Path root) {
        StackConfig config = new StackConfig(root);
        PidFiles pids = new PidFiles(config.pidsDir());
        pids.write(new PidFile(Leftovers.SUPERVISOR, 999_999_999L, "local-stack", Optional.empty()));

        new Leftovers(config, console).clean();

        assertThat(pids.names()).containsExactly(Leftovers.SUPERVISOR);
    }

    @Test
    void stopOrderIsReaperServicesInReverseRelayKafkaPostgres() {
        List<String> names = new ArrayList<>(List.of("postgres", "kafka", "api-gateway", "cdc-relay", "reaper",
                "notification-service", "lead-service"));
        names.sort(Comparator.comparingInt(Leftovers::stopRank));

        assertThat(names).containsExactly("reaper", "notification-service", "lead-service", "api-gateway", "cdc-relay",
                "kafka", "postgres");
    }

    @Test
    void readsThePostmasterPidFromTheDataDirectory(@TempDir Path dataDir) throws Exception {
        Files.writeString(dataDir.resolve("postmaster.pid"), "12345\n" + dataDir + "\n1700000000\n15432\n");

        assertThat(Leftovers.postmasterPid(dataDir)).contains(12345L);
        assertThat(Leftovers.postmasterPid(dataDir.resolve("missing"))).isEmpty();
    }
}
