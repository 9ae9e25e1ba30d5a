package com.keystone.crm.tools.mlssimulator;

import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator as a process: {@code java -jar mls-simulator.jar --port 8070 --listings 500 --photos 5
 * --seed 42}; prints the URLs and credentials when ready and stops on SIGTERM / Ctrl-C.
 */
public final class MlsSimulatorMain {

    static final String USAGE = """
            usage: java -jar mls-simulator.jar [options]
              --port N            HTTP port (default 8070; 0 = any free port)
              --host NAME         interface / host name in the URLs (default localhost)
              --listings N        listings in the feed at start (default 500)
              --photos N          photos per listing (default 5)
              --seed N            seed of everything generated (default 42)
              --rets-user U       RETS Digest user (default rets-user)
              --rets-password P   RETS Digest password (default rets-pass)
              --user-agent UA     the User-Agent RETS-UA-Authorization is computed with (default KeystoneCRM/1.0)
              --ua-password P     require RETS-UA-Authorization with this UA password (default: not required)
              --client-id ID      OAuth2 client id (default reso-client)
              --client-secret S   OAuth2 client secret (default reso-secret)
              --token-ttl D       OAuth2 token lifetime, e.g. 3600s, 1h, PT1H (default 1h)
              --rets-max-rows N   RETS row cap per search (default 2500)
              --top-cap N         RESO page cap (default 1000)
              --zone +HH:MM       the server's time zone offset (default -05:00)
              --threads N         request threads (default 16)
              --mutate-every D    change the feed on its own at this period, e.g. 30s (default: never)
              --help              this text
            """;

    private MlsSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(USAGE);
            return;
        }
        MlsSimulator sim = MlsSimulator.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "mls-sim-shutdown"));
        printBanner(sim, System.out);
        stopped.await();
    }

    /** The options the flags describe; null for --help. */
    static SimulatorOptions parse(String[] args) {
        SimulatorOptions.Builder b = SimulatorOptions.builder().port(8070).listings(500).photosPerListing(5);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            String v = args[++i];
            try {
                switch (flag) {
                    case "--port" -> b.port(Integer.parseInt(v));
                    case "--host" -> b.host(v);
                    case "--listings" -> b.listings(Integer.parseInt(v));
                    case "--photos" -> b.photosPerListing(Integer.parseInt(v));
                    case "--seed" -> b.seed(Long.parseLong(v));
                    case "--rets-user" -> b.retsUser(v);
                    case "--rets-password" -> b.retsPassword(v);
                    case "--user-agent" -> b.userAgent(v);
                    case "--ua-password" -> b.uaPassword(v);
                    case "--client-id" -> b.oauthClientId(v);
                    case "--client-secret" -> b.oauthClientSecret(v);
                    case "--token-ttl" -> b.tokenTtl(duration(v));
                    case "--rets-max-rows" -> b.retsMaxRows(Integer.parseInt(v));
                    case "--top-cap" -> b.resoTopCap(Integer.parseInt(v));
                    case "--zone" -> b.serverZoneOffset(ZoneOffset.of(v));
                    case "--threads" -> b.threads(Integer.parseInt(v));
                    case "--mutate-every" -> b.autoMutateEvery(duration(v));
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            } catch (java.time.DateTimeException | NumberFormatException e) {
                throw new IllegalArgumentException("bad value for " + flag + ": " + v);
            }
        }
        return b.build();
    }

    /** 250ms, 30s, 5m, 1h, or ISO-8601 (PT30S). */
    static Duration duration(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("pt") || s.startsWith("p")) {
            return Duration.parse(v.trim().toUpperCase(Locale.ROOT));
        }
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        }
        long n = Long.parseLong(s.substring(0, s.length() - 1));
        return switch (s.charAt(s.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> throw new NumberFormatException(v);
        };
    }

    static void printBanner(MlsSimulator sim, PrintStream out) {
        SimulatorOptions o = sim.options();
        out.println("MLS simulator ready: " + sim.feed().size() + " listings x " + o.photosPerListing()
                + " photos, seed " + o.seed() + ", feed clock " + sim.feed().clock());
        out.println("  RETS login      " + sim.retsLoginUrl() + "  (Digest " + o.retsUser() + " / " + o.retsPassword()
                + (o.uaPassword() == null ? "" : ", UA " + o.userAgent() + " / " + o.uaPassword()) + ")");
        out.println("  RESO root       " + sim.resoServiceRoot() + "  ($metadata, Property, Media)");
        out.println("  OAuth2 token    " + sim.oauthTokenUrl() + "  (client_credentials " + o.oauthClientId() + " / "
                + o.oauthClientSecret() + ")");
        out.println("  photos          " + sim.baseUrl() + "/media/<MediaKey>.jpg");
        out.flush();
    }
}
