package org.patchpinn.cli;

import java.util.Locale;
import org.patchpinn.op.Operation;
import org.patchpinn.op.Operations;
import org.patchpinn.op.ParamSpec;
import org.patchpinn.op.ParamType;

/** The text of --help, built from the operations' own parameter declarations. */
final class Help {
    private Help() {
    }

    static String overview() {
        StringBuilder sb = new StringBuilder();
        sb.append("PatchPINN: patch-clamp recordings to mechanistic neuron models\n\n");
        sb.append("usage: java -jar patchpinn-app.jar VERB [FILE] [--option value ...]\n\nverbs:\n");
        for (Operation op : Operations.all()) {
            sb.append(String.format(Locale.ROOT, "  %-10s %s%n", op.verb(), op.title()));
        }
        sb.append("\n'VERB --help' describes a verb's options.\n");
        return sb.toString();
    }

    static String verb(Operation op) {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: ").append(op.verb());
        op.params().stream().filter(p -> p.type() == ParamType.FILE).findFirst()
                .ifPresent(p -> sb.append(" [").append(p.key().toUpperCase()).append(']'));
        sb.append(" [--option value ...]\n\n").append(op.title()).append(" (Fiji: Plugins>PatchPINN>")
                .append(op.title()).append(")\n").append(op.description()).append("\n\noptions:\n");
        for (ParamSpec p : op.params()) {
            sb.append(String.format(Locale.ROOT, "  --%-18s %s", p.key(), p.description()));
            if (p.type() == ParamType.CHOICE) {
                sb.append(" ").append(p.choices());
            }
            if (!p.defaultValue().isEmpty()) {
                sb.append(" (default ").append(p.defaultValue()).append(')');
            }
            if (p.required()) {
                sb.append(" (required)");
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
