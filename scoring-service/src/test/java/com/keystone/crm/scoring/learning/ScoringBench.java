package com.keystone.crm.scoring.learning;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The scoring benchmark (tools/bench/scoring/run.sh; named *Bench, so the normal test run skips it): the full
 * bank-marketing file through the pipeline (time-ordered holdout, and a shuffled holdout for comparison), training
 * time and peak heap on 100,000 rows, and the in-process latency of one prediction with its explanation.
 */
class ScoringBench {
    static final String DATA = "/../shared/data/bank-marketing/bank-additional-full.csv";

    /** Also runnable as a plain program (test classpath), beside other builds of the same worktree. */
    public static void main(String[] args) throws IOException {
        new ScoringBench().bench();
    }

    @Test
    void bench() throws IOException {
        String root = System.getProperty("crm.root", ".");
        Path file = Path.of(System.getProperty("bench.out", "target/scoring-bench.md"));
        byte[] bytes = Files.readAllBytes(Path.of(root + DATA));
        StringBuilder out = new StringBuilder();
        CsvTable table = new CsvTableReader(1_000_000, 500).read(bytes);
        DataPreparation prep = new DataPreparation(ProtectedAttributes.defaults(), 50, 10);
        TrainingSettings settings = TrainingSettings.defaults();

        out.append("## bank-marketing (41,188 rows), default settings\n\n");
        out.append("| holdout | leakage flagged | candidate | holdout ROC AUC | PR AUC | Brier | log loss | top-decile lift | CV AUC (forward) | fit ms |\n");
        out.append("|---|---|---|---:|---:|---:|---:|---:|---|---:|\n");
        PreparedData data = prep.prepare(table, new TableSpec("y", null, null, null, null));
        TrainingOutcome timeOrdered = new TrainingPipeline(settings).train(data.dataset(), Set.of(), () -> false);
        record(out, "newest 20 % (row order = time)", timeOrdered);
        write(file, out);
        // -Dbench.shuffled=false skips the comparison on a shuffled holdout (a whole training run) on a busy machine
        if (Boolean.parseBoolean(System.getProperty("bench.shuffled", "true"))) {
            shuffledHoldout(table, prep, settings, out);
            write(file, out);
        }
        large(table, prep, settings, file, out);
        out.append("\n## One prediction in process (calibrated probability + every feature's contribution)\n\n");
        out.append("| model | predictions | p50 | p99 | max | stored bytes |\n|---|---:|---:|---:|---:|---:|\n");
        ScoringModel serving = timeOrdered.model();
        String name = serving.algorithm().json() + ", the time-ordered run's best (what would serve)";
        latency(out, name + " (probability only)", data.dataset(), serving::probability, serving.toBytes().length);
        latency(out, name + " (with explanation)", data.dataset(), r -> serving.explain(r).probability());
        write(file, out);
        // -Dbench.all-latencies=false skips training each algorithm alone for its latency
        if (Boolean.parseBoolean(System.getProperty("bench.all-latencies", "true"))) {
            latencies(data, settings, file, out);
        }
    }

    static void shuffledHoldout(CsvTable table, DataPreparation prep, TrainingSettings settings, StringBuilder out) {
        List<String[]> shuffled = new ArrayList<>(table.rows());
        java.util.Collections.shuffle(shuffled, new java.util.Random(7));
        PreparedData random = prep.prepare(new CsvTable(table.headers(), shuffled, table.delimiter(), table.notes()),
                new TableSpec("y", null, null, null, null));
        record(out, "random 20 % (for comparison)", new TrainingPipeline(settings).train(random.dataset(), Set.of(), () -> false));
    }

