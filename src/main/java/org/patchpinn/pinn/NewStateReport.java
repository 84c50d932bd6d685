package org.patchpinn.pinn;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.patchpinn.report.Charts;
import org.patchpinn.report.Table;
import org.patchpinn.trace.CurrentClampSweep;

/**
 * Turns a {@link NewStateFit.Outcome} into tables (learned.csv, states.csv, loss.csv,
 * selection.csv, validation.csv) and charts (learned functions, currents, voltages, loss), all plain
 * data so every host can show or save them; its part of result.json is {@link org.patchpinn.report.NewStateJson}.
 */
public final class NewStateReport {
    /** Voltage grid of the tabulated learned functions (mV). */
    public static final double GRID_LOW = FittedModel.V_MIN;
    public static final double GRID_HIGH = FittedModel.V_MAX;
    public static final double GRID_STEP = FittedModel.V_STEP;

    private NewStateReport() {
    }

    /** Mean Γ over the scored sweeps (NaN when none). */
    public static double meanGamma(List<SweepScore> s) {
        return s.stream().mapToDouble(SweepScore::gamma).average().orElse(Double.NaN);
    }

    /** learned.csv for latent {@code j}: columns exactly "V (mV)", "z_inf", "tau_z (ms)". */
    public static Table learned(FittedModel m, int j) {
        Table t = new Table(j == 0 ? "PatchPINN Learned Functions" : "PatchPINN Learned Functions z" + (j + 1));
        t.column("V (mV)").column("z_inf").column("tau_z (ms)");
        FittedModel.Latent l = m.latents().get(j);
        for (double x = GRID_LOW; x <= GRID_HIGH + 1e-9; x += GRID_STEP) {
            t.addRow().set("V (mV)", x).set("z_inf", l.zInfAt(x)).set("tau_z (ms)", l.tauAt(x));
        }
        return t;
    }

    public static Table loss(NewStateFit.Outcome o) {
        Table t = new Table("PatchPINN Loss");
        for (NewStateFit.Candidate c : o.candidates()) {
            for (double[] row : c.lossCurve()) {
                t.addRow().set("latent states", c.latentCount()).set("step", row[0]).set("loss", row[1]);
            }
        }
        return t;
    }

    public static Table selection(NewStateFit.Outcome o) {
        Table t = new Table("PatchPINN State Selection");
        for (NewStateFit.Candidate c : o.candidates()) {
            t.addRow().set("latent states", c.latentCount()).set("selection agreement", c.heldOutAgreement())
                    .set("selection gamma", meanGamma(c.heldOut()))
                    .set("selection statistics loss", c.heldOutStatistics())
                    .set("train agreement", NewStateFit.agreement(c.train()))
                    .set("chosen", c == o.chosen() ? "yes" : "no").set("wall (s)", c.wallSeconds());
        }
        return t;
    }

    public static JFreeChart learnedChart(FittedModel m) {
        NumberAxis v = new NumberAxis("V (mV)");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(v);
        XYSeriesCollection zc = new XYSeriesCollection();
        XYSeriesCollection tc = new XYSeriesCollection();
        XYSeriesCollection gc = new XYSeriesCollection();
        for (int j = 0; j < m.latents().size(); j++) {
            FittedModel.Latent l = m.latents().get(j);
            XYSeries z = new XYSeries("z" + (j + 1) + " z_inf");
            XYSeries t = new XYSeries("z" + (j + 1) + " tau_z");
            XYSeries g = new XYSeries("z" + (j + 1) + " g·z_inf");
            for (double x = GRID_LOW; x <= GRID_HIGH + 1e-9; x += GRID_STEP) {
                z.add(x, l.zInfAt(x));
                t.add(x, l.tauAt(x));
                g.add(x, l.gNs() * l.zInfAt(x));
            }
            zc.addSeries(z);
            tc.addSeries(t);
            gc.addSeries(g);
        }
        plot.add(subplot(zc, "z_inf", false), 1);
        plot.add(subplot(tc, "tau_z (ms)", false), 1);
        plot.add(subplot(gc, "g·z_inf (nS)", false), 1);
        return Charts.chart("Learned gate functions", plot, true);
    }

    public static JFreeChart tracesChart(FittedModel m, CurrentClampSweep sw, double dt) {
        FittedModel.Simulation sim = m.simulate(sw.iPa(), dt, HybridFitter.restOf(sw.vMv(), dt));
        NumberAxis time = new NumberAxis("time (ms)");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        XYSeriesCollection vc = new XYSeriesCollection();
        vc.addSeries(Charts.decimated("data", sw.vMv(), dt));
        vc.addSeries(Charts.decimated("model", sim.v(), dt));
        plot.add(subplot(vc, "V (mV)", true), 3);
        if (!m.latents().isEmpty()) {
            XYSeriesCollection ic = new XYSeriesCollection();
            for (int j = 0; j < m.latents().size(); j++) {
                ic.addSeries(Charts.decimated("I_z" + (j + 1), sim.latentCurrentPa()[j], dt));
            }
            plot.add(subplot(ic, "new current (pA)", false), 2);
        }
        String title = "Selection sweep " + sw.index() + ": data, free simulation"
                + (m.latents().isEmpty() ? "" : " and the new current");
        return Charts.chart(title, plot, true);
    }

    public static JFreeChart lossChart(NewStateFit.Outcome o) {
        XYSeriesCollection c = new XYSeriesCollection();
        for (NewStateFit.Candidate k : o.candidates()) {
            XYSeries s = new XYSeries(k.latentCount() + " new state(s)");
            for (double[] row : k.lossCurve()) {
                if (row[1] > 0 && Double.isFinite(row[1])) {
                    s.add(row[0], row[1]);
                }
            }
            c.addSeries(s);
        }
        NumberAxis step = new NumberAxis("step");
        LogAxis loss = new LogAxis("loss");
        return Charts.chart("Training loss", Charts.plot(c, step, loss, Charts.lines()), true);
    }

    /** A sub-plot of a combined chart: data then model colours when {@code dataAndModel}, else the palette's lines. */
    private static XYPlot subplot(XYSeriesCollection d, String label, boolean dataAndModel) {
        NumberAxis y = new NumberAxis(label);
        y.setAutoRangeIncludesZero(false);
        return Charts.plot(d, null, y, dataAndModel ? Charts.dataAndModel() : Charts.lines());
    }
}
