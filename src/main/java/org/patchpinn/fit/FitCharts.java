package org.patchpinn.fit;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.patchpinn.report.Charts;

/** Plots of a fit: data against model per sweep, and the parameters' 95 % intervals. */
public final class FitCharts {

    private FitCharts() {
    }

    /** Recorded and simulated V of one sweep over time. */
    public static JFreeChart sweep(SweepValidation v, String modelName) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(Charts.decimated("data", v.sweep().vMv(), v.sweep().dtMs()));
        data.addSeries(Charts.decimated("model", v.model().v(), v.sweep().dtMs()));
        NumberAxis x = new NumberAxis("time (ms)");
        NumberAxis y = new NumberAxis("V (mV)");
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, Color.DARK_GRAY);
        r.setSeriesPaint(1, new Color(200, 40, 40));
        r.setSeriesStroke(1, new BasicStroke(1.2f));
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        String title = String.format(Locale.ROOT, "%s, sweep %d (%s): RMSE %.2f mV, Γ %.2f, spikes %d data / %d model",
                modelName, v.sweep().index(), v.role(), v.rmseMv(), v.gamma(),
                v.dataSpikes(), v.modelSpikes());
        JFreeChart c = new JFreeChart(title, new Font("SansSerif", java.awt.Font.BOLD, 14), plot, true);
        c.setBackgroundPaint(Color.WHITE);
        return c;
    }

    /** Each free parameter's estimate and 95 % interval, in per cent of the estimate. */
    public static JFreeChart intervals(List<ParameterEstimate> estimates) {
        List<ParameterEstimate> free = estimates.stream().filter(e -> !e.fixed()).toList();
        YIntervalSeries s = new YIntervalSeries("95% interval (% of estimate)");
        String[] names = new String[free.size()];
        for (int i = 0; i < free.size(); i++) {
            ParameterEstimate e = free.get(i);
            names[i] = e.name() + " (" + e.unit() + ")";
            double scale = Math.abs(e.value()) > 0 ? Math.abs(e.value()) : 1;
            double lo = Double.isFinite(e.ci95Low()) ? 100 * (e.ci95Low() - e.value()) / scale : 0;
            double hi = Double.isFinite(e.ci95High()) ? 100 * (e.ci95High() - e.value()) / scale : 0;
            s.add(i, 0, lo, hi);
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(s);
        SymbolAxis x = new SymbolAxis("parameter", names);
        NumberAxis y = new NumberAxis("deviation from estimate (%)");
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart c = new JFreeChart("95% confidence intervals", new java.awt.Font("SansSerif",
                Font.BOLD, 14), plot, false);
        c.setBackgroundPaint(Color.WHITE);
        return c;
    }

    /** Spikes in the step window against step current, data and model, over every step sweep. */
    public static JFreeChart fiCurve(CellComparison cell, String modelName) {
        XYSeries d = new XYSeries("data", true, true);
        XYSeries m = new XYSeries("model " + modelName, true, true);
        XYSeries t = new XYSeries("model, test sweeps", true, true);
        for (CellComparison.FiRow row : cell.fiCurve()) {
            d.add(row.currentPa(), row.dataSpikes());
            m.add(row.currentPa(), row.modelSpikes());
            if (row.role().equals(SweepRoles.TEST)) {
                t.add(row.currentPa(), row.modelSpikes());
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(d);
        data.addSeries(m);
        data.addSeries(t);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, Color.DARK_GRAY);
        r.setSeriesPaint(1, new Color(200, 40, 40));
        r.setSeriesPaint(2, new Color(40, 90, 200));
        r.setSeriesLinesVisible(2, false);
        XYPlot plot = new XYPlot(data, new NumberAxis("step current (pA)"), new NumberAxis("spikes in the step"), r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        String title = String.format(Locale.ROOT, "F-I curve: %s; spike count within max(2, 20%%) on %d of %d sweeps",
                modelName, cell.sweepsWithinCountTolerance(), cell.fiCurve().size());
        JFreeChart c = new JFreeChart(title, new Font("SansSerif", java.awt.Font.BOLD, 14), plot, true);
        c.setBackgroundPaint(Color.WHITE);
        return c;
    }
}
