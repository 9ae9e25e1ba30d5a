package com.keystone.crm.scoring.learning;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the registry stores and serving runs: the encoder, the fitted candidate and its calibration. Stored as Java
 * serialization (Smile's models are Serializable), read back through a filter that admits only Smile, this package
 * and the JDK types they hold, so a tampered row cannot instantiate anything else.
 */
public final class ScoringModel implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "maxdepth=200;java.lang.*;java.util.*;java.math.*;java.time.*;smile.**;com.keystone.crm.scoring.learning.*;[*;!*");

    private final FeatureEncoder encoder;
    private final ProbabilityModel model;
    private final Calibrator calibrator;

    public ScoringModel(FeatureEncoder encoder, ProbabilityModel model, Calibrator calibrator) {
        this.encoder = encoder;
        this.model = model;
        this.calibrator = calibrator;
    }

    public List<String> features() {
        return encoder.features();
    }

    public Algorithm algorithm() {
        return model.algorithm();
    }

    public String contributionUnit() {
        return model.contributionUnit();
    }

    public double probability(Map<String, Object> values) {
        return calibrator.apply(model.probability(encoder.encode(values)));
    }

    double probability(double[] encoded) {
        return calibrator.apply(model.probability(encoded));
    }

    /** The calibrated probability and every feature's signed contribution (its encoded columns summed). */
    public Explained explain(Map<String, Object> values) {
        double[] x = encoder.encode(values);
        double[] c = model.contributions(x);
        Map<String, Double> byFeature = new LinkedHashMap<>();
        encoder.features().forEach(f -> byFeature.put(f, 0.0));
        for (int j = 0; j < c.length; j++) {
            byFeature.merge(encoder.features().get(encoder.featureOf(j)), c[j], Double::sum);
        }
        return new Explained(probability(x), byFeature);
    }

    public record Explained(double probability, Map<String, Double> contributions) {
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(out)) {
            o.writeObject(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static ScoringModel fromBytes(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(FILTER);
            return (ScoringModel) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalStateException("stored model cannot be read: " + e.getMessage(), e);
        }
    }
}
