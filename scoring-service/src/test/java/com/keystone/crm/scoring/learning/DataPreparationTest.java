package com.keystone.crm.scoring.learning;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataPreparationTest {
    private final DataPreparation preparation = new DataPreparation(ProtectedAttributes.defaults(), 50, 10);

    static String csv(int rows, long seed, String extraHeader, java.util.function.IntFunction<String> extra) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("lead_id,created,source,budget,age,marital_status,notes" + extraHeader + ",converted\n");
        for (int i = 0; i < rows; i++) {
            boolean yes = r.nextDouble() < 0.3;
            b.append("L").append(i).append(',').append(String.format("2024-01-%02dT10:00:00Z", 1 + (rows - i) % 28)).append(',')
                    .append(r.nextBoolean() ? "zillow" : "referral").append(',')
                    .append(i % 7 == 0 ? "NA" : String.valueOf(100_000 + r.nextInt(500_000))).append(',')
                    .append(20 + r.nextInt(50)).append(',').append(r.nextBoolean() ? "married" : "single").append(',')
                    .append("free text ").append(i)
                    .append(extra == null ? "" : "," + extra.apply(i)).append(',').append(yes ? "yes" : "no").append('\n');
        }
        return b.toString();
    }

    PreparedData prepare(String text, TableSpec spec) {
        return preparation.prepare(new CsvTableReader(10_000, 100).read(text.getBytes(StandardCharsets.UTF_8)), spec);
    }

    static TableSpec label(String label) {
        return new TableSpec(label, null, null, null, null);
    }

    @Test
    void rolesAreInferredAndReportedWithBalanceMissingRatesAndCardinality() {
        PreparedData p = prepare(csv(200, 1, "", null), label("converted"));
        DataReport r = p.report();
        assertThat(r.rows()).isEqualTo(200);
        assertThat(r.positives() + r.negatives()).isEqualTo(200);
        assertThat(r.positiveLabel()).isEqualTo("yes");
        assertThat(r.timeOrder()).isEqualTo("created");
        Map<String, ColumnProfile> cols = new java.util.HashMap<>();
        r.columns().forEach(c -> cols.put(c.name(), c));
        assertThat(cols.get("lead_id").role()).isEqualTo(ColumnRole.ID);
        assertThat(cols.get("created").role()).isEqualTo(ColumnRole.DATE);
        assertThat(cols.get("source").role()).isEqualTo(ColumnRole.CATEGORICAL);
        assertThat(cols.get("source").distinct()).isEqualTo(2);
        assertThat(cols.get("budget").role()).isEqualTo(ColumnRole.NUMERIC);
        assertThat(cols.get("budget").missingRate()).isGreaterThan(0.1);
        assertThat(cols.get("notes").role()).isEqualTo(ColumnRole.IGNORE);
        assertThat(cols.get("converted").role()).isEqualTo(ColumnRole.LABEL);
        // fair housing: refused by name, reported
        assertThat(r.refused()).containsExactlyInAnyOrder("age", "marital_status");
        assertThat(cols.get("age").note()).contains("protected");
        assertThat(p.dataset().features()).extracting(Feature::name).containsExactly("source", "budget");
    }

    @Test
    void aNumberingColumnIsAnIdentifierNotAQuantity() {
        // as a CRM export names them: "Lead Number" counts leads in creation order, so a model would learn the period
        StringBuilder text = new StringBuilder("Prospect ID,Lead Number,Lead Origin,TotalVisits,Converted\n");
        for (int i = 0; i < 120; i++) {
            text.append(java.util.UUID.nameUUIDFromBytes(new byte[] {(byte) i})).append(',').append(660_000 + i).append(',')
                    .append(i % 3 == 0 ? "API" : "Landing Page Submission").append(',').append(i % 7).append(',')
                    .append(i % 4 == 0 ? 1 : 0).append('\n');
        }
        DataReport r = prepare(text.toString(), label("Converted")).report();
        Map<String, ColumnProfile> cols = new java.util.HashMap<>();
        r.columns().forEach(c -> cols.put(c.name(), c));
        assertThat(cols.get("Prospect ID").role()).isEqualTo(ColumnRole.ID);
        assertThat(cols.get("Lead Number").role()).isEqualTo(ColumnRole.ID);
        assertThat(cols.get("TotalVisits").role()).as("a count shared by many rows stays a quantity").isEqualTo(ColumnRole.NUMERIC);
    }

    @Test
    void categoriesTypedInAnyCaseAreOneLevelAndALiveLeadsSpellingFindsIt() {
        StringBuilder text = new StringBuilder("Lead Source,converted\n");
        String[] spellings = {"Google", "google", "GOOGLE ", "Referral", "referral"};
        for (int i = 0; i < 100; i++) {
            text.append(spellings[i % spellings.length]).append(',').append(i % 3 == 0 ? "yes" : "no").append('\n');
        }
        Dataset d = prepare(text.toString(), label("converted")).dataset();
        assertThat(java.util.Arrays.stream(d.features().get(0).levels()).distinct()).containsExactlyInAnyOrder("google", "referral");
        FeatureEncoder encoder = FeatureEncoder.fit(d, 5);
        assertThat(encoder.columnNames()).contains("Lead Source=google", "Lead Source=referral");
        double[] live = encoder.encode(Map.of("Lead Source", "Google"));
        double[] same = encoder.encode(Map.of("Lead Source", "google"));
        assertThat(live).containsExactly(same);
        // and it is the google column, not "other"
        assertThat(encoder.encode(Map.of("Lead Source", "Referral"))).isNotEqualTo(live);
    }

    @Test
    void anAdminTagRefusesAnyColumnAndExplicitRolesWin() {
        PreparedData p = prepare(csv(200, 2, "", null), new TableSpec("converted", "yes",
                Map.of("budget", ColumnRole.CATEGORICAL), Set.of("source"), Set.of()));
        assertThat(p.report().refused()).contains("source");
        assertThat(p.dataset().features()).extracting(Feature::name).containsExactly("budget");
        assertThat(p.dataset().features().get(0).numeric()).isFalse();
    }

    @Test
    void rowsFollowTheDateColumn() {
        StringBuilder text = new StringBuilder("created,x,y\n");
        for (int i = 0; i < 60; i++) {
            // written newest first: the dataset must come out oldest first
            text.append(String.format("2024-%02d-%02d", 12 - i / 28 % 12, 28 - i % 28)).append(',').append(i).append(',')
                    .append(i % 3 == 0 ? "yes" : "no").append('\n');
        }
        PreparedData p = prepare(text.toString(), label("y"));
        double[] x = p.dataset().features().get(0).numbers();
        assertThat(x[0]).isGreaterThan(x[x.length - 1]);
        assertThat(p.report().timeOrder()).isEqualTo("created");
    }

    @Test
    void aUsDateColumnOrdersTheRowsAndTheReportSaysHowItWasRead() {
        StringBuilder text = new StringBuilder("Created Date,x,y\n");
        for (int i = 0; i < 60; i++) {
            // newest first, month/day/year with a 12-hour clock, as a US CRM exports it
            text.append(String.format("%d/%d/2024 %d:15 %s", 12 - i / 28, 28 - i % 28, i % 12 + 1, i % 2 == 0 ? "PM" : "AM"))
                    .append(',').append(i).append(',').append(i % 3 == 0 ? "yes" : "no").append('\n');
        }
        PreparedData p = prepare(text.toString(), label("y"));
        double[] x = p.dataset().features().get(0).numbers();
        assertThat(x[0]).isGreaterThan(x[x.length - 1]);
        assertThat(p.report().timeOrder()).isEqualTo("Created Date");
        ColumnProfile created = p.report().columns().stream().filter(c -> c.name().equals("Created Date")).findFirst().orElseThrow();
        assertThat(created.role()).isEqualTo(ColumnRole.DATE);
        assertThat(created.note()).contains("month/day/year");
    }

    @Test
    void aDateColumnNamedByTheAdminMustHoldDatesInOneFormat() {
        String mixed = "created,x,y\n15/03/2024,1,yes\n03/16/2024,2,no\n" + "01/01/2024,3,no\n01/02/2024,4,yes\n".repeat(30);
        TableSpec spec = new TableSpec("y", null, Map.of("created", ColumnRole.DATE), null, null);
        assertThatThrownBy(() -> prepare(mixed, spec)).isInstanceOf(DataProblem.class)
                .satisfies(e -> assertThat(((DataProblem) e).slug()).isEqualTo("unreadable-date"))
                .satisfies(e -> assertThat(((DataProblem) e).field()).isEqualTo("roles.created"))
                .hasMessageContaining("mixes date formats");
        String text = "created,x,y\n2024-03-15,1,yes\nsoon,2,no\n" + "2024-01-01,3,no\n2024-01-02,4,yes\n".repeat(30);
        assertThatThrownBy(() -> prepare(text, spec)).isInstanceOf(DataProblem.class)
                .hasMessageContaining("Line 3: 'soon' is not a date");
        // inferred, the same column is no date: left to the other roles, the rows keep the file's order
        assertThat(prepare(mixed, label("y")).report().timeOrder()).isNotEqualTo("created");
    }

    @Test
    void oneClassOnly() {
        String text = csv(100, 3, "", null).replace(",yes\n", ",no\n");
        assertThatThrownBy(() -> prepare(text, label("converted"))).isInstanceOf(DataProblem.class)
                .satisfies(e -> assertThat(((DataProblem) e).slug()).isEqualTo("one-class"))
                .satisfies(e -> assertThat(((DataProblem) e).field()).isEqualTo("label"));
    }

    @Test
    void tenRows() {
        assertThatThrownBy(() -> prepare(csv(10, 4, "", null), label("converted"))).isInstanceOf(DataProblem.class)
                .satisfies(e -> assertThat(((DataProblem) e).slug()).isEqualTo("too-few-rows"));
    }

    @Test
    void anAllMissingColumnIsLeftOutOrRefusedWhenNamed() {
        String text = csv(200, 5, ",empty", i -> "NA");
        PreparedData p = prepare(text, label("converted"));
        assertThat(p.report().warnings()).anyMatch(w -> w.contains("'empty'") && w.contains("missing"));
        assertThatThrownBy(() -> prepare(text, new TableSpec("converted", null, Map.of("empty", ColumnRole.NUMERIC), null, null)))
                .isInstanceOf(DataProblem.class)
                .satisfies(e -> assertThat(((DataProblem) e).field()).isEqualTo("roles.empty"));
    }

    @Test
    void aConstantColumnIsLeftOutOrRefusedWhenNamed() {
        String text = csv(200, 6, ",same", i -> "x");
        assertThat(prepare(text, label("converted")).report().warnings()).anyMatch(w -> w.contains("'same'"));
        assertThatThrownBy(() -> prepare(text, new TableSpec("converted", null, Map.of("same", ColumnRole.CATEGORICAL), null, null)))
                .isInstanceOf(DataProblem.class)
                .satisfies(e -> assertThat(((DataProblem) e).slug()).isEqualTo("constant-column"));
    }

    @Test
    void unexpectedLabelValues() {
        String text = csv(100, 7, "", null).replaceFirst(",yes\n", ",maybe\n");
        assertThatThrownBy(() -> prepare(text, label("converted"))).isInstanceOf(DataProblem.class)
                .satisfies(e -> assertThat(((DataProblem) e).slug()).isEqualTo("unexpected-label-values"))
                .hasMessageContaining("maybe");
        // naming the converted value makes every other value "not converted"
        assertThat(prepare(text, new TableSpec("converted", "yes", null, null, null)).report().positiveLabel()).isEqualTo("yes");
        assertThatThrownBy(() -> prepare(text, new TableSpec("converted", "won", null, null, null)))
                .isInstanceOf(DataProblem.class).satisfies(e -> assertThat(((DataProblem) e).field()).isEqualTo("positiveLabel"));
    }

    @Test
    void labelsAreReadWhateverTheCaseOrNumberFormatOfTheExport() {
        // a hand-edited export: Yes, yes and YES all converted; a pandas export: 1.0 / 0.0
        String mixedCase = csv(120, 8, "", null);
        int[] n = {0};
        mixedCase = java.util.regex.Pattern.compile(",yes\n").matcher(mixedCase).replaceAll(m -> n[0]++ % 3 == 0 ? ",Yes\n"
                : n[0] % 3 == 1 ? ",YES\n" : ",yes\n");
        long converted = csv(120, 8, "", null).lines().filter(l -> l.endsWith(",yes")).count();
        assertThat(prepare(mixedCase, label("converted")).report().positives()).isEqualTo((int) converted);
        String numeric = csv(120, 8, "", null).replace(",yes\n", ",1.0\n").replace(",no\n", ",0.0\n");
        assertThat(prepare(numeric, label("converted")).report().positives()).isEqualTo((int) converted);
        // a CRM's opportunity stages, as Salesforce writes them
        String stages = csv(120, 8, "", null).replace(",yes\n", ",Closed Won\n").replace(",no\n", ",Closed Lost\n");
        assertThat(prepare(stages, label("converted")).report().positives()).isEqualTo((int) converted);
        // the admin's positive value matches whatever the case
        String won = csv(120, 8, "", null).replace(",yes\n", ",Won\n").replace(",no\n", ",Lost\n");
        assertThat(prepare(won, new TableSpec("converted", "won", null, null, null)).report().positives())
                .isEqualTo((int) converted);
    }

    @Test
    void missingOrUnknownColumnsAreNamed() {
        assertThatThrownBy(() -> prepare(csv(100, 8, "", null), label("outcome"))).isInstanceOf(DataProblem.class)
                .satisfies(e -> assertThat(((DataProblem) e).field()).isEqualTo("label"));
        assertThatThrownBy(() -> prepare(csv(100, 8, "", null), label(null))).isInstanceOf(DataProblem.class);
        assertThatThrownBy(() -> prepare(csv(100, 8, "", null), new TableSpec("converted", null,
                Map.of("nope", ColumnRole.NUMERIC), null, null))).isInstanceOf(DataProblem.class)
                .satisfies(e -> assertThat(((DataProblem) e).field()).isEqualTo("roles.nope"));
        assertThatThrownBy(() -> prepare(csv(100, 8, "", null), new TableSpec("converted", null,
                Map.of("source", ColumnRole.NUMERIC), null, null))).isInstanceOf(DataProblem.class)
                .satisfies(e -> assertThat(((DataProblem) e).slug()).isEqualTo("not-a-number"));
    }

    @Test
    void hugeOrForeignNumbersAreNoNumbers() {
        assertThat(DataPreparation.number("1e300")).isNaN();
        assertThat(DataPreparation.number("Infinity")).isNaN();
        assertThat(DataPreparation.number("12,5")).isEqualTo(12.5);
        assertThat(DataPreparation.number("99999999999999999999999999999999999999999999")).isNaN();
        assertThat(DataPreparation.number("250000")).isEqualTo(250000.0);
        // as exports format money: currency signs, thousands grouped US or European style, per cent
        assertThat(DataPreparation.number("250,000")).isEqualTo(250000.0);
        assertThat(DataPreparation.number("$1,250,000.50")).isEqualTo(1250000.5);
        assertThat(DataPreparation.number("€ 1.234.567")).isEqualTo(1234567.0);
        assertThat(DataPreparation.number("1.234,56")).isEqualTo(1234.56);
        assertThat(DataPreparation.number("1.234")).as("one dot is a decimal point").isEqualTo(1.234);
        assertThat(DataPreparation.number("45%")).isEqualTo(45.0);
        assertThat(DataPreparation.number("-3,5")).isEqualTo(-3.5);
        assertThat(DataPreparation.number("1,23,456")).isNaN();
        assertThat(DataPreparation.number("$")).isNaN();
        assertThat(DataPreparation.number("12 345")).isNaN();
        assertThat(DataPreparation.number("0x1A")).isNaN();
    }
}
