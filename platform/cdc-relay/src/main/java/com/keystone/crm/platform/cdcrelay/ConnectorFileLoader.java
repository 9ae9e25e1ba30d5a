package com.keystone.crm.platform.cdcrelay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads every {@code *.json} file of the connect directory. Each file is a Kafka Connect REST payload
 * {@code {"name": "...", "config": {...}}}, the same file a Connect cluster is given with
 * {@code POST /connectors} or {@code PUT /connectors/<name>/config} (its {@code config} object).
 */
public final class ConnectorFileLoader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PlaceholderResolver resolver;

    public ConnectorFileLoader(PlaceholderResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * @param directory the connect directory
     * @param only      connector names (or file names without {@code .json}) to run; empty = all files
     * @return the selected connectors, sorted by file name, placeholders resolved
     * @throws RelayConfigException for a missing directory, no files, an invalid file, an unknown name in
     *                              {@code only} or an unresolved placeholder
     */
    public List<ConnectorDefinition> load(Path directory, Set<String> only) {
        if (!Files.isDirectory(directory)) {
            throw new RelayConfigException("connect directory " + directory.toAbsolutePath()
                    + " does not exist (set RELAY_CONNECT_DIR)");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .sorted()
                    .collect(Collectors.toList());
        }
        catch (IOException e) {
            throw new RelayConfigException("cannot list " + directory.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new RelayConfigException("no *.json connector file in " + directory.toAbsolutePath());
        }

        List<ConnectorDefinition> all = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Path file : files) {
            ConnectorDefinition definition = parse(file);
            if (!names.add(definition.name())) {
                throw new RelayConfigException("connector name " + definition.name() + " is used by more than one file ("
                        + file.getFileName() + ")");
            }
            all.add(definition);
        }

        List<ConnectorDefinition> selected = select(all, only);
        List<ConnectorDefinition> resolved = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ConnectorDefinition definition : selected) {
            try {
                resolved.add(new ConnectorDefinition(definition.name(), definition.source(),
                        resolver.resolve(definition.name(), definition.config())));
            }
            catch (RelayConfigException e) {
                problems.add(e.getMessage() + " [" + definition.source().getFileName() + "]");
            }
        }
        if (!problems.isEmpty()) {
            throw new RelayConfigException(String.join(System.lineSeparator(), problems));
        }
        return List.copyOf(resolved);
    }

    /** Parses one file without resolving placeholders. */
    public static ConnectorDefinition parse(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        }
        catch (IOException e) {
            throw new RelayConfigException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new RelayConfigException(file + ": expected a JSON object {\"name\": ..., \"config\": {...}}");
        }
        JsonNode nameNode = root.get("name");
        if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isBlank()) {
            throw new RelayConfigException(file + ": \"name\" (a non-empty string) is missing");
        }
        String name = nameNode.asText();
        JsonNode configNode = root.get("config");
        if (configNode == null || !configNode.isObject()) {
            throw new RelayConfigException(file + ": \"config\" (an object) is missing");
        }
        Map<String, String> config = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = configNode.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (!value.isValueNode() || value.isNull()) {
                throw new RelayConfigException(file + ": config." + field.getKey() + " must be a string");
            }
            config.put(field.getKey(), value.asText());
        }
        String nameInConfig = config.get("name");
        if (nameInConfig != null && !nameInConfig.equals(name)) {
            throw new RelayConfigException(file + ": config.name " + nameInConfig + " differs from name " + name);
        }
        if (!config.containsKey("connector.class")) {
            throw new RelayConfigException(file + ": config.connector.class is missing");
        }
        return new ConnectorDefinition(name, file, config);
    }

    private static List<ConnectorDefinition> select(List<ConnectorDefinition> all, Set<String> only) {
        if (only.isEmpty()) {
            return all;
        }
        List<ConnectorDefinition> selected = new ArrayList<>();
        Set<String> unmatched = new LinkedHashSet<>(only);
        for (ConnectorDefinition definition : all) {
            boolean byName = only.contains(definition.name());
            boolean byFile = only.contains(definition.fileStem());
            if (byName || byFile) {
                selected.add(definition);
                unmatched.remove(definition.name());
                unmatched.remove(definition.fileStem());
            }
        }
        if (!unmatched.isEmpty()) {
            throw new RelayConfigException("RELAY_CONNECTORS names no connector file: " + unmatched + "; known: "
                    + all.stream().map(ConnectorDefinition::name).collect(Collectors.joining(", ")));
        }
        return selected;
    }
}
