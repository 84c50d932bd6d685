package org.patchpinn.io;

import java.util.ArrayList;
import java.util.List;
import org.patchpinn.trace.Tag;

/**
 * Reads an ABF2 header (Clampex 10+): a fixed part, then a map of sections (block, entry size, entry
 * count) holding the protocol, ADC, DAC, epoch, tag, strings and data records. Field offsets follow
 * pyABF's {@code abf2/*Section.py}. Every section is checked against the file size before it is read.
 */
final class Abf2HeaderParser {
    private static final int BLOCK = 512;

    /** One section of the map, already checked to lie inside the file. */
    private record Section(String name, long start, long entrySize, int count) {
        long entry(int i) {
            return start + i * entrySize;
        }
    }

    private final FileBytes f;
    private final List<String> warnings = new ArrayList<>();

    private Abf2HeaderParser(FileBytes f) {
        this.f = f;
    }

    static AbfHeader parse(FileBytes f) {
        return new Abf2HeaderParser(f).parse();
    }

    private AbfHeader parse() {
        String version = version();
        long episodes = f.u32(12, "lActualEpisodes");
        long startDate = f.u32(16, "uFileStartDate");
        long startMs = f.u32(20, "uFileStartTimeMS");
        int dataFormat = f.i16(30, "nDataFormat") & 0xffff;
        if (dataFormat > 1) {
            throw f.error("unknown data format " + dataFormat + " (0 = int16, 1 = float32 expected)");
        }
        boolean floatData = dataFormat == 1;

        Section protocol = section(76, "protocol", 144, 1);
        Section adc = section(92, "ADC", 82, 16);
        Section dac = section(108, "DAC", 122, 16);
        Section epochs = section(156, "epoch-per-DAC", 30, 16 * 100);
        Section strings = section(220, "strings", 1, 1 << 20);
        Section data = section(236, "data", 2, Integer.MAX_VALUE);
        Section tag = section(252, "tag", 60, Integer.MAX_VALUE);
        if (protocol.count() < 1) {
            throw f.error("the protocol section is missing");
        }
        if (adc.count() < 1) {
            throw f.error("the ADC section is empty: no recorded channels");
        }
        if (data.entrySize() != (floatData ? 4 : 2)) {
            throw f.error("data entries of " + data.entrySize() + " bytes do not match the data format ("
                    + (floatData ? "float32" : "int16") + ")");
        }
        AbfStrings text = strings.count() > 0
                ? AbfStrings.parse(f.bytes(strings.start(), (int) strings.entrySize(), "strings section"))
                : AbfStrings.empty();

        long p = protocol.start();
        int operationMode = f.i16(p, "nOperationMode");
        double rate = AbfHeader.rateFromInterval(f, f.f32(p + 2, "fADCSequenceInterval"));
        float synchTimeUnit = f.f32(p + 14, "fSynchTimeUnit");
        int samplesPerEpisode = f.i32(p + 22, "lNumSamplesPerEpisode");
        double adcRange = f.f32(p + 110, "fADCRange");
        double adcResolution = f.i32(p + 118, "lADCResolution");
        String comment = text.orEmpty(f.i32(p + 132, "lFileCommentIndex"));
        int activeDac = f.i16(p + 142, "nActiveDACChannel");

        int channels = adc.count();
        AbfLayout layout = AbfLayout.of(f, operationMode, episodes, channels, data.start(), data.count(), floatData);
        if (operationMode == AbfLayout.VARIABLE_LENGTH && layout.sweepCount() == 1 && episodes > 1) {
            warnings.add("the " + episodes + " event-driven sweeps differ in length; they are read as one "
                    + "continuous sweep");
        }
        if (operationMode == 5 && samplesPerEpisode > 0
                && samplesPerEpisode != (long) layout.sweepPoints() * channels) {
            warnings.add("the header's samples per episode (" + samplesPerEpisode + ") differ from the data layout ("
                    + layout.sweepPoints() + " × " + channels + " channels); the data layout was used");
        }

        List<String> names = new ArrayList<>();
        List<String> units = new ArrayList<>();
        float[] gains = new float[channels];
        float[] offsets = new float[channels];
        for (int c = 0; c < channels; c++) {
            long e = adc.entry(c);
            names.add(orUnknown(text.require(f, f.i32(e + 74, "lADCChannelNameIndex"), "ADC " + c + " name")));
            units.add(orUnknown(text.require(f, f.i32(e + 78, "lADCUnitsIndex"), "ADC " + c + " unit")));
            if (floatData) {
                gains[c] = 1;
                continue; // float32 data are stored in user units; pyABF does not scale them
            }
            // pyABF's order of operations, in double, then used as float32 as numpy does.
            double gain = 1;
            gain /= f.f32(e + 40, "fInstrumentScaleFactor");
            gain /= f.f32(e + 48, "fSignalGain");
            gain /= f.f32(e + 28, "fADCProgrammableGain");
            if (f.i16(e + 2, "nTelegraphEnable") == 1) {
                gain /= f.f32(e + 6, "fTelegraphAdditGain");
            }
            gain *= adcRange;
            gain /= adcResolution;
            double offset = 0;
            offset += f.f32(e + 44, "fInstrumentOffset");
            offset -= f.f32(e + 52, "fSignalOffset");
            gains[c] = AbfHeader.checkedGain(f, c, gain);
            offsets[c] = AbfHeader.checkedOffset(f, c, offset);
        }

        List<AbfDac> dacs = dacs(dac, epochs, text);
        List<Tag> tags = tags(tag, synchTimeUnit, rate, channels);
        String start = AbfHeader.isoDateTime(startDate, startMs);
        String protocolPath = text.orEmpty(f.u32(72, "uProtocolPathIndex"));
        return new AbfHeader(version, layout, rate, names, units, gains, offsets, dacs, activeDac, protocolPath,
                comment, start, tags, operationMode, warnings);
    }

