package stats;

import java.util.List;

/** The coefficient block of a summary, laid out like statsmodels (package-private). */
final class CoefTable {
    private CoefTable() {}

    static String render(List<String> names, double[] b, double[] se, double[] stat, double[] p,
                         double[] lo, double[] hi, String statName, String pName) {
        StringBuilder sb = new StringBuilder();
        int w = Fmt.nameWidth(names);
        sb.append(Fmt.left("", w)).append(Fmt.pad("coef", 12)).append(Fmt.pad("std err", 11)).append(Fmt.pad(statName, 9))
                .append(Fmt.pad(pName, 8)).append(Fmt.pad("[0.025", 11)).append(Fmt.pad("0.975]", 11)).append('\n');
        sb.append(Fmt.THIN).append('\n');
        for (int j = 0; j < names.size(); j++) {
            sb.append(Fmt.left(names.get(j), w)).append(Fmt.num(b[j], 12)).append(Fmt.num(se[j], 11))
                    .append(Fmt.num(stat[j], 9)).append(Fmt.p(p[j], 8)).append(Fmt.num(lo[j], 11)).append(Fmt.num(hi[j], 11)).append('\n');
        }
        return sb.toString();
    }
}
