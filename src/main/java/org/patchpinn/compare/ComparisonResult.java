package org.patchpinn.compare;

import java.util.List;
import java.util.Map;
import org.patchpinn.symbolic.Law;

/**
 * Everything a comparison found, as plain data: the recordings and their quantities, per-condition
 * summaries, trend tests, the leak / extra-conductance decomposition (null when the design does not
 * allow it), laws, the condition-dependent model (null without a decomposition), the held-out cells'
 * simulated recordings, covariate effects on what the law leaves unexplained, and warnings.
 */
public record ComparisonResult(ComparisonSettings settings, List<RecordingRow> rows,
                               List<String> quantityNames, Map<Double, Map<String, Summary>> perCondition,
                               WithinCellTrend.Design design, List<TrendChange> changes, ConductanceDecomposition.Result decomposition,
                               MechanismComparison.Result mechanisms,
                               List<Law> laws, ConditionModel model,
                               List<HeldOutSimulation.Check> heldOutSimulation,
                               List<TrendChange> covariateEffects, List<String> warnings,
                               double seconds) {
    public List<RecordingRow> okRows() {
        return rows.stream().filter(r -> r.result().ok()).toList();
    }

    public String unitOf(String quantity) {
        return rows.stream().map(r -> r.quantities().get(quantity)).filter(q -> q != null).map(Quantity::unit)
                .findFirst().orElse("");
    }
}
