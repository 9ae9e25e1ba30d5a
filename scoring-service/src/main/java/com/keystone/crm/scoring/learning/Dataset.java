package com.keystone.crm.scoring.learning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Labelled feature columns, rows in time order (oldest first). */
public record Dataset(List<Feature> features, int[] labels) {
    public int rows() {
        return labels.length;
    }

    public int positives() {
        int n = 0;
        for (int y : labels) {
            n += y;
        }
        return n;
    }

    /** Row {@code i} as a feature map (what serving sees for a lead). */
    public Map<String, Object> row(int i) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Feature f : features) {
            m.put(f.name(), f.value(i));
        }
        return m;
    }

    public Dataset without(java.util.Collection<String> names) {
        List<Feature> kept = new ArrayList<>();
        for (Feature f : features) {
            if (!names.contains(f.name())) {
                kept.add(f);
            }
        }
        return new Dataset(kept, labels);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
    public Dataset slice(int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return rows(idx);
    }

    public Dataset rows(int[] idx) {
        List<Feature> cols = new ArrayList<>(features.size());
        for (Feature f : features) {
            if (f.numeric()) {
                double[] v = new double[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    v[i] = f.numbers()[idx[i]];
                }
                cols.add(Feature.numeric(f.name(), v));
            } else {
                String[] v = new String[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    v[i] = f.levels()[idx[i]];
                }
                cols.add(Feature.categorical(f.name(), v));
            }
        }
        int[] y = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            y[i] = labels[idx[i]];
        }
        return new Dataset(cols, y);
    }
}
