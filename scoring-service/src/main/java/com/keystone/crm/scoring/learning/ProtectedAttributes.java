package com.keystone.crm.scoring.learning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Fair housing: characteristics the Fair Housing Act protects (race, colour, religion, national origin, sex,
 * familial status, disability) and, where state law protects them, age and marital status, are refused as
 * features. A column is refused when one of the words of its name (split at punctuation and camelCase) or its
 * whole name is one of the configured terms, so {@code age} and {@code applicant_age} are refused and
 * {@code agent_load} or {@code page_views} are not.
 */
public final class ProtectedAttributes {
    /** The default terms; a deployment may add to them (crm.scoring.protected-terms). */
    public static final Set<String> DEFAULT_TERMS = Set.of("race", "racial", "ethnicity", "ethnic", "color", "colour",
            "religion", "religious", "nationalorigin", "nationality", "citizenship", "sex", "gender", "familialstatus",
            "familystatus", "pregnant", "pregnancy", "children", "disability", "disabled", "handicap", "age",
            "dob", "dateofbirth", "birthdate", "birthday", "maritalstatus", "marital");

    private final Set<String> terms;

    public ProtectedAttributes(Set<String> terms) {
        this.terms = Set.copyOf(terms);
    }

    public static ProtectedAttributes defaults() {
        return new ProtectedAttributes(DEFAULT_TERMS);
    }

    public boolean isProtected(String columnName) {
        List<String> words = words(columnName);
        if (terms.contains(String.join("", words))) {
            return true;
        }
        for (int i = 0; i < words.size(); i++) {
            if (terms.contains(words.get(i))) {
                return true;
            }
            if (i + 1 < words.size() && terms.contains(words.get(i) + words.get(i + 1))) {
                return true;
            }
            if (i + 2 < words.size() && terms.contains(words.get(i) + words.get(i + 1) + words.get(i + 2))) {
                return true;
            }
        }
        return false;
    }

    static List<String> words(String name) {
        String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String w : spaced.split("[^a-z0-9]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
