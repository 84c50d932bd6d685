package org.patchpinn.pinn;

/**
 * What the option builders of every training method share: the known base and how many new states it learns, the
 * seed, the device, the number of steps, the window length, how often a checkpoint is scored and where the base
 * parameters start. Each method's builder adds its own settings and builds its own options record.
 *
 * @param <B> the concrete builder, so chained setters keep its type
 */
abstract class TrainingBuilder<B extends TrainingBuilder<B>> {
    final KnownModel base;
    final int latentCount;
    long seed = 1;
    String device = "auto";
    int steps;
    double windowMs;
    int evalEvery;
    double[] init;

    TrainingBuilder(KnownModel base, int latentCount, int steps, double windowMs, int evalEvery) {
        this.base = base;
        this.latentCount = latentCount;
        this.steps = steps;
        this.windowMs = windowMs;
        this.evalEvery = evalEvery;
        this.init = base.values();
    }

    abstract B self();

    public B seed(long s) {
        seed = s;
        return self();
    }

    public B device(String d) {
        device = d;
        return self();
    }

    public B steps(int s) {
        steps = s;
        return self();
    }

    public B windowMs(double ms) {
        windowMs = ms;
        return self();
    }

    /** Steps between two checkpoints scored on the selection sweeps. */
    public B evalEvery(int e) {
        evalEvery = e;
        return self();
    }

    /** Starting values of the base parameters. */
    public B init(double[] values) {
        init = values.clone();
        return self();
    }
}
