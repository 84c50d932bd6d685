package org.patchpinn.report;

import com.google.gson.JsonObject;
import com.google.gson.annotations.SerializedName;
import java.util.List;
import java.util.Map;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.model.Parameter;

/** result.json of Simulate: the model's parameter values and, per sweep, its stimulus, spikes and start V. */
public final class SimulateResultJson {

    /**
     * One simulated sweep as reported: its label, stimulus description, spike count and first V (mV). Gson writes
     * the components in order under their names, vStartMv as v_start_mV.
     */
    public record Sweep(int sweep, String stimulus, int spikes, @SerializedName("v_start_mV") double vStartMv,
                        boolean finite) { }

    private SimulateResultJson() {
    }

    public static JsonObject of(ModelSpec model, List<Sweep> sweeps, Map<String, String> params) {
        JsonObject json = new JsonObject();
        json.addProperty("model", model.name());
        JsonObject p = new JsonObject();
        for (Parameter q : model.parameters()) {
            p.add(q.name(), Json.quantity(q.value(), q.unit()));
        }
        json.add("parameters", p);
        json.add("sweeps", Json.toTree(sweeps));
        json.add("params", Json.toTree(params));
        return json;
    }
}
