///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//SOURCES testkit/JUnitMain.java
//SOURCES ../stats/*.java

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import stats.Ols;
import stats.OlsResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * OLS accuracy on the 11 NIST StRD linear-regression datasets: min LRE over coefficients, their standard
 * errors, the residual SD and R^2 must be >= 11 (>= 7 on Filip). Reads ../shared/reference/nist-strd
 * (or $NIST_STRD_DIR); SKIPPED with the reason when the folder is absent.
 */
public class NistTest {
    public static void main(String[] a) { testkit.JUnitMain.runAndExit(a, NistTest.class); }

    static final String[] DATASETS = {"Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley",
            "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5"};

    record Certified(String name, double[] beta, double[] sd, double residualSd, double r2, double[] y, double[][] x) {
        int p() { return beta.length; }
        boolean polynomial() { return x.length == 1 && beta.length > 2; }
        boolean intercept() { return beta.length > x.length; }
    }

    static Path dir() {
        String env = System.getenv("NIST_STRD_DIR");
        if (env != null) return Path.of(env);
        for (Path base = Path.of("").toAbsolutePath(); base != null; base = base.getParent()) {
            Path c = base.resolve("shared/reference/nist-strd");
            if (Files.isDirectory(c)) return c;
            Path c2 = base.resolve("../shared/reference/nist-strd").normalize();
            if (Files.isDirectory(c2)) return c2;
        }
        return Path.of("../shared/reference/nist-strd");
    }

    static Certified parse(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Pattern dataRange = Pattern.compile("Data\\s*\\(lines\\s+(\\d+)\\s+to\\s+(\\d+)\\)");
        Pattern param = Pattern.compile("^\\s*B(\\d+)\\s+(\\S+)\\s+(\\S+)\\s*$");
        Pattern sdLine = Pattern.compile("^\\s*Standard Deviation\\s+([-+0-9.Ee]+)\\s*$");
        Pattern r2Line = Pattern.compile("^\\s*R-Squared\\s+([-+0-9.Ee]+)\\s*$");
        int from = -1, to = -1;
        List<double[]> params = new ArrayList<>();
        double rsd = Double.NaN, r2 = Double.NaN;
        for (String l : lines) {
            Matcher m;
            if (from < 0 && (m = dataRange.matcher(l)).find()) {
                from = Integer.parseInt(m.group(1));
                to = Integer.parseInt(m.group(2));
            } else if ((m = param.matcher(l)).find()) {
                params.add(new double[]{Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))});
            } else if ((m = sdLine.matcher(l)).find()) {
                rsd = Double.parseDouble(m.group(1));
            } else if ((m = r2Line.matcher(l)).find()) {
                r2 = Double.parseDouble(m.group(1));
            }
        }
        if (from < 0 || params.isEmpty() || Double.isNaN(rsd) || Double.isNaN(r2)) fail(file + ": could not parse certified values");
        List<double[]> rows = new ArrayList<>();
        for (int i = from - 1; i < to && i < lines.size(); i++) {
            String s = lines.get(i).trim();
            if (s.isEmpty()) continue;
            String[] f = s.split("\\s+");
            double[] v = new double[f.length];
            for (int k = 0; k < f.length; k++) v[k] = Double.parseDouble(f[k]);
            rows.add(v);
        }
        int k = rows.get(0).length - 1, n = rows.size();
        double[] y = new double[n];
        double[][] x = new double[k][n];
        for (int i = 0; i < n; i++) {
            y[i] = rows.get(i)[0];
            for (int j = 0; j < k; j++) x[j][i] = rows.get(i)[j + 1];
        }
        double[] b = new double[params.size()], sd = new double[params.size()];
        for (int j = 0; j < b.length; j++) {
            b[j] = params.get(j)[0];
            sd[j] = params.get(j)[1];
        }
        String name = file.getFileName().toString().replace(".dat", "");
        return new Certified(name, b, sd, rsd, r2, y, x);
    }

    static double lre(double est, double cert) {
        if (est == cert) return 15;
        double e = cert == 0 ? Math.abs(est) : Math.abs(est - cert) / Math.abs(cert);
        if (Double.isNaN(e)) return 0;
        return Math.max(0, Math.min(15, -Math.log10(e)));
    }

    /** [min, coef, se, rsd, r2] */
    static double[] lres(Certified c, OlsResult r) {
        double cb = 15, cs = 15;
        double[] b = r.coefficients(), se = r.standardErrors();
        for (int j = 0; j < c.p(); j++) {
            cb = Math.min(cb, lre(b[j], c.beta()[j]));
            cs = Math.min(cs, lre(se[j], c.sd()[j]));
        }
        double rs = lre(r.residualSe(), c.residualSd()), rr = lre(r.rSquared(), c.r2());
        return new double[]{Math.min(Math.min(cb, cs), Math.min(rs, rr)), cb, cs, rs, rr};
    }

    static OlsResult fitGeneric(Certified c) {
        if (c.polynomial()) {
            int deg = c.p() - 1, n = c.y().length;
            double[][] cols = new double[deg][n];
            List<String> names = new ArrayList<>();
            for (int k = 1; k <= deg; k++) {
                names.add("x^" + k);
                for (int i = 0; i < n; i++) cols[k - 1][i] = k == 1 ? c.x()[0][i] : cols[k - 2][i] * c.x()[0][i];
            }
            return Ols.fitColumns(c.y(), cols, names, true);
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < c.x().length; j++) names.add("x" + (j + 1));
        return Ols.fitColumns(c.y(), c.x(), names, c.intercept());
    }

    @Test
    void nistStrdLinearDatasets() throws IOException {
        Path d = dir();
        Assumptions.assumeTrue(Files.isDirectory(d), "NIST StRD folder not found at " + d.toAbsolutePath() + " (set NIST_STRD_DIR)");
        List<String> failures = new ArrayList<>();
        System.out.println("NIST StRD linear regression: LRE (digits) = -log10(|est - cert| / |cert|), capped at 15");
        System.out.println(String.format(Locale.ROOT, "%-9s %-14s %5s %5s %5s %5s %5s  %s", "dataset", "API", "min", "coef", "se", "rsd", "R2", "steps"));
        for (String name : DATASETS) {
            Path f = d.resolve(name + ".dat");
            if (!Files.exists(f)) {
                failures.add(name + ": file missing");
                continue;
            }
            Certified c = parse(f);
            double need = name.equals("Filip") ? 7 : 11;
            OlsResult g = fitGeneric(c);
            double[] lg = lres(c, g);
            print(name, "fitColumns", lg, g.refinementSteps());
            double best = lg[0];
            if (c.polynomial()) {
                OlsResult pr = Ols.fitPolynomial(c.x()[0], c.y(), c.p() - 1);
                double[] lp = lres(c, pr);
                print(name, "fitPolynomial", lp, pr.refinementSteps());
                if (lp[0] < need) failures.add(String.format(Locale.ROOT, "%s fitPolynomial: min LRE %.1f < %.0f", name, lp[0], need));
            }
            if (lg[0] < need) failures.add(String.format(Locale.ROOT, "%s fitColumns: min LRE %.1f < %.0f", name, lg[0], need));
        }
        assertTrue(failures.isEmpty(), String.join("; ", failures));
    }

    static void print(String name, String api, double[] l, int steps) {
        System.out.println(String.format(Locale.ROOT, "%-9s %-14s %5.1f %5.1f %5.1f %5.1f %5.1f  %d", name, api, l[0], l[1], l[2], l[3], l[4], steps));
    }
}
