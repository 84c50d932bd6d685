/**
 * Neural training behind the fit methods {@code hybrid} and {@code pinn} (DJL on PyTorch): the base HH model in
 * differentiable form, new states (learned gated currents with network z∞(V), τz(V)), the training loops,
 * devices (CPU/GPU), divergence guards, and the summary-statistic refinement that follows training.
 *
 * <p>Does not belong here: the choice among fit methods and their common validation ({@code fit}), plain-Java
 * simulation ({@code sim}), chart styling ({@code report.Charts}). This package is being consolidated
 * (issue 13).
 */
package org.patchpinn.pinn;
