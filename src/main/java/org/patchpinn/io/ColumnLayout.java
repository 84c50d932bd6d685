package org.patchpinn.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.patchpinn.trace.Units;

/**
 * Which data column of a text recording (ATF, CSV) holds which signal of which sweep, and which signal is
 * the command. Shared by the text readers so both follow one documented rule:
 * <ul>
 *   <li>Columns belong to the same signal when they carry the same signal name (ATF {@code Signals=}
 *       record, or the title without its sweep number: {@code "Trace #2 (mV)"}, {@code "V_sweep3 (mV)"});
 *       the k-th column of a signal is its sweep k, or the number in the title says which sweep.</li>
 *   <li>Every column needs a voltage or current unit; voltages become mV and currents pA.</li>
 *   <li>The command is the signal named like a command ({@code command}, {@code cmd}, {@code stim...});
 *       otherwise, with exactly two signals of different kinds (a voltage and a current), the second one:
 *       in current clamp the current column beside the recorded voltage, in voltage clamp the
 *       voltage beside the recorded current. Otherwise there is no command.</li>
 * </ul>
 */
final class ColumnLayout {
    private static final Pattern SWEEP_IN_NAME =
            Pattern.compile("^(.*?)[\\s_#-]*(?:trace|sweep)[\\s_#-]*(\\d+)[\\s_-]*(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern COMMAND_NAME = Pattern.compile(".*(^|[^a-z])(command|cmd|stim).*");

    /** One signal: its name, its working unit (mV or pA) and, per sweep, its column and scale factor. */
    record Signal(String name, String unit, int[] columns, double[] scales) {
        boolean isVoltage() {
            return unit.equals("mV");
        }
    }

    private final List<Signal> channels;
    private final Signal command;
    private final int sweepCount;

    private ColumnLayout(List<Signal> channels, Signal command, int sweepCount) {
        this.channels = channels;
        this.command = command;
        this.sweepCount = sweepCount;
    }

    List<Signal> channels() {
        return channels;
    }

    /** The command signal, or null. */
    Signal command() {
        return command;
    }

    int sweepCount() {
        return sweepCount;
    }

    /** Factor from each data column's unit to mV or pA, indexed like the titles given to {@link #of}. */
    double[] columnScales(int dataColumns) {
        double[] scales = new double[dataColumns];
        List<Signal> all = new ArrayList<>(channels);
        if (command != null) {
            all.add(command);
        }
        for (Signal s : all) {
            for (int k = 0; k < s.columns().length; k++) {
                scales[s.columns()[k]] = s.scales()[k];
            }
        }
        return scales;
    }

    /**
     * @param titles      the data columns' titles (the time column excluded); column numbers in messages
     *                    count the time column as column 1
     * @param signalNames the signal of each data column as the file declares it (ATF {@code Signals=}),
     *                    or null to derive it from the titles
     */
    static ColumnLayout of(Path file, int titleLine, List<ColumnTitle> titles, List<String> signalNames) {
        Map<String, List<Integer>> bySignal = new LinkedHashMap<>();
        Map<String, String> displayName = new LinkedHashMap<>();
        int[] sweepOf = new int[titles.size()];
        for (int j = 0; j < titles.size(); j++) {
            ColumnTitle t = titles.get(j);
            String where = "line " + titleLine + ", column " + (j + 2) + " ('" + t + "')";
            if (t.unit().isEmpty()) {
                throw new RecordingFormatException(file, where + ": no unit; write the title as 'name (unit)', "
                        + "e.g. 'Vm (mV)' or 'I (pA)'");
            }
            if (!Units.isVoltage(t.unit()) && !Units.isCurrent(t.unit())) {
                throw new RecordingFormatException(file, where + ": unit '" + t.unit()
                        + "' is neither a voltage (V, mV, uV) nor a current (A, nA, pA, ...)");
            }
            String kind = Units.isVoltage(t.unit()) ? "V" : "I";
            String name;
            sweepOf[j] = -1;
            if (signalNames != null && !signalNames.get(j).isEmpty()) {
                name = signalNames.get(j);
            } else {
                Matcher m = SWEEP_IN_NAME.matcher(t.name());
                if (m.matches()) {
                    name = (m.group(1) + " " + m.group(3)).trim();
                    sweepOf[j] = parseSweep(file, where, m.group(2));
                } else {
                    name = t.name();
                }
                if (name.isEmpty()) {
                    name = kind.equals("V") ? "V" : "I";
                }
            }
            String key = name + "\u0000" + kind;
            bySignal.computeIfAbsent(key, k -> new ArrayList<>()).add(j);
            displayName.putIfAbsent(key, name);
        }
        if (bySignal.isEmpty()) {
            throw new RecordingFormatException(file, "line " + titleLine + ": no data columns after the time column");
        }
        List<Signal> signals = new ArrayList<>();
        int sweeps = -1;
        String firstKey = null;
        for (Map.Entry<String, List<Integer>> e : bySignal.entrySet()) {
            List<Integer> cols = new ArrayList<>(e.getValue());
            if (cols.stream().allMatch(c -> sweepOf[c] >= 0)) {
                cols.sort((a, b) -> Integer.compare(sweepOf[a], sweepOf[b]));
                for (int k = 1; k < cols.size(); k++) {
                    if (sweepOf[cols.get(k)] == sweepOf[cols.get(k - 1)]) {
                        throw new RecordingFormatException(file, "line " + titleLine + ": columns "
                                + (cols.get(k - 1) + 2) + " and " + (cols.get(k) + 2) + " are both sweep "
                                + sweepOf[cols.get(k)] + " of signal '" + displayName.get(e.getKey()) + "'");
                    }
                }
            }
            String name = displayName.get(e.getKey());
            if (sweeps < 0) {
                sweeps = cols.size();
                firstKey = name;
            } else if (cols.size() != sweeps) {
                throw new RecordingFormatException(file, "line " + titleLine + ": signal '" + firstKey + "' has "
                        + sweeps + " sweep columns but signal '" + name + "' has " + cols.size());
            }
            boolean voltage = e.getKey().endsWith("\u0000V");
            int[] columns = cols.stream().mapToInt(Integer::intValue).toArray();
            double[] scales = new double[columns.length];
            for (int k = 0; k < columns.length; k++) {
                String unit = titles.get(columns[k]).unit();
                scales[k] = voltage ? Units.toMillivolts(unit) : Units.toPicoamperes(unit);
            }
            signals.add(new Signal(name, voltage ? "mV" : "pA", columns, scales));
        }
        Signal command = chooseCommand(signals);
        List<Signal> channels = new ArrayList<>(signals);
        channels.remove(command);
        return new ColumnLayout(List.copyOf(channels), command, sweeps);
    }

    private static Signal chooseCommand(List<Signal> signals) {
        List<Signal> named = signals.stream()
                .filter(s -> COMMAND_NAME.matcher(s.name().toLowerCase(Locale.ROOT)).matches()).toList();
        if (named.size() == 1 && signals.size() > 1) {
            return named.get(0);
        }
        if (signals.size() == 2 && signals.get(0).isVoltage() != signals.get(1).isVoltage()) {
            return signals.get(1);
        }
        return null;
    }

    private static int parseSweep(Path file, String where, String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new RecordingFormatException(file, where + ": sweep number too large");
        }
    }
}
