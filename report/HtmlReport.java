package report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained report folder that renders with no network: {@code index.html} (every section,
 * note, table and chart), one page per chart ({@code chart-NN-slug.html}, linked to the index and to
 * the previous/next chart), and a local copy of plotly.js ({@link PlotlyJs}). Every text and table
 * cell is HTML-escaped; figures are embedded as JSON.
 *
 * <pre>{@code
 * HtmlReport r = new HtmlReport("Exposure report");
 * r.section("People").table(CountSummary.table("per person", exp, vis)).chart(Charts.histogram(h, "Exposures per person", "exposures", false));
 * HtmlReport.Written w = r.write(Path.of("plots"));
 * }</pre>
 */
public final class HtmlReport {

    private sealed interface Block permits Note, TableBlock, ChartBlock {}
    private record Note(String text) implements Block {}
    private record TableBlock(TextTable table) implements Block {}
    private record ChartBlock(Chart chart, String id, String file) implements Block {}
    private record Section(String heading, String anchor, List<Block> blocks) {}

    /** What {@link #write} produced: the index, the chart pages, plotly.js and the total bytes of HTML. */
    public record Written(Path index, List<Path> chartPages, Path plotlyJs, long htmlBytes) {}

    private final String title;
    private final List<Section> sections = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Integer> slugs = new LinkedHashMap<>();
    private int charts;

    public HtmlReport(String title) { this.title = title; }

    /** Starts a new section; following notes, tables and charts go into it. */
    public HtmlReport section(String heading) {
        sections.add(new Section(heading, "s" + (sections.size() + 1) + "-" + slug(heading), new ArrayList<>()));
        return this;
    }

    /**
     * A warning shown at the top of the report, above the contents (e.g. a part that is missing because its
     * step failed), so nobody reads an incomplete report as complete.
     */
    public HtmlReport warning(String text) { warnings.add(text); return this; }

    /** The warnings given with {@link #warning}, in order. */
    public List<String> warnings() { return List.copyOf(warnings); }

    /** A paragraph of plain text (escaped). */
    public HtmlReport note(String text) { current().blocks.add(new Note(text)); return this; }

    public HtmlReport table(TextTable table) { current().blocks.add(new TableBlock(table)); return this; }

    /** Largest figure JSON accepted: charts carry aggregates, never raw values of a whole population. */
    public static final int MAX_FIGURE_CHARS = 1_000_000;

    /** Adds a chart; refuses a figure larger than {@link #MAX_FIGURE_CHARS} (aggregate or bin it first). */
    public HtmlReport chart(Chart chart) {
        int size = chart.toJson().length();
        if (size > MAX_FIGURE_CHARS)
            throw new IllegalArgumentException("chart '" + chart.title() + "' is " + size + " characters of JSON (limit "
                    + MAX_FIGURE_CHARS + "): bin or aggregate the data before plotting");
        charts++;
        String base = slug(chart.title());
        int dup = slugs.merge(base, 1, Integer::sum);
        String file = String.format(Locale.ROOT, "chart-%02d-%s%s.html", charts, base, dup > 1 ? "-" + dup : "");
        current().blocks.add(new ChartBlock(chart, "fig" + charts, file));
        return this;
    }

