package model;

import ingest.ColumnKind;
import ingest.IngestException;
import ingest.IngestOptions;
import ingest.PeopleReader;
import ingest.Problem;
import stats.ColumnEncoding;
import stats.DesignMatrix;
import stats.PredictiveDistribution;
import stats.UnseenPolicy;
import storage.Store;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Scores new people with a stored {@link ModelCard} and reports drift.
 * <pre>{@code
 * Predictor p = Predictor.load(storage.Stores.open("results/store"), ModelCard.DEFAULT_KEY);
 * Scoring s = p.score(Path.of("new/people.csv"));
 * s.writeCsv(Path.of("plots/predictions.csv"));
 * System.out.print(s.summary());
 * }</pre>
 * Policies (stated): a column the model needs that the file lacks is an error naming it and the columns the
 * file has; levels unseen in training follow the card's unseen policy (default REFERENCE: encoded as the
 * reference level, counted per column and level in {@link Scoring#unseenLevels()}; ERROR refuses with the
 * column, level and row); missing values follow the training encoding (indicator / fill values); a person
 * whose column has the DROP strategy and a missing value gets no prediction and is counted. Besides the
 * mean, each person gets the model's 90% predictive interval and P(0) ({@link #interval}).
 */
public final class Predictor {
    private final ModelCard card;

    private Predictor(ModelCard card) {
        this.card = card;
    }

    public static Predictor of(ModelCard card) {
        if (card == null) throw new IllegalArgumentException("card must not be null");
        return new Predictor(card);
    }

    public static Predictor load(Store store, String key) {
        return new Predictor(ModelCard.load(store, key));
    }

    public static Predictor load(Store store, String key, long version) {
        return new Predictor(ModelCard.load(store, key, version));
    }

    public ModelCard card() { return card; }

    /** Reads people.csv (or .csv.gz) with ingest's people reader, the model's columns typed as in training, and scores it. */
    public Scoring score(Path peopleCsv) {
        if (!Files.isRegularFile(peopleCsv)) throw new ModelException("missing file: " + peopleCsv);
        List<String> header = header(peopleCsv);
        ExposureSpec spec = card.spec();
        List<String> absent = new ArrayList<>();
        if (!header.contains(spec.idColumn())) absent.add(spec.idColumn());
        for (String c : spec.inputColumns()) if (!header.contains(c)) absent.add(c);
        if (!absent.isEmpty()) {
            throw new ModelException(peopleCsv + ":1: lacks column" + (absent.size() > 1 ? "s " : " ") + ExposureSpec.quote(absent)
                    + " that the model needs; the header has " + ExposureSpec.quote(header));
        }
        Map<String, ColumnKind> kinds = new HashMap<>();
        for (NumericTerm t : spec.numeric()) kinds.put(t.column(), ColumnKind.NUMERIC);
        for (CategoricalTerm t : spec.categorical()) kinds.put(t.column(), ColumnKind.CATEGORICAL);
        PeopleReader.People people;
        try {
            people = PeopleReader.read(peopleCsv, IngestOptions.defaults().withColumnKinds(kinds));
        } catch (IngestException e) {
            throw new ModelException(e.getMessage(), e);
        }
        return score(people.table(), peopleCsv.getFileName().toString(), people.report().rowsRejected(), people.report().count(Problem.BAD_NUMBER));
    }

    /** Scores a people table (person_id plus the model's input columns; extra columns are ignored). */
    public Scoring score(Table people) {
        return score(people, people.name(), 0, 0);
    }