    static void large(CsvTable table, DataPreparation prep, TrainingSettings settings, Path file, StringBuilder out)
            throws IOException {
        // 100,000 rows: the file repeated with its rows in order (time order kept per copy)
        List<String[]> big = new ArrayList<>();
        while (big.size() < 100_000) {
            big.addAll(table.rows().subList(0, Math.min(table.rows().size(), 100_000 - big.size())));
        }
        PreparedData large = prep.prepare(new CsvTable(table.headers(), big, table.delimiter(), table.notes()),
                new TableSpec("y", null, null, null, null));
        resetPeaks();
        long t0 = System.nanoTime();
        TrainingOutcome outcome = new TrainingPipeline(settings).train(large.dataset(), Set.of(), () -> false);
        long trainMs = (System.nanoTime() - t0) / 1_000_000;
        long peak = peakHeap();
        out.append("\n## 100,000 rows (three candidates, forward CV, calibration, leakage guard)\n\n");
        out.append(String.format(Locale.ROOT, "- training time: %,d ms; peak heap (sum of heap pools' peaks): %,d MB; max heap %,d MB%n",
                trainMs, peak / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        for (CandidateResult c : outcome.candidates()) {
            out.append(String.format(Locale.ROOT, "- %s: %,d ms%n", c.algorithm().json(), c.trainingMillis()));
        }
        write(file, out);
    }

    static void latencies(PreparedData data, TrainingSettings settings, Path file, StringBuilder out) throws IOException {
        for (Algorithm a : List.of(Algorithm.LOGISTIC_REGRESSION, Algorithm.RANDOM_FOREST, Algorithm.GRADIENT_BOOSTING)) {
            TrainingSettings one = new TrainingSettings(List.of(a), settings.holdoutShare(), settings.folds(), settings.lambda(),
                    settings.forestTrees(), settings.forestMaxDepth(), settings.forestMaxNodes(), settings.forestNodeSize(),
                    settings.boostTrees(), settings.boostMaxDepth(), settings.boostMaxNodes(), settings.boostNodeSize(),
                    settings.boostShrinkage(), settings.boostSubsample(), settings.calibration(), settings.leakageAuc(),
                    settings.strongAuc(), settings.minLevelCount(), settings.maxTrainingRows());
            ScoringModel model = new TrainingPipeline(one).train(data.dataset(), Set.of(), () -> false).model();
            latency(out, a.json() + " (probability only)", data.dataset(), r -> model.probability(r), model.toBytes().length);
            latency(out, a.json() + " (with explanation)", data.dataset(), r -> model.explain(r).probability());
            write(file, out);
        }
    }

    /** Written after every section: a run stopped half-way keeps what it measured. */
    static void write(Path file, StringBuilder out) throws IOException {
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    interface Predict {
        double apply(Map<String, Object> row);
    }

    static void latency(StringBuilder out, String name, Dataset data, Predict predict) {
        latency(out, name, data, predict, -1);
    }

    /** storedBytes: the model's size in the registry, shown once per model (-1: not shown on this row). */
    static void latency(StringBuilder out, String name, Dataset data, Predict predict, int storedBytes) {
        int n = 20_000;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            rows.add(data.row(i * (data.rows() / 2_000)));
        }
        double sink = 0;
        for (int i = 0; i < 5_000; i++) {
            sink += predict.apply(rows.get(i % rows.size()));
        }
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            sink += predict.apply(rows.get(i % rows.size()));
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        out.append(String.format(Locale.ROOT, "| %s | %,d | %.3f ms | %.3f ms | %.3f ms | %s |%n", name, n, nanos[n / 2] / 1e6,
                nanos[(int) (n * 0.99)] / 1e6, nanos[n - 1] / 1e6, storedBytes < 0 ? "" : String.format(Locale.ROOT, "%,d", storedBytes)));
        if (sink == 42) {
            out.append(' ');
        }
    }

    static void record(StringBuilder out, String holdout, TrainingOutcome o) {
        String leaks = o.leakage().stream().map(l -> l.feature() + " (" + l.reason() + ", alone " + l.singleAuc()
                + (l.othersAuc() == null ? "" : " vs others " + l.othersAuc()) + ")").reduce((a, b) -> a + "; " + b).orElse("none");
        for (CandidateResult c : o.candidates()) {
            Metrics m = c.holdout();
            out.append(String.format(Locale.ROOT, "| %s | %s | %s%s | %.4f | %.4f | %.4f | %.4f | %.2f | %s | %,d |%n", holdout, leaks,
                    c.algorithm().json(), c == o.best() ? " (best)" : "", m.rocAuc(), m.prAuc(), m.brier(), m.logLoss(),
                    m.liftByDecile().isEmpty() ? Double.NaN : m.liftByDecile().get(0), c.cvAuc(), c.trainingMillis()));
        }
    }

    static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
