package org.patchpinn.ij1;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import java.util.LinkedHashMap;
import java.util.Map;
import org.patchpinn.op.Operation;
import org.patchpinn.op.Operations;
import org.patchpinn.op.ParamSpec;

/**
 * The ImageJ 1.x entry point for every operation. {@code plugins.config} maps each menu name to this class
 * with the verb as argument. The dialog's labels are the parameter keys, so the macro recorder writes
 * {@code run("Open Recording", "file=/path/x.abf")} and replaying it fills the same fields.
 */
public class PatchPinnPlugIn implements PlugIn {
    @Override
    public void run(String verb) {
        Operation op = Operations.byVerb(verb).orElse(null);
        if (op == null) {
            IJ.error("PatchPINN", "unknown command: " + verb);
            return;
        }
        GenericDialog gd = new GenericDialog(op.title());
        for (ParamSpec p : op.params()) {
            addField(gd, p);
        }
        gd.showDialog();
        if (gd.wasCanceled()) {
            return;
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (ParamSpec p : op.params()) {
            given.put(p.key(), readField(gd, p));
        }
        ImageJHost.run(op, given);
    }

    private static void addField(GenericDialog gd, ParamSpec p) {
        switch (p.type()) {
            case FILE -> gd.addFileField(p.key(), p.defaultValue());
            case DIR -> gd.addDirectoryField(p.key(), p.defaultValue());
            case BOOLEAN -> gd.addCheckbox(p.key(), Boolean.parseBoolean(p.defaultValue()));
            case CHOICE -> gd.addChoice(p.key(), p.choices().toArray(new String[0]), p.defaultValue());
            default -> gd.addStringField(p.key(), p.defaultValue(), 20);
        }
    }

    private static String readField(GenericDialog gd, ParamSpec p) {
        return switch (p.type()) {
            case BOOLEAN -> Boolean.toString(gd.getNextBoolean());
            case CHOICE -> gd.getNextChoice();
            default -> gd.getNextString().trim();
        };
    }
}