    /** The report as terminal text: section headings, notes and aligned tables (charts listed by title). */
    public String toText() {
        StringBuilder b = new StringBuilder();
        for (String w : warnings) b.append("WARNING: ").append(w).append("\n\n");
        for (Section s : sections) {
            b.append("== ").append(s.heading).append(" ==\n\n");
            for (Block bl : s.blocks) {
                if (bl instanceof Note n) b.append(n.text()).append("\n\n");
                else if (bl instanceof TableBlock t) b.append(t.table().toText()).append('\n');
                else if (bl instanceof ChartBlock c) b.append("[chart] ").append(c.chart().title()).append(" -> ").append(c.file()).append('\n');
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** Every table of the report, in order (e.g. to save them as CSV through the storage service). */
    public List<TextTable> tables() {
        List<TextTable> out = new ArrayList<>();
        for (Section s : sections) for (Block bl : s.blocks) if (bl instanceof TableBlock t) out.add(t.table());
        return out;
    }

    private Section current() {
        if (sections.isEmpty()) section("Overview");
        return sections.get(sections.size() - 1);
    }

    /**
     * Writes the report into dir (created if needed). Chart pages from an earlier run
     * ({@code chart-*.html}) are removed first so the folder matches this report.
     */
    public Written write(Path dir) {
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "chart-*.html")) {
                for (Path p : old) Files.delete(p);
            }
            Path js = PlotlyJs.copyTo(dir);
            List<ChartBlock> all = new ArrayList<>();
            for (Section s : sections) for (Block b : s.blocks) if (b instanceof ChartBlock c) all.add(c);
            List<Path> pages = new ArrayList<>();
            long bytes = 0;
            for (int i = 0; i < all.size(); i++) {
                Path p = dir.resolve(all.get(i).file());
                bytes += writeString(p, chartPage(all, i));
                pages.add(p);
            }
            Path index = dir.resolve("index.html");
            bytes += writeString(index, index());
            return new Written(index, pages, js, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static long writeString(Path p, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        Files.write(p, b);
        return b.length;
    }

    // ---------------------------------------------------------------- pages

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 auto;max-width:1100px;padding:0 20px 40px;color:#222}
            h1{font-size:1.6em;margin:18px 0 6px} h2{font-size:1.25em;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:32px}
            nav{font-size:.9em;padding:8px 0;border-bottom:1px solid #eee} nav a{margin-right:14px}
            .toc{columns:2;font-size:.92em} .toc>div{break-inside:avoid} .toc ul{margin:2px 0 8px}
            table{border-collapse:collapse;margin:10px 0 18px;font-size:.88em} caption{text-align:left;font-weight:600;padding:4px 0}
            th,td{border-bottom:1px solid #e4e4e4;padding:3px 9px;text-align:left;white-space:nowrap} th{background:#f6f6f6}
            .num{text-align:right;font-variant-numeric:tabular-nums} .tablewrap{overflow-x:auto}
            .chart{border:1px solid #eee;margin:10px 0 4px} .fig{width:100%;height:440px} .open{font-size:.85em;margin-bottom:18px}
            .note{color:#444} .missing{color:#b00;font-weight:600}
            """;

    private String head(String pageTitle) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + Html.escape(pageTitle)
                + "</title>\n<style>\n" + CSS + "</style>\n<script src=\"" + PlotlyJs.FILE_NAME + "\"></script>\n</head>\n<body>\n"
                + "<noscript><p class=\"missing\">JavaScript is off: charts cannot be drawn.</p></noscript>\n";
    }

    private static String plotScript(ChartBlock c) {
        return "<script>(function(){var el=document.getElementById('" + c.id() + "');"
                + "if(!window.Plotly){el.innerHTML='<p class=\"missing\">'+'plotly.js (" + PlotlyJs.FILE_NAME + ") is missing next to this page.</p>';return;}"
                + "var f=" + c.chart().toJson() + ";"
                + "Plotly.newPlot(el,f.data,f.layout,{responsive:true,displaylogo:false});})();</script>\n";
    }

    private static void chartDiv(StringBuilder b, ChartBlock c, String height) {
        int fixed = c.chart().figure().path("layout").path("height").asInt(0);   // a figure that sets its own height
        if (fixed > 0) height = fixed + "px";
        b.append("<div class=\"chart\"><div class=\"fig\" id=\"").append(c.id()).append("\"")
                .append(height == null ? "" : " style=\"height:" + height + "\"").append("></div></div>\n");
        b.append(plotScript(c));
    }

    private String index() {
        StringBuilder b = new StringBuilder(head(title));
        b.append("<h1>").append(Html.escape(title)).append("</h1>\n");
        for (String w : warnings) b.append("<p class=\"missing\" role=\"alert\">").append(Html.escape(w)).append("</p>\n");
        b.append("<div class=\"toc\">\n");
        for (Section s : sections) {
            b.append("<div><a href=\"#").append(s.anchor).append("\">").append(Html.escape(s.heading)).append("</a>\n<ul>\n");
            for (Block bl : s.blocks)
                if (bl instanceof ChartBlock c)
                    b.append("<li><a href=\"").append(c.file()).append("\">").append(Html.escape(c.chart().title())).append("</a></li>\n");
            b.append("</ul></div>\n");
        }
        b.append("</div>\n");
        for (Section s : sections) {
            b.append("<h2 id=\"").append(s.anchor).append("\">").append(Html.escape(s.heading)).append("</h2>\n");
            for (Block bl : s.blocks) {
                if (bl instanceof Note n) b.append("<p class=\"note\">").append(Html.escape(n.text())).append("</p>\n");
                else if (bl instanceof TableBlock t) b.append("<div class=\"tablewrap\">").append(t.table().toHtml()).append("</div>\n");
                else if (bl instanceof ChartBlock c) {
                    chartDiv(b, c, null);
                    b.append("<div class=\"open\"><a href=\"").append(c.file()).append("\">open on its own page</a></div>\n");
                }
            }
        }
        return b.append("</body>\n</html>\n").toString();
    }

    private String chartPage(List<ChartBlock> all, int i) {
        ChartBlock c = all.get(i);
        StringBuilder b = new StringBuilder(head(c.chart().title() + " — " + title));
        b.append("<nav><a href=\"index.html\">← ").append(Html.escape(title)).append("</a>");
        if (i > 0) b.append("<a href=\"").append(all.get(i - 1).file()).append("\">previous: ").append(Html.escape(all.get(i - 1).chart().title())).append("</a>");
        if (i + 1 < all.size()) b.append("<a href=\"").append(all.get(i + 1).file()).append("\">next: ").append(Html.escape(all.get(i + 1).chart().title())).append("</a>");
        b.append("</nav>\n");
        chartDiv(b, c, "600px");
        b.append("<details><summary>All charts</summary><ol>\n");
        for (int j = 0; j < all.size(); j++) {
            if (j == i) b.append("<li><b>").append(Html.escape(all.get(j).chart().title())).append("</b></li>\n");
            else b.append("<li><a href=\"").append(all.get(j).file()).append("\">").append(Html.escape(all.get(j).chart().title())).append("</a></li>\n");
        }
        b.append("</ol></details>\n");
        return b.append("</body>\n</html>\n").toString();
    }

    /** Lower-case ASCII slug for file names and anchors (at most 40 characters, "chart" if empty). */
    static String slug(String s) {
        String x = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (x.length() > 40) x = x.substring(0, 40).replaceAll("-+$", "");
        return x.isEmpty() ? "chart" : x;
    }
}
