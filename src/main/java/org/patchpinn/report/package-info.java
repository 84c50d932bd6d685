/**
 * Outputs as data and files: {@link org.patchpinn.report.Table} (CSV and ResultsTable),
 * {@link org.patchpinn.report.Json} (the one JSON configuration: NaN as null),
 * {@link org.patchpinn.report.OutputFolder} (all files of a result or none), and the charts.
 *
 * <h2>Charts</h2>
 * {@link org.patchpinn.report.Charts} is the one chart style (fonts, colours, grid, axis labels as
 * "quantity (unit)", PNG size, decimation of long traces). A chart builder, here or in another package,
 * makes its axes, plots and charts with it and returns a {@code JFreeChart}; the operation attaches it with
 * {@code OperationResult.chart(chart, "name.png")} (or {@code fileChart} for file-only charts). Builders
 * outside this package ({@code fit.FitCharts}, {@code compare.ComparisonCharts}, {@code pinn.NewStateReport}) make
 * their plots with it too: no chart sets its own title font, background or grid.
 *
 * <h2>result.json</h2>
 * A result type's result.json and tables are written by one class here (e.g.
 * {@link org.patchpinn.report.RecordingSummary} for recordings, {@link org.patchpinn.report.FeaturesReport}
 * for Summary Statistics), so a field has one home; field names keep their units ({@code peak_mV}).
 *
 * <p>Does not belong here: computing what is reported, anything that shows windows (hosts).
 */
package org.patchpinn.report;
