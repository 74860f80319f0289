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
 * Draws each configuration's time ratio to the baseline as log2 bars (0 = same time, -1 = twice as fast,
 * +1 = twice as slow, so ratios from 0.02 to 20 stay readable), one group per benchmark and thread count, with
 * error bars spanning the wider side of the ratio's interval in log2 (XChart's error bars are symmetric; the
 * Markdown table has both ends). An interval reaching 0 or infinity gets no bar.
 */
final class RatioChart {
    private static final int WIDTH = 1400;
    private static final int HEIGHT = 900;

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
                .title("Time/op relative to the no-agent baseline: log2(ratio), 0 = same, below 0 = faster")
                .xAxisTitle("benchmark, threads").yAxisTitle("log2(time/op ratio to baseline)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLabelRotation(90); // upright labels sit under their tick; slanted long ones ran off the left edge
        chart.getStyler().setErrorBarsColorSeriesColor(false);
        List<String> categories = shown.stream().map(Comparison::key).toList();
        for (String config : configs) {
            List<Double> ratios = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (Comparison comparison : shown) {
                ResultRow row = comparison.row(config);
                Metric.Ratio ratio = row == null ? null : comparison.ratio(row);
                ratios.add(ratio == null ? 0.0 : log2(ratio.value()));
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
        double wider = Math.max(log2(ratio.high() / ratio.value()), log2(ratio.value() / ratio.low()));
        return Double.isFinite(wider) ? wider : 0.0;
    }

    private static double log2(double value) {
        return Math.log(value) / Math.log(2);
    }
}
