package org.patchpinn.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.patchpinn.numeric.Median;
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
                    x[v][i] = v == 1 && level != null ? level : Median.upper(d.x()[v]);
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
        XYLineAndShapeRenderer dots = Charts.points();
        XYPlot plot = Charts.plot(points, Charts.axis(d.variables().get(0), d.units().get(0)),
                Charts.valueAxis(d.target(), d.targetUnit()), dots);
        plot.setDataset(1, curves);
        XYLineAndShapeRenderer lines = Charts.lines();
        for (int s = 0; s < curves.getSeriesCount(); s++) {
            // a level's data and law in one colour
            Color colour = Charts.colour(s);
            dots.setSeriesPaint(s, colour);
            lines.setSeriesPaint(s, colour);
            lines.setSeriesStroke(s, new BasicStroke(2f));
        }
        plot.setRenderer(1, lines);
        String title = ExpressionFormat.format(r.best().law(), ExpressionFormat.Style.EXPRESSION, d.variables());
        return Charts.chart(d.target() + " = " + title, plot, true);
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
        LogAxis yAxis = new LogAxis("loss (" + r.objective().weighting().name().toLowerCase(Locale.ROOT)
                + " mean squared error)");
        yAxis.setSmallestValue(1e-300);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesLinesVisible(1, false);
        renderer.setSeriesShape(1, new Ellipse2D.Double(-6, -6, 12, 12));
        XYPlot plot = Charts.plot(data, Charts.axis("complexity", "nodes"), yAxis, renderer);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        return Charts.chart("Pareto front: " + r.data().target(), plot, true);
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

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
