package org.patchpinn.pinn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.patchpinn.task.CancelledException;

/**
 * When and where this process trains networks. DJL's PyTorch engine allows one gradient collector at a time, so
 * every training (a Fit Model run, a compare worker's hybrid or pinn fit) holds the one training lock
 * ({@link #exclusively}); and it keeps grad mode per thread, so parallel batch workers hand their training to
 * one dedicated thread ({@link #onTrainingThread}) instead of training on their own.
 */
public final class TrainingThread {
    private static final Object LOCK = new Object();
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "patchpinn-training");
        t.setDaemon(true);
        return t;
    });

    private TrainingThread() {
    }

    /**
     * Runs {@code training} on the calling thread once no other training runs in this process, with PyTorch's grad
     * mode off on that thread: PyTorch starts every thread with it on and DJL turns it off only on the thread that
     * loaded the engine, so elsewhere a training's first in-place parameter update fails ("a leaf Variable that
     * requires grad is being used in an in-place operation": batch's and compare's worker threads, Spark tasks).
     */
    public static <T> T exclusively(Callable<T> training) {
        synchronized (LOCK) {
            try {
                Engine.getEngine("PyTorch");
                JniUtils.setGradMode(false);
                return training.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Runs {@code work} (which trains) on the one training thread and waits for it (see {@link #await}). */
    public static <T> T onTrainingThread(Callable<T> work) {
        return await(THREAD.submit(work));
    }

    /**
     * The result of {@code f}, waiting for it: its unchecked exceptions pass through, and an interrupt of the
     * waiting thread cancels it and counts as the user's cancellation.
     */
    public static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
