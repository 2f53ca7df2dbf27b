package model;

import stats.Diagnostics;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.List;

/**
 * One of a model's largest Cook's distances, named by person: stats.Diagnostics lists them by position in
 * the fitted rows, which differ from the table's rows once a DROP missing-value strategy removed people;
 * this maps the position through the design's kept rows to the table row and its id.
 *
 * @param personId  the person's id (the spec's id column), or null when the table has no such column
 * @param tableRow  0-based row of the person in the input table
 * @param fittedRow 0-based position among the rows the model was fitted on (what Diagnostics reports)
 * @param observed  observed exposures
 * @param fitted    the model's fitted (predicted mean) exposures
 */
public record InfluentialPerson(String personId, int tableRow, int fittedRow, double cooksDistance, double observed, double fitted) {

    /** Label for text: the id, or "table row N" when there is none. */
    public String label() {
        return personId != null ? personId : "table row " + tableRow;
    }

    /**
     * @param keptRows table row of each fitted row (stats.DesignMatrix#rows)
     * @param y        observed response of the fitted rows
     * @param fitted   fitted means of the fitted rows
     */
    static List<InfluentialPerson> of(Diagnostics d, Table persons, String idColumn, int[] keptRows, double[] y, double[] fitted) {
        Column<?> id = idColumn != null && persons.containsColumn(idColumn) ? persons.column(idColumn) : null;
        List<InfluentialPerson> out = new ArrayList<>();
        int[] rows = d.topCookRows();
        double[] cook = d.topCook();
        for (int j = 0; j < rows.length; j++) {
            int f = rows[j], t = keptRows[f];
            String pid = id == null || id.isMissing(t) ? null : id.getString(t);
            out.add(new InfluentialPerson(pid, t, f, cook[j], y[f], fitted[f]));
        }
        return List.copyOf(out);
    }
}
