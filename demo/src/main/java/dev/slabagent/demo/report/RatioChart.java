package dev.slabagent.demo.report;

import dev.slabagent.demo.bench.suite.ForkConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Draws each configuration's time ratio to the baseline as bars, one group per benchmark and thread count,
 * with error bars from the ratio's interval (the wider side of it, since XChart's bars are symmetric).
 */
final class RatioChart {
    private static final int WIDTH = 1400;
    private static final int HEIGHT = 700;

    private RatioChart() {
    }

    /**
     * Writes the chart as a PNG.
     *
     * @param comparisons the results; those without a baseline or other configurations are left out
     * @param png the file to write (its {@code .png} suffix is added by XChart if missing)
     * @throws IOException if the file cannot be written
     */
    static void write(List<Comparison> comparisons, Path png) throws IOException {
        List<Comparison> shown = comparisons.stream()
                .filter(c -> c.baseline() != null && c.rows().size() > 1)
                .toList();
        Set<String> configs = new LinkedHashSet<>();
        shown.forEach(c -> c.rows().forEach(row -> configs.add(row.config())));
        configs.remove(ForkConfig.BASELINE);

        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Time per operation relative to the no-agent baseline (1.0 = same; lower is faster)")
                .xAxisTitle("benchmark, threads").yAxisTitle("ratio to baseline").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLabelRotation(20);
        chart.getStyler().setErrorBarsColorSeriesColor(false);
        List<String> categories = shown.stream().map(Comparison::key).toList();
        for (String config : configs) {
            List<Double> ratios = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (Comparison comparison : shown) {
                ResultRow row = comparison.row(config);
                Metric.Ratio ratio = row == null ? null : comparison.ratio(row);
                ratios.add(ratio == null ? 0.0 : ratio.value());
                errors.add(ratio == null ? 0.0 : errorBar(ratio));
            }
            chart.addSeries(config, categories, ratios, errors);
        }
        if (configs.isEmpty()) {
            chart.addSeries("no comparisons", List.of("none"), List.of(0.0));
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static double errorBar(Metric.Ratio ratio) {
        double wider = Math.max(ratio.value() - ratio.low(), ratio.high() - ratio.value());
        return Double.isFinite(wider) ? wider : 0.0;
    }
}
