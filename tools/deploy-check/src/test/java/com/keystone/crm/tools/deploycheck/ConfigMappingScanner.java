package com.keystone.crm.tools.deploycheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The property names a SmallRye {@code @ConfigMapping} interface reads, from its source text: the prefix, then per
 * method its kebab-case name (or {@code @WithName}); a method returning a nested interface of the same file descends
 * into it, a {@code Map<String, X>} adds a {@code *} key segment. Enough for the flat interfaces the services write
 * (no inheritance, no {@code @WithParentName}); an interface it cannot follow shows up as an unknown variable in the
 * compose check, never as a silent pass.
 */
public final class ConfigMappingScanner {
    private static final Pattern PREFIX = Pattern.compile("@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)[^{]*\\{");
    private static final Pattern METHOD = Pattern.compile(
            "((?:@\\w+(?:\\([^)]*\\))?\\s*)*)([\\w.]+(?:<[^;(){}]*>)?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*;");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\s*\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern MAP_VALUE = Pattern.compile("^Map<\\s*String\\s*,\\s*(.+)>$");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern WRAPPED = Pattern.compile("^(?:Optional|List|Set)<\\s*(.+)>$");

    private ConfigMappingScanner() {
    }

    /** Property patterns of every {@code @ConfigMapping} in the source, empty if it has none. */
    public static List<String> properties(String source) {
        Matcher prefix = PREFIX.matcher(source);
        if (!prefix.find()) {
            return List.of();
        }
        String text = stripComments(source);
        Map<String, String> bodies = interfaceBodies(text);
        // the mapped interface is the first one declared after the annotation
        Matcher first = INTERFACE.matcher(text);
        int annotationAt = text.indexOf("@ConfigMapping");
        String root = null;
        while (first.find()) {
            if (first.start() > annotationAt) {
                root = first.group(1);
                break;
            }
        }
        List<String> properties = new ArrayList<>();
        if (root != null) {
            walk(bodies, root, prefix.group(1), properties, 0);
        }
        return properties;
    }

    private static void walk(Map<String, String> bodies, String type, String path, List<String> out, int depth) {
        if (depth > 8) {
            throw new IllegalStateException("config mapping nested too deep at " + path);
        }
        Matcher m = METHOD.matcher(ownMembers(bodies.get(type)));
        while (m.find()) {
            String annotations = m.group(1);
            String returnType = m.group(2).replaceAll("\\s+", " ").trim();
            Matcher named = WITH_NAME.matcher(annotations);
            String name = named.find() ? named.group(1) : kebab(m.group(3));
            String property = path + "." + name;
            Matcher map = MAP_VALUE.matcher(returnType);
            if (map.matches()) {
                property += ".*";
                returnType = map.group(1).trim();
            }
            Matcher wrapped = WRAPPED.matcher(returnType);
            if (wrapped.matches()) {
                returnType = wrapped.group(1).trim();
            }
            if (bodies.containsKey(returnType)) {
                walk(bodies, returnType, property, out, depth + 1);
            } else {
                out.add(property);
            }
        }
    }

    /** Each interface's body by simple name (nested ones included). */
    private static Map<String, String> interfaceBodies(String text) {
        Map<String, String> bodies = new LinkedHashMap<>();
        Matcher m = INTERFACE.matcher(text);
        while (m.find()) {
            int open = m.end() - 1;
            bodies.put(m.group(1), text.substring(open + 1, matchingBrace(text, open)));
        }
        return bodies;
    }

    /** A body without its nested type declarations, so their methods are not taken for the outer type's. */
    private static String ownMembers(String body) {
        StringBuilder own = new StringBuilder();
        Matcher m = INTERFACE.matcher(body);
        int from = 0;
        while (m.find(from)) {
            own.append(body, from, m.start());
            from = matchingBrace(body, m.end() - 1) + 1;
        }
        own.append(body.substring(from));
        return own.toString();
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced braces");
    }

    private static String stripComments(String source) {
        String noComments = source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)^\\s*//[^\n]*", " ");
        // braces inside string literals would upset the brace matching: such literals become ""
        return STRING.matcher(noComments).replaceAll(m -> m.group().contains("{") || m.group().contains("}")
                ? "\"\"" : Matcher.quoteReplacement(m.group()));
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
