package org.patchpinn.ij1;

import ij.IJ;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import java.awt.GraphicsEnvironment;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import org.jfree.chart.ChartPanel;
import org.patchpinn.op.OperationResult;
import org.patchpinn.report.Table;

/** Shows an operation's outputs in ImageJ: named ResultsTables (readable from macros) and chart windows. */
public final class ResultsPublisher {
    private ResultsPublisher() {
    }

    public static void publish(OperationResult result) {
        for (OperationResult.TableOutput t : result.tables()) {
            if (t.show()) {
                toResultsTable(t.table()).show(t.table().name());
            }
        }
        if (!GraphicsEnvironment.isHeadless() && !Interpreter.isBatchMode()) {
            for (OperationResult.ChartOutput c : result.charts()) {
                if (!c.show()) {
                    continue;
                }
                SwingUtilities.invokeLater(() -> {
                    JFrame frame = new JFrame(c.chart().getTitle() == null
                            ? c.fileName() : c.chart().getTitle().getText());
                    frame.setContentPane(new ChartPanel(c.chart()));
                    frame.setSize(c.width(), c.height());
                    frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
                    frame.setVisible(true);
                });
            }
        }
        IJ.showStatus(result.summary());
    }

    /** Numbers stay numbers (so macros can getResult them); text cells become string values. */
    public static ResultsTable toResultsTable(Table table) {
        ResultsTable rt = new ResultsTable();
        for (int r = 0; r < table.rowCount(); r++) {
            rt.incrementCounter();
            for (String col : table.columns()) {
                Object v = table.get(r, col);
                if (v instanceof Number n) {
                    rt.addValue(col, n.doubleValue());
                } else if (v != null) {
                    rt.addValue(col, v.toString());
                } else {
                    rt.addValue(col, Double.NaN);
                }
            }
        }
        return rt;
    }
}
