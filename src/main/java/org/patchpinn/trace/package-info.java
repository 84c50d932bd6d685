/**
 * A recording in memory, independent of its file format: {@link org.patchpinn.trace.Recording} (sweeps,
 * channels with units, sample rate, stimulus, tags, metadata), {@link org.patchpinn.trace.Sweep},
 * {@link org.patchpinn.trace.Trace} (samples), {@link org.patchpinn.trace.Units} (conversion to mV and pA),
 * {@link org.patchpinn.trace.CurrentClampSweep} (a current-clamp sweep in mV and pA: the one place fit, pinn and
 * compare convert a recording's sweeps).
 *
 * <p>Does not belong here: reading files ({@code io}), analysis ({@code features}), fitting's own views of a
 * sweep.
 */
package org.patchpinn.trace;
