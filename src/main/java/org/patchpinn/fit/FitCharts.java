package org.patchpinn.fit;

import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.SeriesRenderingOrder;
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
        XYPlot plot = Charts.plot(data, Charts.axis("time", "ms"), Charts.valueAxis("V", "mV"), Charts.dataAndModel());
        String title = String.format(Locale.ROOT, "%s, sweep %d (%s): RMSE %.2f mV, Γ %.2f, spikes %d data / %d model",
                modelName, v.sweep().index(), v.role(), v.rmseMv(), v.gamma(),
                v.dataSpikes(), v.modelSpikes());
        return Charts.chart(title, plot, true);
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
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        XYPlot plot = Charts.plot(data, x, Charts.axis("deviation from estimate", "%"), r);
        return Charts.chart("95% confidence intervals", plot, false);
    }

    /** Spikes in the step window against step current, data and model, over every step sweep. */
    public static JFreeChart fiCurve(CellComparison cell, String modelName) {
        XYSeries d = new XYSeries("data", true, true);
        XYSeries m = new XYSeries("model " + modelName, true, true);
        XYSeries t = new XYSeries("model, test sweeps", true, true);
        XYSeries b = new XYSeries("data, excluded (block or no response)", true, true);
        for (CellComparison.FiRow row : cell.fiCurve()) {
            d.add(row.currentPa(), row.dataSpikes());
            m.add(row.currentPa(), row.modelSpikes());
            if (row.role().equals(SweepRoles.TEST)) {
                t.add(row.currentPa(), row.modelSpikes());
            }
            if (row.role().equals(SweepRoles.EXCLUDED)) {
                b.add(row.currentPa(), row.dataSpikes());
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(d);
        data.addSeries(m);
        data.addSeries(t);
        if (!b.isEmpty()) {
            data.addSeries(b);
        }
        XYLineAndShapeRenderer r = Charts.dataAndModel();
        r.setDefaultShapesVisible(true);
        // the test sweeps' markers in a colour of their own, over the model's line
        r.setSeriesPaint(2, Charts.colour(0));
        r.setSeriesLinesVisible(2, false);
        r.setSeriesPaint(3, Charts.colour(2));
        r.setSeriesLinesVisible(3, false);
        XYPlot plot = Charts.plot(data, Charts.axis("step current", "pA"), Charts.axis("spikes in the step", ""), r);
        // XYPlot draws the last series first by default, which hid the test markers under the model's
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        String title = String.format(Locale.ROOT, "F-I curve: %s; spike count within max(2, 20%%) on %d of %d sweeps",
                modelName, cell.sweepsWithinCountTolerance(), cell.fiCurve().size());
        return Charts.chart(title, plot, true);
    }
}
