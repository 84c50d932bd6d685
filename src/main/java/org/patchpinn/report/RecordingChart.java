package org.patchpinn.report;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeriesCollection;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;

/** Traces of chosen sweeps above their stimulus, time in ms; long sweeps are decimated for drawing only. */
public final class RecordingChart {
    private RecordingChart() {
    }

    public static JFreeChart of(Recording r, int channel, List<Integer> sweeps) {
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(Charts.axis("time", "ms"));
        XYSeriesCollection signal = new XYSeriesCollection();
        XYSeriesCollection command = new XYSeriesCollection();
        for (int s : sweeps) {
            Sweep sweep = r.sweep(s);
            signal.addSeries(Charts.decimated("sweep " + s, sweep.channel(channel).toDoubleArray(), r.dtMs()));
            if (sweep.hasCommand()) {
                command.addSeries(Charts.decimated("sweep " + s, sweep.command().toDoubleArray(), r.dtMs()));
            }
        }
        plot.add(subplot(signal, Charts.valueAxis(r.channel(channel).name(), r.channel(channel).unit())), 3);
        if (command.getSeriesCount() > 0) {
            plot.add(subplot(command, Charts.valueAxis("stimulus", r.commandUnit())), 1);
        }
        return Charts.chart(r.name(), plot, sweeps.size() <= 12);
    }

    private static XYPlot subplot(XYSeriesCollection data, NumberAxis y) {
        return Charts.plot(data, null, y, Charts.lines());
    }
}
