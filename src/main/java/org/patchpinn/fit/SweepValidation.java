package org.patchpinn.fit;

import java.util.Map;
import org.patchpinn.sim.SimulationResult;

/**
 * The fitted model on one sweep: its simulation (with gates and currents), trace RMSE, spike coincidence
 * Γ (±2 ms) and summary statistics of data and model side by side.
 *
 * @param heldOut true for a sweep the fit did not train on (selection, test or other)
 * @param role    the sweep's role ({@link SweepRoles}: training, selection, test, other)
 */
public record SweepValidation(FitSweep sweep, boolean heldOut, SimulationResult model, double rmseMv, double gamma,
                              int dataSpikes, int modelSpikes, Map<String, Double> dataFeatures,
                              Map<String, Double> modelFeatures, String role) {
}
