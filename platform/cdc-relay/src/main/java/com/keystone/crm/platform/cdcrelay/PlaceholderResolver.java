package com.keystone.crm.platform.cdcrelay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves Kafka Connect config-provider placeholders the way a Connect worker configured with
 * {@code config.providers=env} ({@code org.apache.kafka.common.config.provider.EnvVarConfigProvider}) does:
 * {@code ${env:NAME}} becomes the value of {@code NAME}. Placeholders without a colon, such as the Outbox
 * Event Router's {@code ${routedByValue}}, are not config-provider syntax and stay untouched.
 * Other providers ({@code ${file:...}}, {@code ${vault:...}}) are not supported by the relay and are an error,
 * as is a variable that is not set.
 */
public final class PlaceholderResolver {

    /** Same shape as Kafka's ConfigTransformer: {@code ${provider:[path:]key}}. */
    private static final Pattern PROVIDER_PLACEHOLDER = Pattern.compile("\\$\\{([^}]*?):(?:([^}]*?):)?([^}]*?)}");

    private final EnvLookup env;

    public PlaceholderResolver(EnvLookup env) {
        this.env = env;
    }

    /**
     * Resolves every value of one connector's config.
     *
     * @throws RelayConfigException listing every placeholder that could not be resolved
     */
    public Map<String, String> resolve(String connectorName, Map<String, String> config) {
        List<String> problems = new ArrayList<>();
        Map<String, String> resolved = new LinkedHashMap<>();
        config.forEach((key, value) -> resolved.put(key, resolveValue(value, key, problems)));
        if (!problems.isEmpty()) {
            throw new RelayConfigException("connector " + connectorName + ": " + String.join("; ", problems));
        }
        return resolved;
    }

    private String resolveValue(String value, String key, List<String> problems) {
        Matcher matcher = PROVIDER_PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String provider = matcher.group(1);
            String path = matcher.group(2);
            String name = matcher.group(3);
            String replacement = matcher.group();
            if (!"env".equals(provider)) {
                problems.add(key + ": unsupported config provider in " + matcher.group()
                        + " (the relay resolves only ${env:NAME})");
            }
            else if (path != null && !path.isEmpty()) {
                problems.add(key + ": " + matcher.group() + " has a path; use ${env:NAME}");
            }
            else {
                var found = env.get(name);
                if (found.isEmpty()) {
                    problems.add(key + ": environment variable " + name + " is not set (system property "
                            + EnvLookup.propertyName(name) + " would also do)");
                }
                else {
                    replacement = found.get();
                }
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
