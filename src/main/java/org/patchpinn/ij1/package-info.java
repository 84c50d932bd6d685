/**
 * The ImageJ 1.x host: {@link org.patchpinn.ij1.PatchPinnPlugIn} (one class for every menu entry of
 * {@code plugins.config}, the verb as argument) builds a GenericDialog from the operation's parameters, so
 * macros record {@code run("Title", "key=value ...")}; {@link org.patchpinn.ij1.ImageJHost} runs the operation
 * through {@link org.patchpinn.op.OperationRunner} and shows the outcome (ResultsTables and chart windows by
 * {@link org.patchpinn.ij1.ResultsPublisher}, errors by {@link org.patchpinn.ij1.ErrorReporter}). The Fiji
 * commands show their outcome through the same classes.
 *
 * <p>Does not belong here: parameters (declared once in the operation), computation, file writing.
 */
package org.patchpinn.ij1;
