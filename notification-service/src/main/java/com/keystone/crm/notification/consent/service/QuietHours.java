package com.keystone.crm.notification.consent.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When a marketing SMS may go out, in the recipient's local time: the federal window (8:00-21:00) or a stricter
 * state window, both data ({@code consent/quiet-hours.json}). The recipient's zone comes from the request, else from
 * the number's area code (a state spanning several zones: the window must be open in all of them), else the tenant's.
 */
@ApplicationScoped
public class QuietHours {
    private static final int MAX_DAYS_AHEAD = 8;

    private final Window defaultWindow;
    private final Map<String, Map<DayOfWeek, Optional<Window>>> states = new HashMap<>();
    private final Map<String, String> stateOfAreaCode = new HashMap<>();
    private final Map<String, List<ZoneId>> stateZones = new HashMap<>();

    public QuietHours(ObjectMapper mapper) {
        JsonNode root;
        try (InputStream in = QuietHours.class.getResourceAsStream("/consent/quiet-hours.json")) {
            root = mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        defaultWindow = Window.of(root.get("default"));
        root.get("states").fields().forEachRemaining(state -> {
            Map<DayOfWeek, Optional<Window>> days = new EnumMap<>(DayOfWeek.class);
            Window all = Window.of(state.getValue().get("all"));
            for (DayOfWeek day : DayOfWeek.values()) {
                JsonNode special = state.getValue().get(day.name());
                if (state.getValue().has(day.name())) {
                    days.put(day, special.isNull() ? Optional.empty() : Optional.of(Window.of(special)));
                } else {
                    days.put(day, Optional.of(all));
                }
            }
            states.put(state.getKey(), days);
        });
        root.get("areaCodes").fields().forEachRemaining(state ->
                state.getValue().forEach(code -> stateOfAreaCode.put(code.asText(), state.getKey())));
        root.get("stateZones").fields().forEachRemaining(state -> {
            List<ZoneId> zones = new ArrayList<>();
            state.getValue().forEach(z -> zones.add(ZoneId.of(z.asText())));
            stateZones.put(state.getKey(), zones);
        });
    }

    /**
     * Whether a message waits for the recipient's window: marketing SMS (TCPA) and marketing pushes; transactional
     * messages and email never do. The delivery worker and the send-times answer both ask this.
     */
    public static boolean holds(String channel, boolean marketing) {
        return marketing && ("sms".equals(channel) || "push".equals(channel));
    }

    /** Where the recipient is, as far as quiet hours go. */
    public Recipient locate(String e164, String requestZone, ZoneId tenantZone) {
        String state = stateOf(e164);
        if (requestZone != null && !requestZone.isBlank()) {
            try {
                return new Recipient(state, List.of(ZoneId.of(requestZone)));
            } catch (DateTimeException e) {
                // an unknown zone name in the request: fall through to the number, then the tenant
            }
        }
        if (state != null && stateZones.containsKey(state)) {
            return new Recipient(state, stateZones.get(state));
        }
        return new Recipient(state, List.of(tenantZone));
    }

    /** The earliest instant at or after {@code now} inside the recipient's window in every one of its zones. */
    public Instant nextAllowed(Instant now, Recipient recipient) {
        Instant candidate = now;
        for (int round = 0; round < MAX_DAYS_AHEAD * 4; round++) {
            Instant moved = candidate;
            for (ZoneId zone : recipient.zones()) {
                moved = nextOpen(moved, zone, recipient.state());
            }
            if (moved.equals(candidate)) {
                return candidate;
            }
            candidate = moved;
        }
        return candidate;
    }

    /** The earliest instant at or after {@code at} that is inside the window in this zone. */
    private Instant nextOpen(Instant at, ZoneId zone, String state) {
        ZonedDateTime local = at.atZone(zone);
        for (int d = 0; d <= MAX_DAYS_AHEAD; d++) {
            LocalDate date = local.toLocalDate().plusDays(d);
            Optional<Window> window = windowOn(state, date.getDayOfWeek());
            if (window.isEmpty()) {
                continue;
            }
            // atZone resolves a start inside a DST gap to the first valid instant after it
            Instant start = date.atTime(window.get().start()).atZone(zone).toInstant();
            Instant end = date.atTime(window.get().end()).atZone(zone).toInstant();
            if (!at.isBefore(end)) {
                continue;
            }
            return at.isBefore(start) ? start : at;
        }
        return at;
    }

    private Optional<Window> windowOn(String state, DayOfWeek day) {
        Map<DayOfWeek, Optional<Window>> rules = state == null ? null : states.get(state);
        return rules == null ? Optional.of(defaultWindow) : rules.get(day);
    }

    /** The US state of a North American number by its area code, when the data knows it. */
    String stateOf(String e164) {
        if (e164 == null || !e164.startsWith("+1") || e164.length() < 5) {
            return null;
        }
        return stateOfAreaCode.get(e164.substring(2, 5));
    }

    /** The recipient's state (null when unknown) and the zones it may be in. */
    public record Recipient(String state, List<ZoneId> zones) {
    }

    record Window(LocalTime start, LocalTime end) {
        static Window of(JsonNode node) {
            return new Window(LocalTime.parse(node.get("start").asText()), LocalTime.parse(node.get("end").asText()));
        }
    }
}