    /** pyABF's abfVersionString: the four version bytes, most significant first. */
    private String version() {
        byte[] v = f.bytes(4, 4, "fFileVersionNumber");
        int major = v[3] & 0xff;
        int minor = v[2] & 0xff;
        if (major != 2) {
            throw f.error("unknown ABF2 version " + major + "." + minor + " (2.x expected)");
        }
        if (minor > 9) {
            warnings.add("ABF version 2." + minor + " is newer than 2.9, the newest this reader knows");
        }
        return major + "." + minor + "." + (v[1] & 0xff) + "." + (v[0] & 0xff);
    }

    private Section section(int mapOffset, String name, int minEntrySize, int maxCount) {
        long block = f.u32(mapOffset, name + " section block");
        long entrySize = f.u32(mapOffset + 4, name + " section entry size");
        long count = f.i64(mapOffset + 8, name + " section entry count");
        if (count == 0) {
            return new Section(name, 0, entrySize, 0);
        }
        if (count < 0 || count > maxCount) {
            throw f.error("impossible " + name + " section entry count " + count);
        }
        if (entrySize < minEntrySize) {
            throw f.error(name + " section entries of " + entrySize + " bytes are too small (at least "
                    + minEntrySize + " expected)");
        }
        long start = block * BLOCK;
        if (block == 0 || start + entrySize * count > f.size() || entrySize * count / count != entrySize) {
            throw f.error(name + " section (block " + block + ", " + count + " × " + entrySize
                    + " bytes) lies beyond the end of the file (" + f.size()
                    + " bytes): the file is truncated or its header is corrupt");
        }
        return new Section(name, start, entrySize, (int) count);
    }

    private List<AbfDac> dacs(Section dac, Section epochs, AbfStrings text) {
        List<AbfDac> out = new ArrayList<>();
        for (int d = 0; d < dac.count(); d++) {
            long e = dac.entry(d);
            int dacNum = d;
            List<AbfEpoch> table = new ArrayList<>();
            for (int i = 0; i < epochs.count(); i++) {
                long q = epochs.entry(i);
                if (f.i16(q + 2, "epoch nDACNum") != dacNum) {
                    continue;
                }
                AbfEpoch epoch = new AbfEpoch(f.i16(q, "nEpochNum"), f.i16(q + 4, "nEpochType"),
                        f.f32(q + 6, "fEpochInitLevel"), f.f32(q + 10, "fEpochLevelInc"),
                        f.i32(q + 14, "lEpochInitDuration"), f.i32(q + 18, "lEpochDurationInc"),
                        f.i32(q + 22, "lEpochPulsePeriod"), f.i32(q + 26, "lEpochPulseWidth"));
                if (epoch.type() != AbfEpoch.OFF) {
                    table.add(epoch);
                }
            }
            out.add(new AbfDac(dacNum, orUnknown(text.orEmpty(f.i32(e + 24, "lDACChannelNameIndex"))),
                    text.orEmpty(f.i32(e + 28, "lDACChannelUnitsIndex")),
                    AbfDac.sanitiseHolding(f.f32(e + 12, "fDACHoldingLevel")),
                    f.i16(e + 40, "nWaveformEnable") != 0, f.i16(e + 42, "nWaveformSource"),
                    f.i16(e + 44, "nInterEpisodeLevel") != 0, table,
                    text.orEmpty(f.i32(e + 118, "lDACFilePathIndex"))));
        }
        return out;
    }

    /** Tag times as pyABF computes them: lTagTime × fSynchTimeUnit (µs), rounded to 10 µs. */
    private List<Tag> tags(Section tag, float synchTimeUnit, double rate, int channels) {
        List<Tag> out = new ArrayList<>();
        double perTick = synchTimeUnit == 0 ? 1.0 / Math.floor(rate) / channels : synchTimeUnit / 1e6;
        for (int i = 0; i < tag.count(); i++) {
            long e = tag.entry(i);
            double t = Math.round(f.i32(e, "lTagTime") * perTick * 1e5) / 1e5;
            out.add(new Tag(t, f.asciiText(e + 4, 56, "tag comment")));
        }
        return out;
    }

    private static String orUnknown(String s) {
        return s.isEmpty() ? "?" : s;
    }
}
