package com.keystone.crm.scoring.learning;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns feature values into the numeric row every candidate model reads, fitted on the training rows only:
 * numbers with the training median for a missing value (plus a "missing" indicator column when values were
 * missing), categories one-hot with rare levels pooled as "other" and a "missing" level, every column
 * standardised with the training mean and deviation (so a logistic coefficient times the value is the
 * contribution relative to an average lead).
 */
public final class FeatureEncoder implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    static final String OTHER = "other";
    static final String MISSING = "missing";

    private final List<String> features = new ArrayList<>();
    private final boolean[] numeric;
    private final double[] medians;
    private final boolean[] missingColumn;
    private final List<Map<String, Integer>> levelColumns = new ArrayList<>();
    private final int[] firstColumn;
    private final List<String> columnNames = new ArrayList<>();
    private final List<Integer> columnFeature = new ArrayList<>();
    private double[] means;
    private double[] deviations;

    private FeatureEncoder(int size) {
        numeric = new boolean[size];
        medians = new double[size];
        missingColumn = new boolean[size];
        firstColumn = new int[size];
    }

    /** Fits on {@code data}: levels seen at least {@code minLevelCount} times (at most 50 per feature) get a column. */
    public static FeatureEncoder fit(Dataset data, int minLevelCount) {
        FeatureEncoder e = new FeatureEncoder(data.features().size());
        int f = 0;
        for (Feature feature : data.features()) {
            e.features.add(feature.name());
            e.numeric[f] = feature.numeric();
            e.firstColumn[f] = e.columnNames.size();
            if (feature.numeric()) {
                double[] present = Arrays.stream(feature.numbers()).filter(v -> !Double.isNaN(v)).sorted().toArray();
                e.medians[f] = present.length == 0 ? 0 : present[present.length / 2];
                e.missingColumn[f] = present.length < feature.size();
                e.addColumn(feature.name(), f);
                if (e.missingColumn[f]) {
                    e.addColumn(feature.name() + " is missing", f);
                }
                e.levelColumns.add(Map.of());
            } else {
                Map<String, Integer> counts = new HashMap<>();
                boolean missing = false;
                for (String v : feature.levels()) {
                    if (v == null) {
                        missing = true;
                    } else {
                        counts.merge(v, 1, Integer::sum);
                    }
                }
                List<Map.Entry<String, Integer>> frequent = new ArrayList<>(counts.entrySet());
                frequent.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
                Map<String, Integer> columns = new LinkedHashMap<>();
                boolean rare = false;
                for (Map.Entry<String, Integer> level : frequent) {
                    if (level.getValue() >= minLevelCount && columns.size() < 50) {
                        columns.put(level.getKey(), e.columnNames.size());
                        e.addColumn(feature.name() + "=" + level.getKey(), f);
                    } else {
                        rare = true;
                    }
                }
                if (rare) {
                    columns.put("\u0000" + OTHER, e.columnNames.size());
                    e.addColumn(feature.name() + "=" + OTHER, f);
                }
                if (missing) {
                    columns.put("\u0000" + MISSING, e.columnNames.size());
                    e.addColumn(feature.name() + "=" + MISSING, f);
                }
                e.levelColumns.add(columns);
            }
            f++;
        }
        // standardisation from the training rows
        int p = e.columnNames.size();
        e.means = new double[p];
        e.deviations = new double[p];
        Arrays.fill(e.deviations, 1);
        double[][] raw = e.rawRows(data);
        double[] sum = new double[p];
        double[] sq = new double[p];
        for (double[] row : raw) {
            for (int j = 0; j < p; j++) {
                sum[j] += row[j];
                sq[j] += row[j] * row[j];
            }
        }
        int n = Math.max(1, raw.length);
        for (int j = 0; j < p; j++) {
            e.means[j] = sum[j] / n;
            double var = sq[j] / n - e.means[j] * e.means[j];
            e.deviations[j] = var > 1e-12 ? Math.sqrt(var) : 1;
        }
        return e;
    }

    private void addColumn(String name, int feature) {
        columnNames.add(name);
        columnFeature.add(feature);
    }

    public List<String> features() {
        return List.copyOf(features);
    }

    public List<String> columnNames() {
        return List.copyOf(columnNames);
    }

    /** The feature an encoded column comes from. */
    public int featureOf(int column) {
        return columnFeature.get(column);
    }

    public int width() {
        return columnNames.size();
    }

    public double[][] encode(Dataset data) {
        double[][] rows = rawRows(data);
        for (double[] row : rows) {
            standardise(row);
        }
        return rows;
    }

    /** One lead's values by feature name (Double, String, Boolean or null). */
    public double[] encode(Map<String, Object> values) {
        double[] row = new double[width()];
        for (int f = 0; f < features.size(); f++) {
            Object v = values.get(features.get(f));
            if (numeric[f]) {
                fillNumeric(row, f, toNumber(v));
            } else {
                fillLevel(row, f, toLevel(v));
            }
        }
        standardise(row);
        return row;
    }

    private double[][] rawRows(Dataset data) {
        Map<String, Feature> byName = new HashMap<>();
        data.features().forEach(x -> byName.put(x.name(), x));
        double[][] rows = new double[data.rows()][width()];
        for (int f = 0; f < features.size(); f++) {
            Feature feature = byName.get(features.get(f));
            for (int i = 0; i < rows.length; i++) {
                if (feature == null) {
                    if (numeric[f]) {
                        fillNumeric(rows[i], f, Double.NaN);
                    } else {
                        fillLevel(rows[i], f, null);
                    }
                } else if (numeric[f]) {
                    fillNumeric(rows[i], f, feature.numbers()[i]);
                } else {
                    fillLevel(rows[i], f, feature.levels()[i]);
                }
            }
        }
        return rows;
    }

    private void fillNumeric(double[] row, int f, double v) {
        int c = firstColumn[f];
        row[c] = Double.isNaN(v) ? medians[f] : v;
        if (missingColumn[f]) {
            row[c + 1] = Double.isNaN(v) ? 1 : 0;
        }
    }

    private void fillLevel(double[] row, int f, String level) {
        Map<String, Integer> columns = levelColumns.get(f);
        Integer c = level == null ? columns.get("\u0000" + MISSING) : columns.get(level);
        if (c == null && level != null) {
            c = columns.get(Feature.level(level)); // levels are learnt folded (models before that: as written)
        }
        if (c == null && level != null) {
            c = columns.get("\u0000" + OTHER);
        }
        if (c != null) {
            row[c] = 1;
        }
    }

    private void standardise(double[] row) {
        for (int j = 0; j < row.length; j++) {
            row[j] = (row[j] - means[j]) / deviations[j];
        }
    }

    static double toNumber(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof String s) {
            return DataPreparation.number(s);
        }
        return Double.NaN;
    }

    static String toLevel(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return v.toString();
    }
}
