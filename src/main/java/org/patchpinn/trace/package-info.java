/**
 * A recording in memory, independent of its file format: {@link org.patchpinn.trace.Recording} (sweeps,
 * channels with units, sample rate, stimulus, tags, metadata), {@link org.patchpinn.trace.Sweep},
 * {@link org.patchpinn.trace.Trace} (samples), {@link org.patchpinn.trace.Units} (conversion to mV and pA).
 *
 * <p>Does not belong here: reading files ({@code io}), analysis ({@code features}), fitting's own views of a
 * sweep.
 */
package org.patchpinn.trace;
