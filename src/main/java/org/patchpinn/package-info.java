/**
 * PatchPINN: patch-clamp recordings to conductance-based neuron models. This package holds only the
 * exceptions every layer shares ({@link org.patchpinn.PatchPinnException}: an error shown to the user as is;
 * {@link org.patchpinn.InvalidParameterException}: a bad parameter value). Everything else lives in a
 * sub-package named for its one job:
 * <ul>
 * <li>data: {@code trace} (recordings in memory), {@code io} (file readers and writers);</li>
 * <li>science: {@code features} (summary statistics), {@code model} (model files), {@code sim} (simulation),
 *     {@code fit} (fit methods), {@code pinn} (neural training behind hybrid and pinn), {@code symbolic}
 *     (symbolic regression), {@code compare} (conditions);</li>
 * <li>outputs: {@code report} (tables, charts, result.json);</li>
 * <li>running: {@code task} (progress, cancel), {@code op} (operations and their parameters);</li>
 * <li>hosts: {@code cli}, {@code ij1} (ImageJ 1.x), {@code fiji} (SciJava commands).</li>
 * </ul>
 * The core packages import no ImageJ or SciJava command classes (checkstyle's import-control enforces it).
 */
package org.patchpinn;
