package com.keystone.crm.tools.mlssimulator.feed;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws listing number {@code index} from the seed alone, so a listing is the same whatever else the feed did.
 * Names carry Latin-1 letters and XML-special characters on purpose (encoding and escaping become observable).
 */
public final class ListingGenerator {

    static final Duration HISTORY = Duration.ofDays(60);

    private record Place(String city, String state, String zipPrefix, double lat, double lon) {
    }

    private static final List<Place> PLACES = List.of(
            new Place("Springfield", "IL", "627", 39.78, -89.65),
            new Place("Riverside", "CA", "925", 33.95, -117.40),
            new Place("Fairview", "TN", "370", 35.98, -87.12),
            new Place("Georgetown", "TX", "786", 30.63, -97.68),
            new Place("Cañon City", "CO", "812", 38.44, -105.24),
            new Place("Española", "NM", "875", 35.99, -106.08),
            new Place("Madison", "WI", "537", 43.07, -89.40),
            new Place("Lakewood", "OH", "441", 41.48, -81.80));

    private static final List<String> STREETS = List.of("Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Elm St",
            "Pine Rd", "Lakeview Blvd", "Sunset Way", "Café Row", "Peña Ct", "Hillcrest Dr", "Willow Bend");

    private static final List<String> REMARK_OPENERS = List.of("Charming", "Spacious", "Sunny", "Renovated",
            "Quiet", "Classic", "Modern", "Cozy");
    private static final List<String> REMARK_FEATURES = List.of(
            "a sunny façade and a large deck",
            "hardwood floors & an open kitchen",
            "a fenced yard (lot < 1 acre) and mature trees",
            "a finished basement, \"move-in ready\"",
            "vaulted ceilings and a café-style breakfast nook",
            "new roof, new HVAC & fresh paint");
    private static final List<String> REMARK_CLOSERS = List.of("Walk to shops & parks.", "Close to schools.",
            "Minutes from downtown.", "Seller's disclosure on file.", "Showings by appointment.");

    private final long seed;
    private final Instant clockStart;
    private final int photosPerListing;

    public ListingGenerator(long seed, Instant clockStart, int photosPerListing) {
        this.seed = seed;
        this.clockStart = clockStart;
        this.photosPerListing = photosPerListing;
    }

    public static String keyOf(int index) {
        return "KS" + (1_000_000 + index);
    }

    /** An initial listing: modified some time in the 60 days before the clock start, some on shared instants. */
    public Listing initial(int index) {
        SplittableRandom rnd = random(index);
        long back = rnd.nextLong(HISTORY.toSeconds());
        if (rnd.nextInt(10) == 0) {
            back = back - back % 3600; // on the hour: several listings share a timestamp, as real feeds do
        }
        Instant modified = clockStart.minusSeconds(Math.max(1, back));
        return draw(index, rnd, modified, pickStatus(rnd));
    }

    /** A listing that joins the feed at {@code at}: new, Active, contract date that day. */
    public Listing added(int index, Instant at) {
        return draw(index, random(index), at, "Active");
    }

    private SplittableRandom random(int index) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L);
    }

    private Listing draw(int index, SplittableRandom rnd, Instant modified, String status) {
        boolean land = rnd.nextInt(100) < 15;
        Place place = PLACES.get(rnd.nextInt(PLACES.size()));
        String subType = land ? "UnimprovedLand" : pickSubType(rnd);
        BigDecimal price = BigDecimal.valueOf(land
                ? 30_000 + rnd.nextInt(370) * 1_000L
                : 150_000 + rnd.nextInt(1_050) * 1_000L);
        BigDecimal original = rnd.nextInt(5) == 0
                ? price.multiply(BigDecimal.valueOf(105, 2)).setScale(-3, RoundingMode.HALF_UP).setScale(0)
                : price;
        Integer beds = land ? null : 1 + rnd.nextInt(6);
        Integer baths = land ? null : 1 + rnd.nextInt(4);
        Integer area = land ? null : 600 + rnd.nextInt(4_400);
        Integer year = land ? null : 1920 + rnd.nextInt(106);
        BigDecimal acres = BigDecimal.valueOf(land ? 50 + rnd.nextInt(2_000) : 5 + rnd.nextInt(95), 2);
        String zip = place.zipPrefix() + String.format("%02d", rnd.nextInt(100));
        BigDecimal lat = BigDecimal.valueOf(place.lat() + (rnd.nextDouble() - 0.5) / 10).setScale(6,
                RoundingMode.HALF_UP);
        BigDecimal lon = BigDecimal.valueOf(place.lon() + (rnd.nextDouble() - 0.5) / 10).setScale(6,
                RoundingMode.HALF_UP);
        String remarks = land
                ? "Buildable land near " + place.city() + ". Utilities at the road & a creek on the east side."
                : REMARK_OPENERS.get(rnd.nextInt(REMARK_OPENERS.size())) + " home with "
                        + REMARK_FEATURES.get(rnd.nextInt(REMARK_FEATURES.size())) + ". "
                        + REMARK_CLOSERS.get(rnd.nextInt(REMARK_CLOSERS.size()));
        List<String> appliances = land ? List.of() : pickAppliances(rnd);
        Instant photos = modified.minusSeconds(rnd.nextLong(Duration.ofDays(5).toSeconds()));
        LocalDate contract = LocalDate.ofInstant(modified, ZoneOffset.UTC).minusDays(rnd.nextInt(90));
        return new Listing(keyOf(index), "MLS" + (200_000 + index), land ? "LND" : "RES", price, original, status,
                land ? "Land" : "Residential", subType, beds, baths, area, acres, year,
                String.valueOf(100 + rnd.nextInt(9_800)), STREETS.get(rnd.nextInt(STREETS.size())), place.city(),
                place.state(), zip, lat, lon, remarks, "AG" + (1_000 + rnd.nextInt(200)),
                "OF" + (100 + rnd.nextInt(30)), appliances, modified, photosPerListing == 0 ? null : photos,
                photosPerListing, 1, contract);
    }

    private static String pickStatus(SplittableRandom rnd) {
        int p = rnd.nextInt(100);
        if (p < 60) {
            return "Active";
        } else if (p < 68) {
            return "ActiveUnderContract";
        } else if (p < 80) {
            return "Pending";
        } else if (p < 92) {
            return "Closed";
        } else if (p < 95) {
            return "Withdrawn";
        } else if (p < 98) {
            return "Expired";
        }
        return "Canceled";
    }

    private static String pickSubType(SplittableRandom rnd) {
        int p = rnd.nextInt(100);
        return p < 60 ? "SingleFamilyResidence" : p < 85 ? "Condominium" : "Townhouse";
    }

    private static List<String> pickAppliances(SplittableRandom rnd) {
        List<String> picked = new ArrayList<>();
        for (LookupValue v : Lookup.APPLIANCES.values()) {
            if (rnd.nextInt(100) < 45) {
                picked.add(v.standard());
            }
        }
        return List.copyOf(picked);
    }
}
