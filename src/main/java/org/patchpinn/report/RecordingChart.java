package org.patchpinn.report;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;
import org.patchpinn.trace.Trace;

/** Traces of chosen sweeps above their stimulus, time in ms; long sweeps are decimated for drawing only. */
public final class RecordingChart {
    private static final int MAX_POINTS = 4000;

    private RecordingChart() {
    }

    public static JFreeChart of(Recording r, int channel, List<Integer> sweeps) {
        NumberAxis time = new NumberAxis("time (ms)");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        XYSeriesCollection signal = new XYSeriesCollection();
        XYSeriesCollection command = new XYSeriesCollection();
        for (int s : sweeps) {
            Sweep sweep = r.sweep(s);
            signal.addSeries(series("sweep " + s, sweep.channel(channel), r.dtMs()));
            if (sweep.hasCommand()) {
                command.addSeries(series("sweep " + s, sweep.command(), r.dtMs()));
            }
        }
        plot.add(subplot(signal, r.channel(channel).name() + " (" + r.channel(channel).unit() + ")"), 3);
        if (command.getSeriesCount() > 0) {
            plot.add(subplot(command, "stimulus (" + r.commandUnit() + ")"), 1);
        }
        JFreeChart chart = new JFreeChart(r.name(), JFreeChart.DEFAULT_TITLE_FONT, plot, sweeps.size() <= 12);
        chart.setBackgroundPaint(java.awt.Color.WHITE);
        return chart;
    }

    private static XYPlot subplot(XYSeriesCollection data, String label) {
        NumberAxis y = new NumberAxis(label);
        y.setAutoRangeIncludesZero(false);
        XYPlot p = new XYPlot(data, null, y, new XYLineAndShapeRenderer(true, false));
        p.setBackgroundPaint(java.awt.Color.WHITE);
        p.setDomainGridlinePaint(java.awt.Color.LIGHT_GRAY);
        p.setRangeGridlinePaint(java.awt.Color.LIGHT_GRAY);
        return p;
    }

    /** Min/max decimation keeps spikes visible when a sweep has more samples than pixels. */
    static XYSeries series(String key, Trace t, double dtMs) {
        XYSeries s = new XYSeries(key, false, true);
        int n = t.length();
        int bin = Math.max(1, (int) Math.ceil(n / (double) MAX_POINTS * 2));
        for (int start = 0; start < n; start += bin) {
            int end = Math.min(n, start + bin);
            int iMin = start;
            int iMax = start;
            for (int i = start; i < end; i++) {
                if (t.get(i) < t.get(iMin)) {
                    iMin = i;
                }
                if (t.get(i) > t.get(iMax)) {
                    iMax = i;
                }
            }
            int a = Math.min(iMin, iMax);
            int b = Math.max(iMin, iMax);
            s.add(a * dtMs, t.get(a));
            if (b != a) {
                s.add(b * dtMs, t.get(b));
            }
        }
        return s;
    }
}
