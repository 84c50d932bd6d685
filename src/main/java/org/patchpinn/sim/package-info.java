/**
 * Simulation of a {@link org.patchpinn.model.ModelSpec}: {@link org.patchpinn.sim.Simulator} (RK4 on tabulated
 * gates, thread-safe, shared), stimuli, resting state, noise, and the generators of the project's own example
 * recordings with their ground truth ({@link org.patchpinn.sim.TestDataGenerator}).
 *
 * <p>Does not belong here: fitting, differentiable (DJL) integration of a model ({@code pinn}).
 */
package org.patchpinn.sim;
