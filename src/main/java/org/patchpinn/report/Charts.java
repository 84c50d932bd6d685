package org.patchpinn.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;

/**
 * The one chart style of PatchPINN: every chart builder makes its axes, plots and charts here, so fonts,
 * colours, grid, axis labels (quantity with its unit) and PNG size are set in one place. A builder adds only
 * what its chart shows. Attach the chart to an operation's output with {@code OperationResult.chart(...)}.
 *
 * <pre>{@code
 * XYSeriesCollection data = new XYSeriesCollection(Charts.decimated("data", vMv, dtMs));
 * XYPlot plot = Charts.plot(data, Charts.axis("time", "ms"), Charts.axis("V", "mV"), Charts.lines());
 * result.chart(Charts.chart("sweep 2", plot, true), "sweep_2.png");
 * }</pre>
 */
public final class Charts {
    /** PNG size of a saved chart and size of its window (pixels). */
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 600;

    public static final Font TITLE_FONT = new Font("SansSerif", Font.BOLD, 14);
    public static final Color BACKGROUND = Color.WHITE;
    public static final Color GRID = Color.LIGHT_GRAY;
    /** Recorded data. */
    public static final Color DATA = Color.DARK_GRAY;
    /** A model's prediction of the data. */
    public static final Color MODEL = new Color(200, 40, 40);
    /** Colours of series that are levels of one thing (conditions, sweeps, laws): matplotlib's tab10. */
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    /** Most points drawn per series: a min/max pair per bin keeps spikes visible. */
    private static final int MAX_POINTS = 4000;

    private Charts() {
    }

    /** The {@code i}-th colour of the palette (cycles). */
    public static Color colour(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** An axis labelled "quantity (unit)"; an empty unit means a dimensionless quantity. */
    public static NumberAxis axis(String quantity, String unit) {
        return new NumberAxis(label(quantity, unit));
    }

    /** "quantity (unit)", or the quantity alone when the unit is empty. */
    public static String label(String quantity, String unit) {
        return unit == null || unit.isEmpty() ? quantity : quantity + " (" + unit + ")";
    }

    /** A y axis that does not stretch to zero (voltages, rates far from 0). */
    public static NumberAxis valueAxis(String quantity, String unit) {
        NumberAxis axis = axis(quantity, unit);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    /** Lines without markers. */
    public static XYLineAndShapeRenderer lines() {
        return new XYLineAndShapeRenderer(true, false);
    }

    /** Markers without lines. */
    public static XYLineAndShapeRenderer points() {
        return new XYLineAndShapeRenderer(false, true);
    }

    /** Data in {@link #DATA}, then a model in {@link #MODEL}: the colours of every data-against-model chart. */
    public static XYLineAndShapeRenderer dataAndModel() {
        XYLineAndShapeRenderer r = lines();
        r.setSeriesPaint(0, DATA);
        r.setSeriesPaint(1, MODEL);
        r.setSeriesStroke(1, new BasicStroke(1.2f));
        for (int s = 2; s < PALETTE.length + 2; s++) {
            r.setSeriesPaint(s, colour(s - 1));
        }
        return r;
    }

    /** An XY plot in the house style. */
    public static XYPlot plot(XYDataset data, ValueAxis x, ValueAxis y, XYItemRenderer renderer) {
        return style(new XYPlot(data, x, y, renderer));
    }

    /** Applies the house style to a plot made elsewhere (e.g. a sub-plot of a combined plot). */
    public static XYPlot style(XYPlot plot) {
        plot.setBackgroundPaint(BACKGROUND);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        return plot;
    }

    /** A chart in the house style around {@code plot}. */
    public static JFreeChart chart(String title, Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, legend);
        chart.setBackgroundPaint(BACKGROUND);
        return chart;
    }

    /** Samples over time (ms): {@code v[i]} at {@code i·dtMs}, min/max-decimated for drawing only. */
    public static XYSeries decimated(String key, double[] v, double dtMs) {
        XYSeries s = new XYSeries(key, false, true);
        int n = v.length;
        int bin = Math.max(1, (int) Math.ceil(n / (double) MAX_POINTS * 2));
        for (int start = 0; start < n; start += bin) {
            int end = Math.min(n, start + bin);
            int iMin = start;
            int iMax = start;
            for (int i = start; i < end; i++) {
                if (v[i] < v[iMin]) {
                    iMin = i;
                }
                if (v[i] > v[iMax]) {
                    iMax = i;
                }
            }
            int a = Math.min(iMin, iMax);
            int b = Math.max(iMin, iMax);
            s.add(a * dtMs, v[a]);
            if (b != a) {
                s.add(b * dtMs, v[b]);
            }
        }
        return s;
    }
}
