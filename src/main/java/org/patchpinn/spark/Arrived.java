package org.patchpinn.spark;

import java.io.Serializable;
import java.util.concurrent.BlockingQueue;
import org.patchpinn.batch.BatchOutcome;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Spark's result handler: called on the driver's scheduler thread as each task's outcome arrives; it only
 * queues the outcome so saving and progress happen on the caller's thread.
 */
final class Arrived<R> extends AbstractFunction2<Object, BatchOutcome<R>, BoxedUnit> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final transient BlockingQueue<BatchOutcome<R>> queue;

    Arrived(BlockingQueue<BatchOutcome<R>> queue) {
        this.queue = queue;
    }

    @Override
    public BoxedUnit apply(Object partition, BatchOutcome<R> outcome) {
        queue.add(outcome);
        return BoxedUnit.UNIT;
    }
}
