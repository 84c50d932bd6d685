/**
 * Numerical methods shared by the fits and the comparison, written once: {@link
 * org.patchpinn.numeric.LeastSquares} (Levenberg–Marquardt with a parameter mask, optional bounds, and a
 * finite-difference or analytic Jacobian); {@link org.patchpinn.numeric.Numbers} (a finite number from text,
 * as model files, parameters and manifests read them; sweep numbers written as runs); {@link
 * org.patchpinn.numeric.Median} (the median and the upper median of samples); {@link
 * org.patchpinn.numeric.StraightLine} (the least-squares line through points).
 *
 * <p>Belongs here: optimisers, solvers and number handling that know nothing of neurons. Does not belong here:
 * objectives (what a fit measures lives in {@code fit}, {@code compare}), spike-train statistics
 * ({@code features}).
 */
package org.patchpinn.numeric;
