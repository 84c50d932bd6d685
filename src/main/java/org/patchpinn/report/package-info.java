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
 * Each result type's result.json has one writer here that owns its layout and key names, built from the core's
 * value objects (as TrackMate's TmXmlWriter); a key read back elsewhere is a constant of its writer (as TmXmlKeys),
 * a key written once is a literal where it is written:
 * {@link org.patchpinn.report.FitResultJson} (fit; {@link org.patchpinn.report.NewStateJson} for the diagnostics
 * of hybrid and pinn), {@link org.patchpinn.report.FeaturesReport} (features, with the artefacts block fit
 * shares), {@link org.patchpinn.report.CompareResultJson}, {@link org.patchpinn.report.SimulateResultJson},
 * {@link org.patchpinn.report.LawModelResultJson}, {@link org.patchpinn.report.BatchResultJson},
 * {@link org.patchpinn.report.DemoResultJson}, {@link org.patchpinn.report.SymbolicResultJson} and
 * {@link org.patchpinn.report.RecordingSummary} (info). A class that reads a result.json back uses the writer's
 * constants (e.g. {@code symbolic.FoundLaw} reads sr's). Field names keep their units ({@code peak_mV}).
 *
 * <p>Left in the core, on purpose: a fit method's own "diagnostics" (classic, staged, law refit), built from the
 * method's internal state while it runs and carried opaque by {@code fit.FitOutcome}; and the blocks of value
 * objects whose JSON is also a file the core reads back (compare's {@code Estimate}, {@code Summary},
 * {@code RecordingResult} per-recording files, {@code ConditionModel}; symbolic's {@code Law}), so writer and
 * reader stay side by side.
 * report/ may import the core packages (import-control allows it) but never op/ or the hosts.
 *
 * <p>Does not belong here: computing what is reported, anything that shows windows (hosts).
 */
package org.patchpinn.report;
