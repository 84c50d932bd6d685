package org.patchpinn.compare;

import java.awt.BasicStroke;
import java.awt.Color;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.patchpinn.report.Charts;
import org.patchpinn.report.Table;
import org.patchpinn.symbolic.Law;

/** Plots of a comparison: a quantity against the condition with its law, F–I curves and resting potential. */
public final class ComparisonCharts {
    private ComparisonCharts() {
    }

    /** Per-recording values (one series per cell), the law as a line, and its bootstrap band if given. */
    public static JFreeChart quantityVsCondition(ComparisonResult c, String quantity, Law law, double[][] band) {
        XYSeriesCollection data = new XYSeriesCollection();
        Map<String, XYSeries> cells = new TreeMap<>();
        for (RecordingRow r : c.okRows()) {
            double v = r.value(quantity);
            if (Double.isFinite(v)) {
                cells.computeIfAbsent("cell " + r.entry().cell(), k -> new XYSeries(k, true, true))
                        .add(r.entry().condition(), v);
            }
        }
        cells.values().forEach(data::addSeries);
        int points = data.getSeriesCount();
        double[] range = range(c);
        if (law != null) {
            XYSeries line = new XYSeries("law: " + law.expression(), true, false);
            for (double x : grid(range)) {
                line.add(x, law.value(x));
            }
            data.addSeries(line);
        }
        if (band != null) {
            XYSeries lo = new XYSeries("95 % band (low)", true, false);
            XYSeries hi = new XYSeries("95 % band (high)", true, false);
            for (double[] b : band) {
                if (Double.isFinite(b[1]) && (b[0] > 0 || range[0] <= 0)) {
                    lo.add(b[0], b[1]);
                    hi.add(b[0], b[2]);
                }
            }
            data.addSeries(lo);
            data.addSeries(hi);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        for (int s = 0; s < data.getSeriesCount(); s++) {
            boolean isPoints = s < points;
            renderer.setSeriesLinesVisible(s, !isPoints);
            renderer.setSeriesShapesVisible(s, isPoints);
            if (!isPoints && s > points) {
                renderer.setSeriesPaint(s, Color.GRAY);
                renderer.setSeriesStroke(s, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {4f, 4f}, 0f));
            }
        }
        String unit = c.unitOf(quantity);
        return chart(quantity + " vs " + c.settings().conditionColumn(), data, renderer, conditionAxis(c, range),
                quantity + (unit.isEmpty() ? "" : " (" + unit + ")"));
    }

