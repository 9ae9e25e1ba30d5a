package com.keystone.crm.scoring.learning;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** PSI on training bins: the same population is stable, a shifted one, a vanished feature and new levels are not. */
class DistributionProfileTest {
    @Test
    void numbersBinnedByTrainingDeciles() {
        Random r = new Random(1);
        List<Double> training = new ArrayList<>();
        List<Double> same = new ArrayList<>();
        List<Double> shifted = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            training.add(r.nextGaussian());
            same.add(r.nextGaussian());
            shifted.add(r.nextGaussian() + 1);
        }
        DistributionProfile p = DistributionProfile.of("x", true, training);
        assertThat(p.edges()).hasSize(9);
        assertThat(p.shares()).hasSize(11);
        assertThat(p.shares()[10]).isZero();
        assertThat(p.psi(same)).isLessThan(0.02);
        assertThat(p.psi(shifted)).isGreaterThan(0.25);
        // a feature that stops arriving: everything in the missing bin
        assertThat(p.psi(Collections.nCopies(100, null))).isGreaterThan(1);
    }

    @Test
    void discreteCountsAndCategories() {
        List<Double> counts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            counts.add((double) (i % 3));
        }
        DistributionProfile c = DistributionProfile.of("replies", true, counts);
        assertThat(c.edges()).containsExactly(0.0, 1.0, 2.0);
        assertThat(c.psi(counts)).isZero();
        assertThat(c.psi(Collections.nCopies(50, 0.0))).isGreaterThan(0.25);

        List<String> sources = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            sources.add(i % 3 == 0 ? "zillow" : i % 3 == 1 ? "website" : null);
        }
        DistributionProfile s = DistributionProfile.of("source", false, sources);
        assertThat(s.categories()).containsExactly("website", "zillow");
        assertThat(s.psi(sources)).isZero();
        // levels never seen in training share the "other" bin
        assertThat(s.psi(Collections.nCopies(30, "open-house"))).isGreaterThan(1);
        assertThat(DistributionProfile.psi(new double[] {0.5, 0.5}, new double[] {0.5, 0.5})).isZero();
    }
}
