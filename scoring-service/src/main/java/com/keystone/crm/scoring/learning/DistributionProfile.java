package com.keystone.crm.scoring.learning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A feature's (or the scores') distribution at training time, in bins that later values are counted into for the
 * population stability index: numbers by the training deciles (distinct cut points only), categories by the most
 * frequent training levels plus "other"; missing values have a bin of their own, since a feature that stops
 * arriving is drift too.
 *
 * @param edges      numeric: upper bounds of all but the last bin (a value equal to an edge falls in its bin)
 * @param categories categorical: the levels with their own bin
 * @param shares     the training share of each bin, the missing bin last
 */
public record DistributionProfile(String name, boolean numeric, double[] edges, List<String> categories, double[] shares) {
    static final int MAX_CATEGORIES = 20;
    static final double EMPTY_BIN = 1e-4;

    /** Values are Doubles (numbers), Strings (categories) or null (missing). */
    public static DistributionProfile of(String name, boolean numeric, List<?> values) {
        if (numeric) {
            double[] present = values.stream().filter(v -> v != null && !Double.isNaN(((Number) v).doubleValue()))
                    .mapToDouble(v -> ((Number) v).doubleValue()).sorted().toArray();
            double[] cuts = new double[0];
            if (present.length > 0) {
                cuts = new double[9];
                for (int q = 1; q <= 9; q++) {
                    cuts[q - 1] = present[Math.min(present.length - 1, (int) Math.floor(q * present.length / 10.0))];
                }
                cuts = Arrays.stream(cuts).distinct().toArray();
            }
            DistributionProfile empty = new DistributionProfile(name, true, cuts, List.of(), null);
            return new DistributionProfile(name, true, cuts, List.of(), empty.shares(values));
        }
        Map<String, Integer> counts = new HashMap<>();
        for (Object v : values) {
            if (v != null) {
                counts.merge(v.toString(), 1, Integer::sum);
            }
        }
        List<String> top = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_CATEGORIES).map(Map.Entry::getKey).toList();
        DistributionProfile empty = new DistributionProfile(name, false, null, top, null);
        return new DistributionProfile(name, false, null, top, empty.shares(values));
    }

    /** The share of {@code values} in each bin of this profile. */
    public double[] shares(List<?> values) {
        int bins = (numeric ? edges.length + 1 : categories.size() + 1) + 1;
        double[] count = new double[bins];
        Map<String, Integer> index = new LinkedHashMap<>();
        if (!numeric) {
            for (int i = 0; i < categories.size(); i++) {
                index.put(categories.get(i), i);
            }
        }
        for (Object v : values) {
            count[bin(v, index, bins)]++;
        }
        for (int i = 0; i < bins; i++) {
            count[i] = values.isEmpty() ? 0 : count[i] / values.size();
        }
        return count;
    }

    private int bin(Object v, Map<String, Integer> index, int bins) {
        if (v == null) {
            return bins - 1;
        }
        if (numeric) {
            double d = v instanceof Number n ? n.doubleValue() : parse(v.toString());
            if (Double.isNaN(d)) {
                return bins - 1;
            }
            int b = Arrays.binarySearch(edges, d);
            return b >= 0 ? b : -b - 1;
        }
        Integer i = index.get(v.toString());
        return i != null ? i : index.getOrDefault(Feature.level(v.toString()), bins - 2);
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * PSI = Σ (actual − expected) · ln(actual / expected) over the bins; an empty bin counts as a tiny share so that
     * a bin appearing or vanishing weighs heavily instead of dividing by zero. Usual reading: below 0.1 stable,
     * 0.1-0.25 a moderate shift, above 0.25 a significant one.
     */
    public static double psi(double[] expected, double[] actual) {
        double psi = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = Math.max(expected[i], EMPTY_BIN);
            double a = Math.max(actual[i], EMPTY_BIN);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    public double psi(List<?> values) {
        return psi(shares, shares(values));
    }

    /** The profiles of a model: each feature's over the training rows and the scores' over its predictions. */
    public record Baseline(List<DistributionProfile> features, DistributionProfile scores, int rows) {
        public static Baseline of(Dataset data, List<String> modelFeatures, ScoringModel model, int maxRows) {
            int n = data.rows();
            int step = Math.max(1, (int) Math.ceil(n / (double) maxRows));
            List<Integer> sample = new ArrayList<>();
            for (int i = 0; i < n; i += step) {
                sample.add(i);
            }
            List<DistributionProfile> profiles = new ArrayList<>();
            for (Feature f : data.features()) {
                if (modelFeatures.contains(f.name())) {
                    profiles.add(DistributionProfile.of(f.name(), f.numeric(), sample.stream().map(f::value).toList()));
                }
            }
            List<Double> scores = sample.stream().map(i -> model.probability(data.row(i))).toList();
            return new Baseline(profiles, DistributionProfile.of("score", true, scores), sample.size());
        }
    }
}
