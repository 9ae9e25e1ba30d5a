package com.keystone.crm.lead.savedsearch.domain;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one normalisation of locations that searches and listings share, so the database can match them with a
 * single array overlap ({@code &&}, GIN-indexed): a search stores the keys of its cities and postal codes (or
 * {@link #ANYWHERE} when it has none), a listing offers its own keys plus {@link #ANYWHERE}.
 *
 * <p>Cities compare case- and space-insensitively ("San  Jose" = "san jose"); postal codes ignore case and spaces
 * ("k1a 0b1" = "K1A0B1"), and a US ZIP+4 listing also matches a search for its 5-digit ZIP.
 */
public final class SavedSearchLocationKeys {
    /** The key of a search without location criteria: every listing offers it. */
    public static final String ANYWHERE = "*";
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern ZIP_PLUS_4 = Pattern.compile("^([0-9]{5})-[0-9]{4}$");

    private SavedSearchLocationKeys() {
    }

    /** The keys a search stores for its criteria. */
    public static String[] ofSearch(Collection<String> cities, Collection<String> postalCodes) {
        Set<String> keys = new LinkedHashSet<>();
        cities.forEach(c -> keys.add(cityKey(c)));
        postalCodes.forEach(p -> keys.add(postalKey(p)));
        if (keys.isEmpty()) {
            keys.add(ANYWHERE);
        }
        return keys.toArray(String[]::new);
    }

    /**
     * The keys a listing offers: always {@link #ANYWHERE}; its city and postal code when known. Exactly four
     * slots (null when absent), so the matching query has a fixed shape.
     */
    public static String[] ofListing(String city, String postalCode) {
        String[] keys = new String[4];
        keys[0] = ANYWHERE;
        if (city != null && !city.isBlank()) {
            keys[1] = cityKey(city);
        }
        if (postalCode != null && !postalCode.isBlank()) {
            keys[2] = postalKey(postalCode);
            var zip4 = ZIP_PLUS_4.matcher(postalCode.trim());
            if (zip4.matches()) {
                keys[3] = "zip:" + zip4.group(1);
            }
        }
        return keys;
    }

    /** A city as shown: trimmed, inner runs of spaces collapsed, case kept. */
    public static String displayCity(String city) {
        return SPACES.matcher(city.trim()).replaceAll(" ");
    }

    /** A postal code as shown: trimmed, upper-cased, inner runs of spaces collapsed. */
    public static String displayPostalCode(String postalCode) {
        return SPACES.matcher(postalCode.trim()).replaceAll(" ").toUpperCase(Locale.ROOT);
    }

    static String cityKey(String city) {
        return "city:" + displayCity(city).toLowerCase(Locale.ROOT);
    }

    static String postalKey(String postalCode) {
        return "zip:" + SPACES.matcher(postalCode).replaceAll("").toUpperCase(Locale.ROOT);
    }
}
