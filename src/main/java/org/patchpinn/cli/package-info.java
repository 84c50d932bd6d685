/**
 * The command-line host: {@code java -jar patchpinn-app.jar VERB [FILE] [--key value ...]}. Parses the
 * options of an {@link org.patchpinn.op.Operation}, runs it through {@link org.patchpinn.op.OperationRunner}
 * and turns the outcome into output and an exit code; prints help from the operations' parameters.
 *
 * <p>Does not belong here: anything a verb computes (that is an operation in {@code op} and the core), or
 * error handling of its own (the runner catches, so all three hosts fail alike).
 */
package org.patchpinn.cli;
