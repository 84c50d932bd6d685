package org.patchpinn.sim;

import org.patchpinn.PatchPinnException;

/** A simulation that cannot run as asked (e.g. longer than its recorded stimulus). */
public class SimulationException extends PatchPinnException {
    public SimulationException(String message) {
        super(message);
    }
}
