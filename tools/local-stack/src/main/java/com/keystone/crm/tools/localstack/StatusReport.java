package com.keystone.crm.tools.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code run status}: which recorded processes run and what their ports and health endpoints answer. */
public final class StatusReport {
    private final StackConfig config;
    private final PidFiles pids;

    public StatusReport(StackConfig config) {
        this.config = config;
        this.pids = new PidFiles(config.pidsDir());
    }

    /** Renders the report; {@code running} tells whether a supervisor is alive. */
    public String render() {
        StringBuilder b = new StringBuilder();
        Optional<PidFile> supervisor = pids.read(Leftovers.SUPERVISOR);
        boolean up = supervisor.map(PidFile::isRunning).orElse(false);
        b.append(up ? "local stack RUNNING (supervisor pid " + supervisor.get().pid() + ")\n" : "local stack NOT RUNNING\n");
        row(b, Leftovers.POSTGRES, process(Leftovers.POSTGRES), port(StackConfig.POSTGRES_PORT) + "  "
                + config.jdbcUrl("<service>"));
        row(b, Leftovers.KAFKA, process(Leftovers.KAFKA), port(StackConfig.KAFKA_PORT) + "  " + StackConfig.KAFKA_BOOTSTRAP);
        row(b, "s3proxy", up ? "in supervisor" : "-", port(StackConfig.S3_PORT) + "  " + StackConfig.S3_ENDPOINT);
        row(b, Leftovers.RELAY, process(Leftovers.RELAY), http(config.relayUrl("/health/live")) + "  /health "
                + http(config.relayUrl("/health")));
        row(b, MlsSimulatorNode.NAME, process(MlsSimulatorNode.NAME), http(DemoMls.retsLoginUrl(StackConfig.MLS_SIMULATOR_PORT))
                + " (401 = up)  " + DemoMls.baseUrl(StackConfig.MLS_SIMULATOR_PORT));
        for (ServiceSpec s : ServiceSpec.ALL) {
            row(b, s.name(), process(s.name()), http(s.managementUrl() + "/q/health/ready") + "  " + s.baseUrl());
        }
        row(b, Leftovers.REAPER, process(Leftovers.REAPER), "");
        List<String> stale = new ArrayList<>();
        for (PidFile f : pids.all()) {
            if (!f.isRunning()) {
                stale.add(f.name());
            }
        }
        if (!stale.isEmpty()) {
            b.append("stale pid files (process gone): ").append(String.join(", ", stale)).append('\n');
        }
        b.append("data ").append(config.display(config.dataDir())).append("/, logs ")
                .append(config.display(config.logsDir())).append("/\n");
        return b.toString();
    }

    private String process(String name) {
        return pids.read(name).map(f -> f.isRunning() ? "pid " + f.pid() : "pid " + f.pid() + " (gone)").orElse("-");
    }

    private static String port(int port) {
        return Waits.portOpen(port) ? "port " + port + " open" : "port " + port + " closed";
    }

    private static String http(String url) {
        int status = Waits.httpStatus(url);
        return status < 0 ? "no answer" : "HTTP " + status;
    }

    private static void row(StringBuilder b, String name, String process, String detail) {
        b.append(String.format("  %-22s %-20s %s%n", name, process, detail));
    }
}
