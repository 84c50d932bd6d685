package org.patchpinn.pinn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;
import org.patchpinn.InvalidParameterException;

/** Chooses where training runs: auto (GPU when the engine sees one, else CPU), cpu or gpu. */
public final class Devices {
    private Devices() {
    }

    /** Resolves a user choice; starts the engine (with one intra-op thread unless the user set more). */
    public static Device resolve(String choice) {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            // CPU time is shared with other work; one thread per op avoids oversubscription.
            System.setProperty("ai.djl.pytorch.num_threads", "1");
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        String c = choice == null ? "auto" : choice.trim().toLowerCase(Locale.ROOT);
        int gpus = Engine.getInstance().getGpuCount();
        return switch (c) {
            case "auto" -> gpus > 0 ? Device.gpu() : Device.cpu();
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (gpus == 0) {
                    throw new InvalidParameterException("device", "gpu requested but the "
                            + Engine.getInstance().getEngineName() + " engine sees no GPU (a CPU-only native "
                            + "library, or no CUDA device); use auto or cpu");
                }
                yield Device.gpu();
            }
            default -> throw new InvalidParameterException("device", "'" + choice + "' is not auto, cpu or gpu");
        };
    }
}
