package report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One plotly figure: {@code {"data": [...], "layout": {...}}} built by {@link Charts}. Title and both
 * axis labels are required and are written into the layout ({@code layout.title.text},
 * {@code layout.xaxis.title.text}, {@code layout.yaxis.title.text}).
 */
public record Chart(String title, String xLabel, String yLabel, ObjectNode figure) {

    static final ObjectMapper JSON = new ObjectMapper();

    public Chart {
        if (title == null || title.isBlank()) throw new IllegalArgumentException("a chart needs a title");
        if (xLabel == null || xLabel.isBlank()) throw new IllegalArgumentException("chart '" + title + "' needs an x-axis label");
        if (yLabel == null || yLabel.isBlank()) throw new IllegalArgumentException("chart '" + title + "' needs a y-axis label");
    }

    /** The figure as JSON, safe to embed in an HTML script element ('<' is written as \u003c). */
    public String toJson() {
        try {
            return JSON.writeValueAsString(figure).replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chart '" + title + "': " + e.getMessage(), e);
        }
    }
}
