package org.patchpinn.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.patchpinn.features.Spike;
import org.patchpinn.features.SweepFeatures;

/**
 * One sweep's membrane voltage with what the feature extraction found: stimulus window (shaded), spike
 * peaks, thresholds (onsets), troughs (AHP) and each spike's half width drawn at its half height.
 */
public final class SpikeChart {
    private SpikeChart() {
    }

    /**
     * @param vMv  the sweep's voltage (mV) as recorded
     * @param dtMs its sampling interval (ms)
     */
    public static JFreeChart of(String title, double[] vMv, double dtMs, SweepFeatures f) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(Charts.decimated("V (mV)", vMv, dtMs));
        XYSeries peaks = new XYSeries("peak", false, true);
        XYSeries thresholds = new XYSeries("threshold", false, true);
        XYSeries troughs = new XYSeries("trough (AHP)", false, true);
        XYSeries halfWidths = new XYSeries("half width", false, true);
        for (Spike s : f.spikes()) {
            peaks.add(s.peakTimeMs(), s.peakMv());
            thresholds.add(s.thresholdTimeMs(), s.thresholdMv());
            if (s.hasTrough()) {
                troughs.add(s.troughTimeMs(), s.ahpMv());
            }
            if (!Double.isNaN(s.halfWidthMs())) {
                double half = (s.peakMv() + s.ahpMv()) / 2;
                double rise = riseCrossingMs(vMv, dtMs, s, half);
                halfWidths.add(rise, half);
                halfWidths.add(rise + s.halfWidthMs(), half);
                halfWidths.add(rise + s.halfWidthMs(), null); // gap before the next segment
            }
        }
        data.addSeries(peaks);
        data.addSeries(thresholds);
        data.addSeries(troughs);
        data.addSeries(halfWidths);

        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setSeriesLinesVisible(0, true);
        r.setSeriesShapesVisible(0, false);
        r.setSeriesPaint(0, Charts.DATA);
        marker(r, 1, new Color(200, 30, 30), new Ellipse2D.Double(-3, -3, 6, 6));
        marker(r, 2, new Color(20, 140, 40), triangle());
        marker(r, 3, new Color(30, 80, 200), new Rectangle2D.Double(-3, -3, 6, 6));
        r.setSeriesLinesVisible(4, true);
        r.setSeriesShapesVisible(4, false);
        r.setSeriesPaint(4, new Color(230, 130, 0));
        r.setSeriesStroke(4, new BasicStroke(2f));

        XYPlot plot = Charts.plot(data, Charts.axis("time", "ms"), Charts.valueAxis("membrane voltage", "mV"), r);
        IntervalMarker stim = new IntervalMarker(f.window().startMs(), f.window().endMs());
        stim.setPaint(new Color(255, 235, 160));
        stim.setAlpha(0.5f);
        plot.addDomainMarker(stim, Layer.BACKGROUND);
        return Charts.chart(title + " — " + f.spikes().size() + " spikes ("
                + (int) f.get("Spikecount_stimint") + " in stimulus)", plot, true);
    }

    private static void marker(XYLineAndShapeRenderer r, int series, Color c, Shape shape) {
        r.setSeriesLinesVisible(series, false);
        r.setSeriesShapesVisible(series, true);
        r.setSeriesPaint(series, c);
        r.setSeriesShape(series, shape);
    }

    private static Shape triangle() {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, -4);
        p.lineTo(4, 3);
        p.lineTo(-4, 3);
        p.closePath();
        return p;
    }

    /** Where V first reaches {@code half} between onset and peak, linearly interpolated on the recorded grid. */
    private static double riseCrossingMs(double[] v, double dt, Spike s, double half) {
        int from = Math.max(1, (int) Math.floor(s.thresholdTimeMs() / dt));
        int to = Math.min(v.length - 1, (int) Math.ceil(s.peakTimeMs() / dt));
        for (int i = from; i <= to; i++) {
            if (v[i - 1] >= half) {
                // already above at the onset (an onset sample on a plateau): no crossing to interpolate, and
                // dividing by a zero step there once drew an axis to −∞ (96711009.abf, a real CA1 recording)
                return (i - 1) * dt;
            }
            if (v[i] >= half) {
                return (i - 1) * dt + dt * (half - v[i - 1]) / (v[i] - v[i - 1]);
            }
        }
        return s.peakTimeMs() - s.halfWidthMs() / 2;
    }
}
