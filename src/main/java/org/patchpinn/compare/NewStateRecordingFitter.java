package org.patchpinn.compare;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.pinn.KnownModel;
import org.patchpinn.pinn.CurrentClampData;
import org.patchpinn.pinn.FittedModel;
import org.patchpinn.pinn.NewStateFit;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/**
 * Learns new gated currents per recording with the project's hybrid/PINN fitter (org.patchpinn.pinn): the
 * traub-rs base plus 0, 1 or 2 latent currents g·z·(V−E), the number chosen on a held-out sweep. The base
 * conductances and each latent current's g and E become per-recording parameters, so the comparison's
 * statistics and trend tests also say whether a learned current changes with the condition. Slow (minutes
 * per recording on a CPU), hence optional.
 */
public final class NewStateRecordingFitter implements RecordingFitter {
    public static final String NAME = "learn";
    /**
     * All learning runs on this one thread. DJL's PyTorch engine allows one gradient collector at a time per
     * process ("A PtGradientCollector is already collecting"), and PyTorch's grad mode is per thread, so a
     * fit on a second worker thread fails ("a leaf Variable that requires grad is being used in an in-place
     * operation"). The batch's other work still runs in parallel.
     */
    private static final java.util.concurrent.ExecutorService LEARNER =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "patchpinn-learn");
                t.setDaemon(true);
                return t;
            });
    private final String latent;
    private final int steps;
    private final long seed;

    public NewStateRecordingFitter(String latent, int steps, long seed) {
        this.latent = latent;
        this.steps = steps;
        this.seed = seed;
    }

    @Override public String name() { return NAME; }

    @Override public String fingerprint() {
        return "learn/1 hybrid traub-rs latent=" + latent + " steps=" + steps + " seed=" + seed;
    }

    @Override public FitOutcome fit(Recording recording, Progress progress) {
        CurrentClampData data = CurrentClampData.of(recording);
        int n = data.sweepCount();
        if (n < 2) {
            throw new org.patchpinn.PatchPinnException(recording.name() + ": learning new states needs two sweeps "
                    + "or more (one is held out to choose how many)");
        }
        // the first sweep is held out (usually the weakest step), the others train
        List<Integer> train = new ArrayList<>();
        for (int k = 1; k < n; k++) {
            train.add(k);
        }
        // the comparison's base: traub-rs with its conductances fitted, Cm, reversals and VT kept
        KnownModel base = KnownModel.of(BuiltinModels.get("traub-rs").withFree(List.of("gNa", "gK", "gL")));
        NewStateFit.Settings s = new NewStateFit.Settings("hybrid", base, latent, train,
                List.of(0), steps, seed, "auto", 2000);
        NewStateFit.Outcome o;
        try {
            o = LEARNER.submit(() -> new NewStateFit().run(data, s, progress)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.patchpinn.task.CancelledException();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new org.patchpinn.PatchPinnException(recording.name() + ": learning failed: " + e.getCause(), e);
        }
        FittedModel m = o.chosen().model();
        Map<String, Estimate> p = new LinkedHashMap<>();
        for (String name : List.of("Cm", "gNa", "gK", "gL")) {
            org.patchpinn.model.Parameter q = base.spec().parameter(name);
            p.put(name, Estimate.of(m.parameter(name), q.unit()));
        }
        p.put("new_states", Estimate.of(m.latents().size(), ""));
        for (int k = 0; k < m.latents().size(); k++) {
            FittedModel.Latent l = m.latents().get(k);
            p.put("latent" + (k + 1) + "_g", Estimate.of(l.gNs(), "nS"));
            p.put("latent" + (k + 1) + "_E", Estimate.of(l.eMv(), "mV"));
        }
        JsonObject details = new JsonObject();
        details.addProperty("decision", o.decision());
        details.addProperty("new_state_needed", o.newStateNeeded());
        details.addProperty("held_out_agreement", o.chosen().heldOutAgreement());
        return new FitOutcome(p, details);
    }
}
