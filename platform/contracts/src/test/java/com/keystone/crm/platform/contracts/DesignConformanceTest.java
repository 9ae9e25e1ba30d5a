package com.keystone.crm.platform.contracts;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue follows DESIGN §2: the same topic names, and every "publishes"/"consumes" cell of the services
 * table is in the catalogue. The issues add to the table (lead-service consumes user.*, api-gateway also
 * requests notifications), so the catalogue may list more than the table, never less.
 */
class DesignConformanceTest {

    /** The event types named in DESIGN §2, written down so the check also runs where DESIGN.md is absent. */
    private static final Map<String, List<List<String>>> DESIGN_TABLE = new LinkedHashMap<>();

    static {
        // service -> [publishes, consumes]
        DESIGN_TABLE.put("api-gateway", List.of(List.of("user.created", "user.updated"), List.of()));
        DESIGN_TABLE.put("lead-service", List.of(
                List.of("lead.created", "lead.updated", "lead.status-changed", "lead.assigned", "lead.activity-recorded",
                        "task.created", "task.completed"),
                List.of("lead.scored", "task.requested", "lead.update-requested", "notification.replied", "contact.opted-out",
                        "property.updated")));
        DESIGN_TABLE.put("property-sync-service", List.of(
                List.of("property.updated", "property.removed", "mls.sync-completed"), List.of()));
        DESIGN_TABLE.put("workflow-service", List.of(
                List.of("notification.requested", "task.requested", "lead.update-requested", "workflow.enrollment-changed"),
                List.of("lead.created", "lead.status-changed", "lead.scored", "lead.activity-recorded",
                        "notification.delivered", "notification.failed", "notification.replied", "contact.opted-out",
                        "property.updated")));
        DESIGN_TABLE.put("scoring-service", List.of(
                List.of("lead.scored"),
                List.of("lead.created", "lead.updated", "lead.status-changed", "lead.activity-recorded",
                        "notification.delivered", "notification.replied")));
        DESIGN_TABLE.put("notification-service", List.of(
                List.of("notification.delivered", "notification.failed", "notification.replied", "contact.opted-out"),
                List.of("notification.requested", "lead.assigned")));
    }

    /**
     * Event types the issues added that DESIGN §2 does not name with a topic (§2 says "an access-revocation event";
     * §5 promises the audit of data access): type -> its producer. Only these may be in the catalogue beyond the table.
     */
    static final Map<String, String> ADDED_BY_ISSUES = Map.of(
            "auth.access-revoked", "api-gateway",   // issue #10 item 3
            "audit.recorded", "lead-service",       // issue #10 item 4
            "model.drift-detected", "scoring-service"); // issue #14 item 9: drift is "a visible alert (an event ...)"

    private final TopicCatalogue catalogue = TopicCatalogue.load();

    @Test
    void catalogueMatchesTheDesignTable() {
        assertConforms(DESIGN_TABLE);
    }

    @Test
    void catalogueMatchesDesignMdWhereItIsPresent() throws IOException {
        Path design = findDesign();
        Assumptions.assumeTrue(design != null, "DESIGN.md not found beside the repository; the written-down table was checked");
        Map<String, List<List<String>>> table = parseServicesTable(Files.readString(design));
        assertThat(table.keySet()).as("services of DESIGN §2").containsExactlyElementsOf(ServiceNames.ALL);
        assertThat(table).as("DESIGN §2 changed: update the catalogue, the schemas and this test").isEqualTo(DESIGN_TABLE);
        assertConforms(table);
    }

    private void assertConforms(Map<String, List<List<String>>> table) {
        Set<String> designTypes = new TreeSet<>();
        table.values().forEach(row -> row.forEach(designTypes::addAll));
        Set<String> expected = new TreeSet<>(designTypes);
        expected.addAll(ADDED_BY_ISSUES.keySet());
        assertThat(new TreeSet<>(catalogue.eventTypes())).as("one topic per event type of DESIGN §2 (+ the issues' additions)")
                .isEqualTo(expected);
        ADDED_BY_ISSUES.forEach((type, producer) ->
                assertThat(catalogue.require(type).producer()).as(type + " owner").isEqualTo(producer));
        table.forEach((service, row) -> {
            assertThat(catalogue.producedBy(service)).extracting(TopicSpec::topic)
                    .as(service + " publishes").containsAll(row.get(0));
            assertThat(catalogue.consumedBy(service)).extracting(TopicSpec::topic)
                    .as(service + " consumes").containsAll(row.get(1));
            for (String published : row.get(0)) {
                assertThat(catalogue.require(published).isProducedBy(service)).isTrue();
            }
        });
        // every event topic has its owning producer in the table
        for (TopicSpec topic : catalogue.eventTopics()) {
            if (ADDED_BY_ISSUES.containsKey(topic.topic())) {
                continue;
            }
            assertThat(table.get(topic.producer()).get(0)).as(topic.topic() + " owner").contains(topic.topic());
        }
    }

    private static Path findDesign() {
        String root = System.getProperty("crm.root");
        Path start = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("DESIGN.md");
            if (dir.getParent() != null && Files.isRegularFile(candidate)) {
                return candidate;
            }
            Path inside = dir.resolve("shared").resolve("DESIGN.md");
            if (Files.isRegularFile(inside)) {
                return inside;
            }
        }
        return null;
    }

    /** Rows of the markdown table of §2: | `service` | owns | serves | publishes | consumes |. */
    static Map<String, List<List<String>>> parseServicesTable(String markdown) {
        Map<String, List<List<String>>> table = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^\\|\\s*`([a-z-]+)`\\s*\\|(.*)\\|\\s*$", Pattern.MULTILINE);
        Matcher m = row.matcher(markdown);
        while (m.find()) {
            String[] cells = m.group(2).split("\\|", -1);
            if (cells.length < 4) {
                continue;
            }
            table.put(m.group(1), List.of(
                    List.copyOf(names(cells[cells.length - 2])), List.copyOf(names(cells[cells.length - 1]))));
        }
        return table;
    }

    private static Set<String> names(String cell) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = Pattern.compile("`([a-z]+(?:-[a-z]+)*\\.[a-z]+(?:-[a-z]+)*)`").matcher(cell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
