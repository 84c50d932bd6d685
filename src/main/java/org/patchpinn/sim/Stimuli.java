package org.patchpinn.sim;

import java.util.List;
import java.util.Locale;
import org.patchpinn.trace.CurrentClampSweep;
import org.patchpinn.trace.Recording;

/** Common stimuli: constant, steps, ramps, pulse trains, sums, and the command waveform of a recorded sweep. */
public final class Stimuli {
    private Stimuli() {
    }

    public static Stimulus constant(double pA) {
        return described(t -> pA, String.format(Locale.ROOT, "constant %.4g pA", pA));
    }

    /** {@code amplitudePa} from {@code startMs} for {@code durationMs}, zero elsewhere. */
    public static Stimulus step(double startMs, double durationMs, double amplitudePa) {
        double end = startMs + durationMs;
        return described(t -> t >= startMs && t < end ? amplitudePa : 0.0,
                String.format(Locale.ROOT, "step %.4g pA, %.4g-%.4g ms", amplitudePa, startMs, end));
    }

    public static Stimulus sum(Stimulus... parts) {
        List<Stimulus> list = List.of(parts);
        double duration = list.stream().mapToDouble(Stimulus::durationMs).min().orElse(Double.POSITIVE_INFINITY);
        String text = String.join(" + ", list.stream().map(Stimulus::describe).toList());
        return new Stimulus() {
            @Override public double currentPa(double tMs) {
                double s = 0;
                for (Stimulus p : list) {
                    s += p.currentPa(tMs);
                }
                return s;
            }

            @Override public double durationMs() { return duration; }

            @Override public String describe() { return text; }
        };
    }

    /**
     * Samples held for one interval each (as a DAC outputs them): sample i applies on [i·dt, (i+1)·dt).
     * Defined for {@code samples.length · dtMs} ms.
     */
    public static Stimulus sampled(double[] samplesPa, double dtMs, String description) {
        double[] s = samplesPa.clone();
        double duration = s.length * dtMs;
        return new Stimulus() {
            @Override public double currentPa(double tMs) {
                int i = (int) Math.floor(tMs / dtMs + 1e-9);
                return s[Math.max(0, Math.min(s.length - 1, i))];
            }

            @Override public double durationMs() { return duration; }

            @Override public String describe() { return description; }
        };
    }

    /**
     * The recorded command waveform of one sweep, converted to pA; an error when the sweep does not exist, has no
     * command, or it is not a current ({@link CurrentClampSweep#commandPa}).
     */
    public static Stimulus fromSweep(Recording r, int sweep) {
        return sampled(CurrentClampSweep.commandPa(r, sweep), r.dtMs(), r.name() + " sweep " + sweep + " command");
    }

    private static Stimulus described(Stimulus f, String text) {
        return new Stimulus() {
            @Override public double currentPa(double tMs) { return f.currentPa(tMs); }

            @Override public String describe() { return text; }
        };
    }
}
