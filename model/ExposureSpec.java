package model;

import ingest.ColumnInfo;
import ingest.ColumnKind;
import ingest.Dataset;
import stats.Design;
import stats.Missing;
import stats.UnseenPolicy;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the exposure model is made of: the response, the numeric terms (with their centring/scaling), the
 * categorical terms (with their reference levels), the missing-value strategy (global and per input
 * column) and the unseen-level policy. It is turned into a {@link stats.Design} on the derived feature
 * table; the fitted {@link stats.Encoding} (levels, fill values) and this spec together are the model's
 * full encoding, saved in the {@link ModelCard}. Plain fields: Jackson round-trips it.
 *
 * <p>Stated defaults: missing values get {@link Missing#INDICATOR} (numeric: training mean plus a
 * {@code <name>_missing} 0/1 column; categorical: a {@code (missing)} level), so every person is scored;
 * unseen levels at scoring time follow {@link UnseenPolicy#REFERENCE}: encoded as the reference level,
 * counted and reported per column and level.
 *
 * @param missingByColumn per input column overrides of {@code missing}
 */
public record ExposureSpec(String response, String idColumn, List<NumericTerm> numeric, List<CategoricalTerm> categorical,
                           Missing missing, Map<String, Missing> missingByColumn, UnseenPolicy unseen) {

    public ExposureSpec {
        if (response == null || response.isBlank()) throw new IllegalArgumentException("the spec needs a response column");
        if (idColumn == null || idColumn.isBlank()) idColumn = Dataset.PERSON_ID;
        numeric = numeric == null ? List.of() : List.copyOf(numeric);
        categorical = categorical == null ? List.of() : List.copyOf(categorical);
        if (missing == null) missing = Missing.INDICATOR;
        missingByColumn = missingByColumn == null ? Map.of() : Map.copyOf(missingByColumn);
        if (unseen == null) unseen = UnseenPolicy.REFERENCE;
        if (numeric.isEmpty() && categorical.isEmpty()) throw new IllegalArgumentException("an exposure model needs at least one input column (a numeric or categorical " +
                "term); none was given");
        List<String> seen = new ArrayList<>(), names = new ArrayList<>();
        for (NumericTerm t : numeric) {
            if (seen.contains(t.column())) throw new IllegalArgumentException("column '" + t.column() + "' appears twice in the spec");
            seen.add(t.column());
            names.add(t.name());
        }
        for (CategoricalTerm t : categorical) {
            if (seen.contains(t.column())) throw new IllegalArgumentException("column '" + t.column() + "' appears twice in the spec");
            seen.add(t.column());
            names.add(t.column());
        }
        for (String n : names) {
            if (n.equals(response)) throw new IllegalArgumentException("'" + n + "' is the response; it cannot also be a term");
            if (names.indexOf(n) != names.lastIndexOf(n)) throw new IllegalArgumentException("design name '" + n + "' is used twice");
        }
        for (String c : missingByColumn.keySet()) {
            if (!seen.contains(c)) throw new IllegalArgumentException("missing-value strategy given for '" + c + "', which is not a term; terms: " + seen);
        }
    }

    /**
     * The parameterisation of the synthetic generator (truth.json): {@code age10 = (age - 45) / 10},
     * {@code household_size_c = household_size - 3}, gender (reference F), income_bracket (reference lt25k),
     * region (reference Northeast); response {@code exposures}; missing values as indicators.
     */
    public static ExposureSpec generatorParameterisation() {
        return new ExposureSpec(Dataset.EXPOSURES, Dataset.PERSON_ID,
                List.of(NumericTerm.of("age", 45, 10, "age10"), NumericTerm.of("household_size", 3, 1, "household_size_c")),
                List.of(CategoricalTerm.of("gender", "F"), CategoricalTerm.of("income_bracket", "lt25k"), CategoricalTerm.of("region", "Northeast")),
                Missing.INDICATOR, Map.of(), UnseenPolicy.REFERENCE);
    }

    /**
     * Every demographic column as ingestion discovered it in the people.csv header: NUMERIC columns in
     * natural units, CATEGORICAL ones one-hot with the most frequent level as reference.
     */
    public static ExposureSpec auto(String response, List<ColumnInfo> demographics) {
        List<NumericTerm> num = new ArrayList<>();
        List<CategoricalTerm> cat = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (ColumnInfo c : demographics) {
            if (c.nonMissing() == 0) { empty.add(c.name()); continue; } // an all-empty column carries nothing
            if (c.kind() == ColumnKind.NUMERIC) num.add(NumericTerm.raw(c.name()));
            else cat.add(CategoricalTerm.of(c.name()));
        }
        if (num.isEmpty() && cat.isEmpty()) {
            // said in the user's terms: the spec constructor's "no terms" would be about our internals
            throw new ModelException(demographics.isEmpty()
                    ? "people.csv has no demographic columns besides 'person_id', so there is nothing to model " + response + " on"
                    : "every demographic column of people.csv is empty (" + quote(empty) + "), so there is nothing to model " + response + " on");
        }
        return new ExposureSpec(response, Dataset.PERSON_ID, num, cat, Missing.INDICATOR, Map.of(), UnseenPolicy.REFERENCE);
    }

    /**
     * The generator's parameterisation when the discovered demographics are exactly the generator's columns
     * (age, gender, income_bracket, region, household_size) and no column is declared with another kind
     * than the generator's (age and household_size numeric), else {@link #auto}.
     */
    public static ExposureSpec preferred(String response, List<ColumnInfo> demographics) {
        List<String> names = demographics.stream().map(ColumnInfo::name).sorted().toList();
        ExposureSpec g = generatorParameterisation();
        // only when the declared kinds agree too: a declared categorical age is the user's call. A detected
        // one (a few junk cells) keeps the generator's numeric age, so the model step names the junk cells
        // (the ingestion alert has already suggested --numeric / --categorical) instead of fitting a
        // many-level factor that is rank deficient on small data.
        boolean kindsAgree = demographics.stream().filter(c -> "declared".equals(c.rule())).allMatch(c -> (c.kind() == ColumnKind.NUMERIC)
                == g.numeric().stream().anyMatch(t -> t.column().equals(c.name())));
        if (response.equals(g.response()) && names.equals(g.inputColumns().stream().sorted().toList()) && kindsAgree) return g;
        return auto(response, demographics);
    }

    public ExposureSpec withMissing(Missing strategy) {
        return new ExposureSpec(response, idColumn, numeric, categorical, strategy, missingByColumn, unseen);
    }

    public ExposureSpec withMissing(String column, Missing strategy) {
        Map<String, Missing> m = new LinkedHashMap<>(missingByColumn);
        m.put(column, strategy);
        return new ExposureSpec(response, idColumn, numeric, categorical, missing, m, unseen);
    }

    public ExposureSpec withUnseen(UnseenPolicy policy) {
        return new ExposureSpec(response, idColumn, numeric, categorical, missing, missingByColumn, policy);
    }

    /** Input columns the model reads from people.csv, in spec order (numeric first). */
    public List<String> inputColumns() {
        List<String> out = new ArrayList<>();
        for (NumericTerm t : numeric) out.add(t.column());
        for (CategoricalTerm t : categorical) out.add(t.column());
        return out;
    }

    /** Missing-value strategy of an input column. */
    public Missing missingOf(String column) {
        return missingByColumn.getOrDefault(column, missing);
    }

    /** R-like formula, e.g. {@code exposures ~ age10 + C(gender, ref="F") + ...} followed by the transforms. */
    public String formula() {
        List<String> terms = new ArrayList<>();
        for (NumericTerm t : numeric) terms.add(t.name());
        for (CategoricalTerm t : categorical) terms.add("C(" + t.column() + (t.reference() == null ? ", ref=most frequent" : ", ref=\"" + t.reference() + "\"") + ")");
        StringBuilder sb = new StringBuilder(response).append(" ~ ").append(String.join(" + ", terms));
        List<String> tf = new ArrayList<>();
        for (NumericTerm t : numeric) if (!(t.center() == 0 && t.scale() == 1 && t.name().equals(t.column()))) tf.add(t.formula());
        if (!tf.isEmpty()) sb.append("; ").append(String.join("; ", tf));
        return sb.toString();
    }

    /** Checks that {@code table} has every input column (and the response when asked); one clear message otherwise. */
    void requireColumns(Table table, boolean needResponse, String what) {
        List<String> absent = new ArrayList<>();
        for (String c : inputColumns()) if (!table.containsColumn(c)) absent.add(c);
        if (needResponse && !table.containsColumn(response)) absent.add(response + " (response)");
        if (!absent.isEmpty()) {
            throw new ModelException(what + " lacks column" + (absent.size() > 1 ? "s " : " ") + quote(absent)
                    + " that the model needs; it has " + quote(table.columnNames()));
        }
    }

    /**
     * The feature table stats.Design is fitted on / the encoding is applied to: numeric terms as
     * (x - center) / scale under their names (NaN when missing), categorical columns as strings, and the
     * response when present.
     */
    Table features(Table table, boolean needResponse, String what) {
        requireColumns(table, needResponse, what);
        List<Column<?>> cols = new ArrayList<>();
        int n = table.rowCount();
        for (NumericTerm t : numeric) {
            Column<?> c = table.column(t.column());
            if (!(c instanceof NumericColumn<?> nc)) throw notNumeric(table, c, t.column(), what);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = nc.isMissing(i) ? Double.NaN : t.apply(nc.getDouble(i));
                if (Math.abs(v[i]) > MAX_MAGNITUDE || Double.isInfinite(v[i])) {
                    // caught here, in the user's column, before the fit meets it as "non-finite 'age10'"
                    throw new ModelException(what + ": column '" + t.column() + "' has the value " + plain(nc.getDouble(i)) + row(table, i)
                            + ", too large to model (at most " + plain(MAX_MAGNITUDE) + " in size after " + t.formula() + "): correct or blank it");
                }
            }
            cols.add(DoubleColumn.create(t.name(), v));
        }
        for (CategoricalTerm t : categorical) {
            Column<?> c = table.column(t.column());
            if (c instanceof StringColumn) cols.add(c);
            else {
                String[] s = new String[n];
                for (int i = 0; i < n; i++) s[i] = c.isMissing(i) ? "" : c.getString(i);
                cols.add(StringColumn.create(t.column(), s));
            }
        }
        if (table.containsColumn(response)) cols.add(table.column(response));
        return Table.create(table.name(), cols.toArray(new Column<?>[0]));
    }

    /** Largest |value| of a numeric term the fit accepts: its squares, summed over millions of rows, stay finite. */
    static final double MAX_MAGNITUDE = 1e100;

    /** "column 'age' holds text: 8 of 400 values are not numbers, e.g. 'unknown' (person_id 50)..." */
    private ModelException notNumeric(Table table, Column<?> c, String name, String what) {
        int bad = 0, present = 0, first = -1;
        for (int i = 0; i < c.size(); i++) {
            if (c.isMissing(i)) continue;
            present++;
            String s = c.getString(i).trim();
            boolean number;
            try {
                number = !s.isEmpty() && Double.isFinite(Double.parseDouble(s));
            } catch (NumberFormatException e) {
                number = false;
            }
            if (!number) {
                bad++;
                if (first < 0) first = i;
            }
        }
        String example = first < 0 ? "" : ", e.g. '" + c.getString(first) + "'" + row(table, first);
        return new ModelException(what + ": column '" + name + "' holds text (" + bad + " of " + present + " values are not numbers" + example
                + "), but the model reads it as a number: correct or blank those values");
    }

    /** " (person_id 50)" for row i when the table has the id column, else " (row 49)". */
    private String row(Table table, int i) {
        if (table.containsColumn(idColumn)) return " (" + idColumn + " " + table.column(idColumn).getString(i) + ")";
        return " (row " + i + ")";
    }

    /** The stats.Design for {@link #features}. */
    Design design() {
        Design d = Design.of(response).missing(missing).unseen(unseen);
        for (NumericTerm t : numeric) {
            d.numeric(t.name());
            if (missingByColumn.containsKey(t.column())) d.missing(t.name(), missingByColumn.get(t.column()));
        }
        for (CategoricalTerm t : categorical) {
            if (t.reference() == null) d.categorical(t.column());
            else d.categorical(t.column(), t.reference());
            if (missingByColumn.containsKey(t.column())) d.missing(t.column(), missingByColumn.get(t.column()));
        }
        return d;
    }

    static String quote(List<String> names) {
        List<String> q = new ArrayList<>();
        for (String s : names) q.add("'" + s + "'");
        return "[" + String.join(", ", q) + "]";
    }

    /** A number as a person would write it: 45, 0.25, 1e300 (not 1.00000e+300). */
    static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v).replace(".0E", "E").replace("E", "e");
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
    }
}
