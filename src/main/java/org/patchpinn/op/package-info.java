/**
 * Operations: each capability as all three hosts see it (CLI verb, menu command, macro), with its
 * parameters declared once ({@link org.patchpinn.op.ParamSpec}, checked by
 * {@link org.patchpinn.op.ParamValues}) and its outputs collected in an
 * {@link org.patchpinn.op.OperationResult} (result.json, tables, charts, files). Every host runs an operation
 * through {@link org.patchpinn.op.OperationRunner}, which writes the outputs and turns every exception into
 * one outcome. A new capability is one {@code Operation} here, one line in
 * {@link org.patchpinn.op.Operations}, one menu line in {@code plugins.config} and a Fiji command.
 *
 * <p>Does not belong here: science (an operation only translates parameters to core calls and results to
 * outputs), chart styling and result.json layouts of a result type (those are in {@code report}), host code.
 */
package org.patchpinn.op;
