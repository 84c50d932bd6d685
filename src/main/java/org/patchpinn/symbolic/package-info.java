/**
 * Symbolic regression and closed-form laws: expression trees ({@link org.patchpinn.symbolic.Node}), parsing and
 * formatting, the island-model genetic search ({@link org.patchpinn.symbolic.SymbolicSearch}) with constants
 * fitted by Levenberg–Marquardt, model selection on the Pareto front, a law y = f(x…) as other packages use it
 * ({@link org.patchpinn.symbolic.Law}), the two ways one is found ({@link org.patchpinn.symbolic.LawFinder}:
 * fitted building-block shapes or the search), the 95 % intervals of its constants
 * ({@link org.patchpinn.symbolic.LawIntervals}), and putting a found law into a model as a new current
 * ({@link org.patchpinn.symbolic.DiscoveredCurrent}) and validating it.
 *
 * <p>compare and op use the laws; this package never imports them back (checkstyle's import-control says so).
 *
 * <p>Does not belong here: learning the functions the laws are found for ({@code pinn}), charts of a search
 * ({@code report.SymbolicCharts}), what a law is found for in a comparison (the quantities and the condition,
 * {@code compare}).
 */
package org.patchpinn.symbolic;
