/**
 * Long work's link to its host: {@link org.patchpinn.task.Progress} (status, fraction, log, cancel check;
 * sub-ranges for nested steps), {@link org.patchpinn.task.CancelFlag} and
 * {@link org.patchpinn.task.CancelledException} (thrown where work notices a cancel; nothing is written).
 *
 * <p>Does not belong here: host implementations of Progress (in {@code cli} and {@code ij1}).
 */
package org.patchpinn.task;