    /** Mean firing rate against step current, one line per condition. */
    public static JFreeChart fiCurves(ComparisonResult c) {
        Map<Double, Map<Double, List<Double>>> byCondition = new TreeMap<>();
        for (RecordingRow r : c.okRows()) {
            if (r.result().features() == null) {
                continue;
            }
            for (double[] p : r.result().features().fi()) {
                double step = ComparisonReport.protocolStep(p[0]);
                byCondition.computeIfAbsent(r.entry().condition(), k -> new TreeMap<>())
                        .computeIfAbsent(step, k -> new ArrayList<>()).add(p[1]);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        byCondition.forEach((cond, steps) -> {
            XYSeries s = new XYSeries(c.settings().conditionColumn() + " = " + ManifestReader.fmt(cond), true, false);
            steps.forEach((i, rates) -> s.add(i.doubleValue(), rates.stream().mapToDouble(Double::doubleValue)
                    .average().orElse(Double.NaN)));
            data.addSeries(s);
        });
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        NumberAxis x = new NumberAxis("step current (pA)");
        return chart("F–I curves per " + c.settings().conditionColumn(), data, renderer, x, "firing rate (Hz)");
    }

    /**
     * The condition model's simulated firing rate against the condition (lines, from the predictions table)
     * with the recordings' mean rates at the same step amplitudes (points).
     */
    public static JFreeChart modelRates(ComparisonResult c, Table predictions) {
        XYSeriesCollection data = new XYSeriesCollection();
        String cond = c.settings().conditionColumn();
        List<String> rateColumns = predictions.columns().stream().filter(h -> h.startsWith("rate at ")).toList();
        for (String col : rateColumns) {
            XYSeries line = new XYSeries("model, " + col.replace(" (Hz)", ""), true, false);
            for (int i = 0; i < predictions.rowCount(); i++) {
                line.add(predictions.getNumber(i, cond), predictions.getNumber(i, col));
            }
            data.addSeries(line);
        }
        int lines = data.getSeriesCount();
        for (String col : rateColumns) {
            double step = Double.parseDouble(col.replace("rate at ", "").replace(" pA (Hz)", ""));
            XYSeries pts = new XYSeries("recordings, " + ManifestReader.fmt(step) + " pA", true, true);
            for (RecordingRow r : c.okRows()) {
                if (r.result().features() == null) {
                    continue;
                }
                for (double[] p : r.result().features().fi()) {
                    if (ComparisonReport.protocolStep(p[0]) == step) {
                        pts.add(r.entry().condition(), p[1]);
                    }
                }
            }
            data.addSeries(pts);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        for (int s = 0; s < data.getSeriesCount(); s++) {
            renderer.setSeriesLinesVisible(s, s < lines);
            renderer.setSeriesShapesVisible(s, s >= lines);
        }
        return chart("condition model: simulated firing rate vs " + cond, data, renderer, conditionAxis(c, range(c)),
                "firing rate (Hz)");
    }

    /** Resting potential per recording and its per-condition mean. */
    public static JFreeChart restingPotential(ComparisonResult c) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries pts = new XYSeries("recordings", true, true);
        XYSeries mean = new XYSeries("mean", true, false);
        for (RecordingRow r : c.okRows()) {
            double v = r.value("resting_potential");
            if (Double.isFinite(v)) {
                pts.add(r.entry().condition(), v);
            }
        }
        c.perCondition().forEach((cond, m) -> {
            Summary s = m.get("resting_potential");
            if (s != null && Double.isFinite(s.mean())) {
                mean.add(cond.doubleValue(), s.mean());
            }
        });
        data.addSeries(pts);
        data.addSeries(mean);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        renderer.setSeriesLinesVisible(0, false);
        renderer.setSeriesShapesVisible(1, true);
        return chart("resting potential per " + c.settings().conditionColumn(), data, renderer,
                conditionAxis(c, range(c)), "resting potential (mV)");
    }

    private static JFreeChart chart(String title, XYSeriesCollection data, XYLineAndShapeRenderer renderer,
                                    ValueAxis x, String yLabel) {
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        return Charts.chart(title, Charts.plot(data, x, y, renderer), true);
    }

    /** Conditions spanning more than a decade (glucose 0.5–10 mM) read best on a log axis. */
    private static ValueAxis conditionAxis(ComparisonResult c, double[] range) {
        String label = c.settings().conditionColumn();
        if (range[0] > 0 && range[1] / range[0] >= 10) {
            LogAxis log = new LogAxis(label + " (log scale)");
            log.setSmallestValue(range[0] / 2);
            log.setNumberFormatOverride(new DecimalFormat("0.###"));
            return log;
        }
        return new NumberAxis(label);
    }

    private static double[] range(ComparisonResult c) {
        double lo = c.okRows().stream().mapToDouble(r -> r.entry().condition()).min().orElse(0);
        double hi = c.okRows().stream().mapToDouble(r -> r.entry().condition()).max().orElse(1);
        return new double[] {lo, hi};
    }

    private static double[] grid(double[] range) {
        double[] g = new double[100];
        boolean log = range[0] > 0 && range[1] / range[0] >= 10;
        for (int i = 0; i < g.length; i++) {
            double f = i / (g.length - 1.0);
            g[i] = log ? range[0] * Math.pow(range[1] / range[0], f) : range[0] + f * (range[1] - range[0]);
        }
        return g;
    }
}
