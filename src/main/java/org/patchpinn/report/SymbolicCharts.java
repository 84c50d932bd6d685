package org.patchpinn.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.patchpinn.symbolic.Candidate;
import org.patchpinn.symbolic.CompiledExpression;
import org.patchpinn.symbolic.Dataset;
import org.patchpinn.symbolic.ExpressionFormat;
import org.patchpinn.symbolic.SearchResult;

/**
 * Plots of a symbolic-regression result: the data with the chosen law (drawn 25 % beyond the data on both
 * sides, to show how it extrapolates; one curve per level of a second input with few levels), and the
 * Pareto front of loss against complexity.
 */
public final class SymbolicCharts {
    private static final int MAX_LEVELS = 8;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    private SymbolicCharts() {
    }

    public static JFreeChart law(SearchResult r) {
        Dataset d = r.data();
        XYSeriesCollection points = new XYSeriesCollection();
        XYSeriesCollection curves = new XYSeriesCollection();
        List<Double> levels = levels(d);
        double lo = d.min(0);
        double hi = d.max(0);
        double pad = 0.25 * (hi - lo);
        CompiledExpression law = new CompiledExpression(r.best().law());
        for (int l = 0; l < Math.max(1, levels.size()); l++) {
            Double level = levels.isEmpty() ? null : levels.get(l);
            String suffix = level == null ? "" : " " + d.variables().get(1) + " = " + format(level);
            XYSeries data = new XYSeries("data" + suffix, false, true);
            for (int i = 0; i < d.size(); i++) {
                if (level == null || d.x()[1][i] == level) {
                    data.add(d.x()[0][i], d.y()[i]);
                }
            }
            points.addSeries(data);
            int n = 400;
            double[][] x = new double[d.variableCount()][n];
            for (int i = 0; i < n; i++) {
                x[0][i] = lo - pad + (hi - lo + 2 * pad) * i / (n - 1);
                for (int v = 1; v < d.variableCount(); v++) {
                    x[v][i] = v == 1 && level != null ? level : median(d.x()[v]);
                }
            }
            double[] f = law.evaluate(x);
            XYSeries curve = new XYSeries("law" + suffix, false, true);
            for (int i = 0; i < n; i++) {
                if (Double.isFinite(f[i])) {
                    curve.add(x[0][i], f[i]);
                }
            }
            curves.addSeries(curve);
        }
        String unit0 = d.units().get(0).isEmpty() ? "" : " (" + d.units().get(0) + ")";
        String unitY = d.targetUnit().isEmpty() ? "" : " (" + d.targetUnit() + ")";
        NumberAxis xAxis = new NumberAxis(d.variables().get(0) + unit0);
        NumberAxis yAxis = new NumberAxis(d.target() + unitY);
        yAxis.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        XYPlot plot = new XYPlot(points, xAxis, yAxis, dots);
        plot.setDataset(1, curves);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        for (int s = 0; s < curves.getSeriesCount(); s++) {
            // a level's data and law in one colour
            Color colour = PALETTE[s % PALETTE.length];
            dots.setSeriesPaint(s, colour);
            lines.setSeriesPaint(s, colour);
            lines.setSeriesStroke(s, new BasicStroke(2f));
        }
        plot.setRenderer(1, lines);
        style(plot);
        String title = ExpressionFormat.format(r.best().law(), ExpressionFormat.Style.EXPRESSION, d.variables());
        JFreeChart chart = new JFreeChart(d.target() + " = " + title, JFreeChart.DEFAULT_TITLE_FONT.deriveFont(13f),
                plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    public static JFreeChart pareto(SearchResult r) {
        XYSeries front = new XYSeries("Pareto front", false, true);
        XYSeries chosen = new XYSeries("chosen law", false, true);
        for (Candidate c : r.front()) {
            double loss = Math.max(c.loss(), 1e-300);
            front.add(c.complexity(), loss);
            if (c == r.best()) {
                chosen.add(c.complexity(), loss);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(front);
        data.addSeries(chosen);
        LogAxis yAxis = new LogAxis("loss (" + r.objective().weighting().name().toLowerCase(java.util.Locale.ROOT)
                + " mean squared error)");
        yAxis.setSmallestValue(1e-300);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesLinesVisible(1, false);
        renderer.setSeriesShape(1, new java.awt.geom.Ellipse2D.Double(-6, -6, 12, 12));
        XYPlot plot = new XYPlot(data, new NumberAxis("complexity (nodes)"), yAxis, renderer);
        plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
        style(plot);
        JFreeChart chart = new JFreeChart("Pareto front: " + r.data().target(), JFreeChart.DEFAULT_TITLE_FONT,
                plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** The distinct values of the second input when there are few of them; empty otherwise. */
    private static List<Double> levels(Dataset d) {
        if (d.variableCount() < 2) {
            return List.of();
        }
        TreeSet<Double> distinct = new TreeSet<>();
        for (double v : d.x()[1]) {
            distinct.add(v);
            if (distinct.size() > MAX_LEVELS) {
                return List.of();
            }
        }
        return new ArrayList<>(distinct);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static void style(XYPlot p) {
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(Color.LIGHT_GRAY);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }
}
