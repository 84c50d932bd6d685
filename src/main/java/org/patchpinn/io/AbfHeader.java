package org.patchpinn.io;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.patchpinn.trace.Tag;

/**
 * Everything PatchPINN takes from an ABF1 or ABF2 header, in one format-neutral form: the data layout,
 * per-channel names, units and scaling (value = raw × gain + offset, in float32 as pyABF computes it),
 * the DACs with their epoch tables, and the descriptive fields (version, protocol, tags, start time).
 *
 * @param version       as pyABF's {@code abfVersionString}, e.g. "2.6.0.0" or "1.8.3.0"
 * @param protocolPath  the protocol file path stored in the header ("" if none)
 * @param startTime     ISO-8601 local date-time with milliseconds, "" if the header has none
 * @param activeDac     the DAC the header names as active (nActiveDACChannel)
 */
record AbfHeader(String version, AbfLayout layout, double sampleRateHz, List<String> channelNames,
                 List<String> channelUnits, float[] gains, float[] offsets, List<AbfDac> dacs, int activeDac,
                 String protocolPath, String comment, String startTime, List<Tag> tags, int operationMode,
                 List<String> warnings) {
    AbfHeader {
        channelNames = List.copyOf(channelNames);
        channelUnits = List.copyOf(channelUnits);
        dacs = List.copyOf(dacs);
        tags = List.copyOf(tags);
        warnings = List.copyOf(warnings);
    }

    /** Samples per sweep per channel. */
    int sweepPoints() {
        return layout.sweepPoints();
    }

    /**
     * The protocol name as pyABF gives it: the file name without ".pro" of a Windows or POSIX path that
     * ends in ".pro"; "" where pyABF says "None".
     */
    String protocol() {
        if (!protocolPath.endsWith(".pro")) {
            return "";
        }
        String name = AbfStimulusFile.baseName(protocolPath);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * Sample rate from a sampling interval in µs. pyABF truncates 1e6/interval to an integer; we keep the
     * exact value but snap it to the integer it represents when float32 rounding of the interval is all
     * that separates them, so 20 kHz reads as 20000, not 19999.
     */
    static double rateFromInterval(FileBytes f, double intervalUs) {
        if (!(intervalUs >= 0.01 && intervalUs <= 1e7)) {
            throw f.error(String.format(Locale.ROOT, "impossible sample interval %s µs", intervalUs));
        }
        double rate = 1e6 / intervalUs;
        double nearest = Math.rint(rate);
        return Math.abs(rate - nearest) <= 1e-6 * rate ? nearest : rate;
    }

    /** Scale of one channel, checked: a zero or non-finite gain means a corrupt header. */
    static float checkedGain(FileBytes f, int channel, double gain) {
        if (!Double.isFinite(gain) || gain == 0 || !Float.isFinite((float) gain) || (float) gain == 0) {
            throw f.error("channel " + channel + " has an impossible scale factor (gain " + gain + ")");
        }
        return (float) gain;
    }

    static float checkedOffset(FileBytes f, int channel, double offset) {
        if (!Float.isFinite((float) offset)) {
            throw f.error("channel " + channel + " has an impossible offset " + offset);
        }
        return (float) offset;
    }

    /** "yyyy-MM-ddTHH:mm:ss.SSS" from a YYYYMMDD date and milliseconds after midnight; "" if invalid. */
    static String isoDateTime(long yyyymmdd, long millisOfDay) {
        try {
            LocalDate date = LocalDate.of((int) (yyyymmdd / 10000), (int) (yyyymmdd / 100 % 100),
                    (int) (yyyymmdd % 100));
            if (yyyymmdd <= 0 || millisOfDay < 0) {
                return "";
            }
            LocalDateTime t = date.atStartOfDay().plus(Duration.ofMillis(millisOfDay));
            return t.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS", Locale.ROOT));
        } catch (DateTimeException | ArithmeticException e) {
            return "";
        }
    }
}
