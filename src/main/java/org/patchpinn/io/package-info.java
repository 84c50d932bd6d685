/**
 * Reading recordings from files into a {@link org.patchpinn.trace.Recording}: ABF 1 and 2 (with their epoch
 * protocols as the stimulus), ATF, CSV/TSV and NWB; {@link org.patchpinn.io.Recordings} picks the reader. Also
 * the writers of recordings (ATF, per-sweep CSV). Errors name the file and the reason
 * ({@link org.patchpinn.io.RecordingFormatException}).
 *
 * <p>Does not belong here: anything done with the samples once read (analysis, units beyond the file's).
 * A new reader is one {@link org.patchpinn.io.RecordingReader} listed in {@code Recordings}.
 */
package org.patchpinn.io;
