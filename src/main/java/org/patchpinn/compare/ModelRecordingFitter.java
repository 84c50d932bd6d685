package org.patchpinn.compare;

import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.patchpinn.fit.FitData;
import org.patchpinn.fit.FitMethods;
import org.patchpinn.fit.FitRunner;
import org.patchpinn.fit.FitSettings;
import org.patchpinn.fit.FitSweep;
import org.patchpinn.fit.NewStateFitMethod;
import org.patchpinn.fit.ParameterEstimate;
import org.patchpinn.fit.SweepRoles;
import org.patchpinn.model.CompiledGate;
import org.patchpinn.model.CurrentSpec;
import org.patchpinn.model.GateKinetics;
import org.patchpinn.model.ModelFileWriter;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.pinn.TrainingThread;
import org.patchpinn.report.FitResultJson;
import org.patchpinn.report.Json;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/**
 * One recording fitted with the user's model and fit method (classic, hybrid or pinn), exactly as the fit
 * verb would: the core's default sweep roles and {@link FitRunner}. Unless the user gives its value, the capacitance starts from the
 * recording's own subthreshold fit (C = the integral-form regression's capacitance; fitted further when it
 * is free), so every cell has its own Cm instead of the template's. Every free parameter becomes a per-recording quantity;
 * a learned state adds its g and E and its z∞ and τz at reference voltages, so the comparison can test
 * learned functions like parameters.
 */
public final class ModelRecordingFitter implements RecordingFitter {
    /** Voltages (mV) at which a learned gate's z∞ and τz are compared across conditions. */
    static final double[] REFERENCE_MV = {-70, -50, -30};

    private final ModelSpec model;
    private final String method;
    private final FitSettings settings;
    private final boolean capacitanceFromData;
    private final SubthresholdSettings subthreshold;

    /**
     * @param model               the model with the user's values set and its free parameters marked
     * @param capacitanceFromData start Cm from the recording's subthreshold fit
     */
    public ModelRecordingFitter(ModelSpec model, String method, FitSettings settings, boolean capacitanceFromData,
                                SubthresholdSettings subthreshold) {
        this.model = model;
        this.method = method;
        this.settings = settings;
        this.capacitanceFromData = capacitanceFromData;
        this.subthreshold = subthreshold;
    }

    @Override public String name() { return method; }

    @Override public String fingerprint() {
        // the model's full text: any change of values, bounds, free set or kinetics refits
        String text = model.isWritable() ? ModelFileWriter.write(model) : model.toString();
        return "modelfit/6 " + method + " cm_from_data=" + capacitanceFromData + " " + settings + " model="
                + Integer.toHexString(text.hashCode()) + " " + model.freeParameters() + " " + subthreshold.fingerprint();
    }

    @Override public FitOutcome fit(Recording recording, Progress progress) {
        ModelSpec m = model;
        String cm = m.capacitance();
        double cData = Double.NaN;
        if (capacitanceFromData && m.hasParameter(cm)) {
            cData = new SubthresholdFitter(subthreshold).fit(recording, progress).parameters().get("C").value();
            var p = m.parameter(cm);
            m = m.withBounds(cm, Math.min(p.lower(), cData), Math.max(p.upper(), cData)).withValue(cm, cData);
        }
        // sweeps and roles once: the roles run the artefact analysis (features included) of the whole recording
        List<FitSweep> all = FitData.all(recording, 0, 0);
        SweepRoles roles = FitRunner.defaultRoles(all, FitRunner.excludedSweeps(recording));
        FitRunner.Run r = runFit(recording, m, all, roles, progress);
        ModelSpec fitted = r.outcome().fitted();
        Map<String, Estimate> out = new LinkedHashMap<>();
        if (m.hasParameter(cm) && !fitted.freeParameters().contains(cm)) {
            out.put(cm, Estimate.of(fitted.parameter(cm).value(), fitted.parameter(cm).unit()));
        }
        for (ParameterEstimate e : r.outcome().estimates()) {
            if (!e.fixed()) {
                out.put(e.name(), new Estimate(e.value(), Double.NaN, e.ci95Low(), e.ci95High(), e.unit()));
            }
        }
        learnedFunctions(model, fitted, out);
        JsonObject details = new JsonObject();
        details.addProperty("method", method);
        FitResultJson.addSweepRoles(details, roles, "training_sweeps", "test_sweeps");
        details.add("capacitance_from_data_pF", Json.number(cData));
        for (String role : SweepRoles.ROLES) {
            FitResultJson.addRoleScores(details, r.validation(), role);
        }
        if (fitted.isWritable()) {
            details.addProperty("fitted_model", ModelFileWriter.write(fitted));
        }
        FitResultJson.moveNewStateBlocks(r.outcome().diagnostics(), details);
        return new FitOutcome(out, details);
    }

    /**
     * Gates the fit added (learned states): z∞ and τz at the reference voltages, and the open conductance g·z∞ of
     * the current they gate (g and z∞ trade against each other in a fit; their product is what the current
     * carries at that voltage).
     */
    static void learnedFunctions(ModelSpec before, ModelSpec after, Map<String, Estimate> out) {
        double[] values = after.values();
        for (CompiledGate g : after.compiledGates()) {
            if (before.gates().stream().anyMatch(x -> x.name().equals(g.name()))) {
                continue;
            }
            GateKinetics k = g.bind(values);
            CurrentSpec gated = after.currents().stream().filter(c -> c.gates().size() == 1
                    && c.gates().get(0).gate().equals(g.name())).findFirst().orElse(null);
            for (double v : REFERENCE_MV) {
                String at = String.format(Locale.ROOT, "@%.0fmV", v);
                out.put(g.name() + "_inf" + at, Estimate.of(k.inf().value(v), ""));
                out.put(g.name() + "_tau" + at, Estimate.of(k.tauMs().value(v), "ms"));
                if (gated != null) {
                    double open = Math.pow(k.inf().value(v), gated.gates().get(0).power());
                    out.put(g.name() + "_g" + at, Estimate.of(after.parameter(gated.conductance()).value() * open,
                            "nS"));
                }
            }
        }
    }

    /**
     * The fit verb's path. Methods that learn new states run on the one training thread (DJL keeps grad mode per
     * thread, so a fit on a second batch worker fails); the batch's other work still runs in parallel.
     */
    private FitRunner.Run runFit(Recording recording, ModelSpec m, List<FitSweep> all, SweepRoles roles,
                                 Progress progress) {
        Supplier<FitRunner.Run> fit = () -> FitRunner.run(recording.name(), m, FitMethods.get(method), settings, all,
                roles, progress);
        return FitMethods.get(method) instanceof NewStateFitMethod ? TrainingThread.onTrainingThread(fit::get)
                : fit.get();
    }
}
