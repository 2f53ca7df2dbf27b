package stats;

import java.util.List;

/** The per-term joint Wald tests block of a summary (package-private). */
final class WaldTable {
    private WaldTable() {}

    static String render(List<WaldTest> tests, String covarianceType) {
        if (tests.isEmpty()) return "";
        StringBuilder sb = new StringBuilder();
        int w = Fmt.nameWidth(tests.stream().map(WaldTest::term).toList());
        sb.append("Joint Wald tests per term (all its coefficients = 0; ").append(covarianceType).append(" covariance)\n");
        sb.append(Fmt.left("term", w)).append(Fmt.pad("df", 5)).append(Fmt.pad("statistic", 12)).append(Fmt.pad("distribution", 16)).append(Fmt.pad("P>stat", 12)).append('\n');
        for (WaldTest t : tests) {
            sb.append(Fmt.left(t.term(), w)).append(Fmt.pad(Integer.toString(t.df()), 5)).append(Fmt.num(t.statistic(), 12))
                    .append(Fmt.pad(t.distribution(), 16)).append(Fmt.pad(Fmt.g(t.pValue()), 12)).append('\n');
        }
        sb.append(Fmt.THIN).append('\n');
        return sb.toString();
    }
}