    private Scoring score(Table people, String source, long rejected, long badNumbers) {
        ExposureSpec spec = card.spec();
        spec.requireColumns(people, false, source);
        if (!people.containsColumn(spec.idColumn())) {
            throw new ModelException(source + " lacks column '" + spec.idColumn() + "' (person id); it has " + ExposureSpec.quote(people.columnNames()));
        }
        Table features = spec.features(people, false, source);
        // unseen levels, per column and level, against the encoding's training levels
        Map<String, Map<String, Long>> unseen = new LinkedHashMap<>();
        for (ColumnEncoding ce : card.encoding().columns()) {
            if (!ce.categorical()) continue;
            Set<String> known = new HashSet<>(ce.levels());
            Column<?> col = features.column(ce.name());
            Map<String, Long> m = new TreeMap<>();
            for (int i = 0; i < col.size(); i++) {
                if (col.isMissing(i)) continue;
                String s = col.getString(i);
                if (!known.contains(s)) m.merge(s, 1L, Long::sum);
            }
            if (!m.isEmpty()) unseen.put(ce.name(), m);
        }
        DesignMatrix d;
        try {
            d = card.encoding().apply(features, spec.unseen());
        } catch (IllegalArgumentException e) {
            throw new ModelException(source + ": " + e.getMessage()
                    + (spec.unseen() == UnseenPolicy.ERROR ? " (the model's unseen-category policy is ERROR)" : ""), e);
        }
        double[] beta = card.beta();
        boolean intercept = card.encoding().intercept();
        int off = intercept ? 1 : 0;
        if (beta.length != d.names().size() + off) {
            throw new ModelException("model card is inconsistent: " + beta.length + " coefficients for " + d.names().size() + " design columns");
        }
        boolean log = !"identity".equals(card.link());
        int n = people.rowCount();
        double[] pred = new double[n];
        Arrays.fill(pred, Double.NaN);
        int[] rows = d.rows();
        double[][] x = d.columns();
        double[] scoredValues = new double[rows.length];
        double[] lower = new double[n], upper = new double[n], pZero = new double[n];
        Arrays.fill(lower, Double.NaN);
        Arrays.fill(upper, Double.NaN);
        Arrays.fill(pZero, Double.NaN);
        for (int r = 0; r < rows.length; r++) {
            double eta = intercept ? beta[0] : 0;
            for (int j = 0; j < x.length; j++) eta += beta[off + j] * x[j][r];
            double mu = log ? Math.exp(Math.min(eta, 700)) : eta;
            pred[rows[r]] = mu;
            scoredValues[r] = mu;
            PredictiveDistribution.Interval iv = interval(mu);
            lower[rows[r]] = iv.lower();
            upper[rows[r]] = iv.upper();
            pZero[rows[r]] = iv.pZero();
        }
        // drift: every input column and the predictions against the card's training profiles
        List<DriftRow> drift = new ArrayList<>();
        for (Profile p : card.features()) drift.add(DriftRow.of(p, p.recount(people.column(p.name()))));
        Profile pp = card.predictions();
        DriftRow predDrift = DriftRow.of(pp, Profile.countNumeric(pp.name(), pp.edges(), scoredValues));
        Column<?> idc = people.column(spec.idColumn());
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) ids.add(idc.getString(i));
        return new Scoring(source, card.family(), ids, pred, rows.length, n - rows.length, unseen, spec.unseen().name(),
                d.warnings(), rejected, badNumbers, new DriftReport(drift, predDrift), INTERVAL, lower, upper, pZero);
    }

    /** Level of the predictive interval {@code predict} writes. */
    public static final double INTERVAL = 0.90;

    /**
     * The card's predictive distribution for one person with predicted mean mu: NB2(mu, alpha), Poisson(mu)
     * or Normal(mu, residual SD) for OLS (no P(0): a normal has no mass at 0; NaN when the card predates
     * the residual SD). Plug-in: see {@link PredictiveDistribution}.
     */
    public PredictiveDistribution.Interval interval(double mu) {
        return switch (card.kind()) {
            case NEGATIVE_BINOMIAL -> PredictiveDistribution.count(mu, card.alpha(), INTERVAL);
            case POISSON -> PredictiveDistribution.count(mu, 0, INTERVAL);
            case OLS -> Double.isNaN(card.residualSd()) ? new PredictiveDistribution.Interval(Double.NaN, Double.NaN, Double.NaN)
                    : PredictiveDistribution.normal(mu, card.residualSd(), INTERVAL);
        };
    }

    /** The header fields of a CSV file (plain or gzip), unquoted. */
    static List<String> header(Path file) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = r.readLine();
            if (line == null) throw new ModelException(file + ": empty file (expected a header line)");
            if (line.startsWith("\uFEFF")) line = line.substring(1);
            List<String> out = new ArrayList<>();
            for (String f : line.split(",", -1)) {
                String t = f.strip();
                if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) t = t.substring(1, t.length() - 1).replace("\"\"", "\"");
                out.add(t);
            }
            return out;
        } catch (IOException e) {
            throw new ModelException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
