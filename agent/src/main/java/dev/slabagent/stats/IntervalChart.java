package dev.slabagent.stats;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws ratios to a baseline as points on their 95% interval, one row per comparison, with a dashed line at 1 (no
 * change). A significant difference is drawn in colour (green better, red worse); one that is not is grey, so that
 * a chart never shows noise as a result. Rows without a ratio (a strategy that found a hazard) carry only their label.
 */
public final class IntervalChart {

    private static final Color BETTER = new Color(0x2e7d32);
    private static final Color WORSE = new Color(0xc62828);
    private static final Color NOT_SIGNIFICANT = new Color(0xb0b0b0);
    private static final int WIDTH = 1100;
    private static final int ROW_HEIGHT = 46;

    /**
     * One row of the chart.
     *
     * @param label      what is compared, e.g. {@code G1 magazine}
     * @param comparison its comparison with the baseline, or {@code null} to show only {@code label}
     */
    public record Row(String label, Comparison comparison) {
    }

    private IntervalChart() {
    }

    /**
     * Writes the chart as a PNG.
     *
     * @param title the chart's title
     * @param rows  the rows, drawn top to bottom
     * @param png   the file
     * @throws IOException if it cannot be written
     */
    public static void write(String title, List<Row> rows, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(160 + ROW_HEIGHT * Math.max(1, rows.size()))
                .title(title).xAxisTitle("ratio to baseline (1 = same; grey = not significant)").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisTicksVisible(false);
        chart.getStyler().setPlotGridHorizontalLinesVisible(false);
        chart.getStyler().setYAxisMin(-0.8);
        chart.getStyler().setYAxisMax(rows.size() - 0.2);
        double lowest = 1;
        double highest = 1;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            double y = rows.size() - 1 - i;
            Comparison c = row.comparison();
            String label = row.label();
            double x = 1;
            if (c != null && Double.isFinite(c.low()) && Double.isFinite(c.high())) {
                Color color = switch (c.verdict()) {
                    case FASTER -> BETTER;
                    case SLOWER -> WORSE;
                    case SAME, INCONCLUSIVE -> NOT_SIGNIFICANT;
                };
                XYSeries interval = chart.addSeries("interval " + i, new double[] {c.low(), c.high()},
                        new double[] {y, y});
                interval.setMarker(SeriesMarkers.NONE).setLineColor(color).setLineStyle(new BasicStroke(4f));
                XYSeries point = chart.addSeries("ratio " + i, new double[] {c.ratio()}, new double[] {y});
                point.setMarker(SeriesMarkers.DIAMOND).setMarkerColor(color);
                label += String.format(Locale.ROOT, "  %.3f [%.3f, %.3f]  %s", c.ratio(), c.low(), c.high(),
                        c.verdict().label());
                lowest = Math.min(lowest, c.low());
                highest = Math.max(highest, c.high());
                x = c.ratio();
            }
            chart.addAnnotation(new AnnotationText(label, x, y + 0.35, false));
        }
        double margin = Math.max(0.05, (highest - lowest) * 0.15);
        chart.getStyler().setXAxisMin(Math.max(0, lowest - margin));
        chart.getStyler().setXAxisMax(highest + margin);
        XYSeries one = chart.addSeries("no change", new double[] {1, 1}, new double[] {-0.8, rows.size() - 0.2});
        one.setMarker(SeriesMarkers.NONE).setLineColor(Color.DARK_GRAY)
                .setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {6f, 4f}, 0f));
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
