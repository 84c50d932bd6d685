/**
 * Fitting a model to current-clamp sweeps: the fit methods ({@link org.patchpinn.fit.FitMethod}, registered in
 * {@link org.patchpinn.fit.FitMethods}; a new method is one class and one line there), the classic
 * least-squares and global search ({@link org.patchpinn.fit.ClassicFit}), confidence intervals, validation on
 * held-out sweeps. Spike times, Γ and other spike-train statistics come from {@code org.patchpinn.features}.
 *
 * <p>Does not belong here: neural training (the {@code hybrid} and {@code pinn} methods train in
 * {@code pinn}), chart styling ({@code report.Charts}), host or operation code. This package is being
 * consolidated (issue 13): numerics are moving to a package of their own.
 */
package org.patchpinn.fit;
