/**
 * Symbolic regression: expression trees ({@link org.patchpinn.symbolic.Node}), parsing and formatting,
 * the island-model genetic search ({@link org.patchpinn.symbolic.SymbolicSearch}) with constants fitted by
 * Levenberg–Marquardt, model selection on the Pareto front, and putting a found law into a model as a new
 * current ({@link org.patchpinn.symbolic.DiscoveredCurrent}) and validating it.
 *
 * <p>Does not belong here: learning the functions the laws are found for ({@code pinn}), charts of a search
 * ({@code report.SymbolicCharts}).
 */
package org.patchpinn.symbolic;
