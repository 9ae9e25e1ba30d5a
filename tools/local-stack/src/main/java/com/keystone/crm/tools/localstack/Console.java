package com.keystone.crm.tools.localstack;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** The supervisor's own output: short timestamped lines on stdout (library logging is quieted to WARN). */
public final class Console {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final PrintStream out;

    public Console(PrintStream out) {
        this.out = out;
    }

    public static Console stdout() {
        return new Console(System.out);
    }

    public void info(String format, Object... args) {
        line("", format, args);
    }

    public void warn(String format, Object... args) {
        line("WARN ", format, args);
    }

    public void error(String format, Object... args) {
        line("ERROR ", format, args);
    }

    /** Prints text as it is (the banner, status tables). */
    public void raw(String text) {
        synchronized (out) {
            out.print(text);
            out.flush();
        }
    }

    private void line(String level, String format, Object... args) {
        String text = args.length == 0 ? format : String.format(format, args);
        synchronized (out) {
            out.println("[local-stack " + LocalTime.now().format(TIME) + "] " + level + text);
            out.flush();
        }
    }
}
