package org.patchpinn.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.patchpinn.op.Operation;
import org.patchpinn.op.OperationRunner;
import org.patchpinn.op.Operations;
import org.patchpinn.op.ParamSpec;
import org.patchpinn.op.ParamType;
import org.patchpinn.report.Json;
import org.patchpinn.task.CancelFlag;

/**
 * Headless command line: {@code java -jar patchpinn-app.jar VERB [FILE] [--key value ...]}. Each verb is an
 * {@link Operation}; options are its parameter keys. Exit 0 on success, 1 on an error (one line on stderr),
 * 2 on a usage error, 130 when cancelled (Ctrl-C).
 */
public final class Main {
    private Main() {
    }

    private static volatile boolean finished;

    public static void main(String[] args) {
        // PyTorch's native library is bundled in the jar: never try to download one.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        int code = run(args, System.out, System.err, installCtrlC());
        finished = true;
        System.exit(code);
    }

    /** Runs one command line; returns the exit code. Used directly by tests. */
    public static int run(String[] args, PrintStream out, PrintStream err, CancelFlag cancel) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(Help.overview());
            return args.length == 0 ? 2 : 0;
        }
        Optional<Operation> op = Operations.byVerb(args[0]);
        if (op.isEmpty()) {
            err.println("error: unknown verb '" + args[0] + "'; try --help");
            return 2;
        }
        Operation operation = op.get();
        Map<String, String> given;
        try {
            given = parseOptions(operation, args);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage() + "; try " + operation.verb() + " --help");
            return 2;
        }
        if (given == null) {
            out.print(Help.verb(operation));
            return 0;
        }
        CliProgress progress = new CliProgress(err, cancel, err == System.err && System.console() != null);
        OperationRunner.Outcome outcome = OperationRunner.run(operation, given, progress);
        progress.done();
        if (outcome instanceof OperationRunner.Cancelled cancelled) {
            err.println("cancelled: " + cancelled.message());
            return 130;
        }
        if (outcome instanceof OperationRunner.Failed failed) {
            err.println("error: " + failed.message());
            if (failed.internal() != null) {
                failed.internal().printStackTrace(err);
            }
            return 1;
        }
        OperationRunner.Done done = (OperationRunner.Done) outcome;
        if (done.outDir() != null) {
            err.println(done.result().summary() + " -> " + done.outDir().toAbsolutePath());
        } else if (done.result().json() != null) {
            out.println(Json.toJson(done.result().json()));
        } else {
            err.println(done.result().summary());
        }
        return 0;
    }

    /** Parses {@code --key value} pairs; the first FILE parameter may be given positionally. Null means --help. */
    static Map<String, String> parseOptions(Operation op, String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        ParamSpec positional = op.params().stream().filter(p -> p.type() == ParamType.FILE).findFirst().orElse(null);
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                return null;
            }
            if (a.startsWith("--")) {
                String key = a.substring(2);
                String value;
                int eq = key.indexOf('=');
                if (eq >= 0) {
                    value = key.substring(eq + 1);
                    key = key.substring(0, eq);
                } else {
                    String lookup = key.replace('-', '_');
                    ParamSpec spec = op.params().stream().filter(p -> p.key().equals(lookup))
                            .findFirst().orElse(null);
                    boolean flag = spec != null && spec.type() == ParamType.BOOLEAN
                            && (i + 1 >= args.length || args[i + 1].startsWith("--"));
                    if (flag) {
                        value = "true";
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        throw new UsageException("option --" + key + " needs a value");
                    }
                }
                key = key.replace('-', '_');
                if (given.put(key, value) != null) {
                    throw new UsageException("option --" + key + " given twice");
                }
            } else if (positional != null && !given.containsKey(positional.key())) {
                given.put(positional.key(), a);
            } else {
                throw new UsageException("unexpected argument '" + a + "'");
            }
        }
        return given;
    }

    private static CancelFlag installCtrlC() {
        CancelFlag flag = new CancelFlag();
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (finished) {
                return;
            }
            flag.cancel();
            try {
                main.join(3000); // let the worker notice and clean up its temporary files
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }));
        return flag;
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
