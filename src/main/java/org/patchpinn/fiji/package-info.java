/**
 * The Fiji host: one SciJava command per operation under Plugins &gt; PatchPINN. The commands declare no
 * inputs: {@link org.patchpinn.fiji.OperationCommand} (a SciJava {@code DynamicCommand}) generates them from
 * the operation's {@link org.patchpinn.op.ParamSpec}s (type, label, default, choices, limits), and runs and
 * shows like ImageJ 1.x through {@link org.patchpinn.ij1.ImageJHost}. A new operation needs a five-line
 * command here with its menu path; {@code CommandParametersTest} checks every operation has one.
 *
 * <p>Does not belong here: labels, defaults or choices written by hand (change the ParamSpec), computation.
 */
package org.patchpinn.fiji;
