package org.patchpinn.io;

import java.util.ArrayList;
import java.util.List;
import org.patchpinn.trace.Tag;

/**
 * Reads an ABF1 header (Clampex 6 to 9; versions 1.x): fields at fixed byte offsets, as pyABF's
 * {@code abf1/headerV1.py} lists them. Two corrections to pyABF (see the data README): the holding level
 * comes from fDACHoldingLevel (byte 1394), not the first epoch's level, and ABF 1.8+ pulse trains use
 * lEpochPulsePeriod/lEpochPulseWidth (bytes 2136/2216). Headers older than 1.6 are 2048 bytes long and
 * lack the extended fields (epochs, telegraphs, protocol path); those are not read from them.
 */
final class Abf1HeaderParser {
    private static final int BLOCK = 512;
    /** Size of the extended header introduced with ABF 1.6; older headers end at 2048. */
    private static final int EXTENDED_HEADER = 6144;

    private final FileBytes f;
    private final List<String> warnings = new ArrayList<>();

    private Abf1HeaderParser(FileBytes f) {
        this.f = f;
    }

    static AbfHeader parse(FileBytes f) {
        return new Abf1HeaderParser(f).parse();
    }

    private AbfHeader parse() {
        float versionNumber = f.f32(4, "fFileVersionNumber");
        if (!(versionNumber >= 1.0f && versionNumber < 2.0f)) {
            throw f.error("unknown ABF1 version " + versionNumber + " (1.x expected)");
        }
        boolean extended = versionNumber >= 1.6f;
        if (f.size() < (extended ? EXTENDED_HEADER : 2048)) {
            throw f.error("file of " + f.size() + " bytes is shorter than an ABF " + versionNumber + " header");
        }
        int operationMode = f.i16(8, "nOperationMode");
        long samples = f.i32(10, "lActualAcqLength");
        int pointsIgnored = f.i16(14, "nNumPointsIgnored");
        long episodes = f.i32(16, "lActualEpisodes");
        int startDate = f.i32(20, "lFileStartDate");
        int startSeconds = f.i32(24, "lFileStartTime");
        long dataBlock = f.i32(40, "lDataSectionPtr");
        long tagBlock = f.i32(44, "lTagSectionPtr");
        int tagCount = f.i32(48, "lNumTagEntries");
        int dataFormat = f.i16(100, "nDataFormat");
        int channels = f.i16(120, "nADCNumChannels");
        float interval = f.f32(122, "fADCSampleInterval");
        if (dataFormat != 0 && dataFormat != 1) {
            throw f.error("unknown data format " + dataFormat + " (0 = int16, 1 = float32 expected)");
        }
        if (channels < 1 || channels > 16) {
            throw f.error("impossible channel count " + channels + " (1 to 16 expected)");
        }
        if (episodes < 0 || dataBlock <= 0 || pointsIgnored < 0) {
            throw f.error("impossible header values (episodes " + episodes + ", data block " + dataBlock
                    + ", points ignored " + pointsIgnored + ")");
        }
        boolean floatData = dataFormat == 1;
        long dataStart = dataBlock * BLOCK + (long) pointsIgnored * (floatData ? 4 : 2);
        if (dataStart < (extended ? EXTENDED_HEADER : 2048)) {
            throw f.error("data section (byte " + dataStart + ") overlaps the header");
        }
        AbfLayout layout = AbfLayout.of(f, operationMode, episodes, channels, dataStart, samples, floatData);
        if (operationMode == AbfLayout.VARIABLE_LENGTH && layout.sweepCount() == 1 && episodes > 1) {
            warnings.add("the " + episodes + " event-driven sweeps differ in length; they are read as one "
                    + "continuous sweep");
        }
        // ABF1 stores the interval between multiplexed samples: per channel it is channels times longer.
        double rate = AbfHeader.rateFromInterval(f, (double) interval * channels);

        float adcRange = f.f32(244, "fADCRange");
        int adcResolution = f.i32(252, "lADCResolution");
        List<String> names = new ArrayList<>();
        List<String> units = new ArrayList<>();
        float[] gains = new float[channels];
        float[] offsets = new float[channels];
        for (int c = 0; c < channels; c++) {
            int adc = f.i16(410 + 2L * c, "nADCSamplingSeq");
            if (adc < 0 || adc > 15) {
                throw f.error("channel " + c + " maps to impossible ADC " + adc);
            }
            names.add(orUnknown(f.asciiText(442 + 10L * adc, 10, "sADCChannelName")));
            units.add(orUnknown(f.asciiText(602 + 8L * adc, 8, "sADCUnits")));
            if (floatData) {
                gains[c] = 1;
                continue;
            }
            double gain = 1;
            gain /= f.f32(922 + 4L * adc, "fInstrumentScaleFactor");
            gain /= f.f32(1050 + 4L * adc, "fSignalGain");
            gain /= f.f32(730 + 4L * adc, "fADCProgrammableGain");
            if (extended && f.i16(4512 + 2L * adc, "nTelegraphEnable") == 1) {
                gain /= f.f32(4576 + 4L * adc, "fTelegraphAdditGain");
            }
            gain *= adcRange;
            gain /= adcResolution;
            double offset = 0;
            offset += f.f32(986 + 4L * adc, "fInstrumentOffset");
            offset -= f.f32(1114 + 4L * adc, "fSignalOffset");
            gains[c] = AbfHeader.checkedGain(f, c, gain);
            offsets[c] = AbfHeader.checkedOffset(f, c, offset);
        }

        List<Tag> tags = new ArrayList<>();
        long headerSize = extended ? EXTENDED_HEADER : 2048;
        boolean tagsOutside = tagBlock * BLOCK < headerSize || tagBlock * BLOCK + 64L * tagCount > f.size();
        if (tagCount < 0 || (tagCount > 0 && tagsOutside)) {
            throw f.error("tag section (" + tagCount + " tags at block " + tagBlock + ") lies outside the file ("
                    + f.size() + " bytes) or inside its header");
        }
        double tagTick = interval / 1e6 / channels; // pyABF's conversion of lTagTime to seconds
        for (int i = 0; i < tagCount; i++) {
            long e = tagBlock * BLOCK + 64L * i;
            tags.add(new Tag(f.i32(e, "lTagTime") * tagTick, f.asciiText(e + 4, 56, "tag comment")));
        }

        String protocolPath = extended ? f.asciiText(4898, 256, "sProtocolPath") : "";
        String comment = extended ? f.asciiText(5154, 128, "sFileCommentNew") : "";
        if (comment.isEmpty()) {
            comment = f.asciiText(310, 56, "sFileCommentOld");
        }
        String start = startDate == 0 ? ""
                : AbfHeader.isoDateTime(startDate, startSeconds * 1000L + f.i16(366, "nFileStartMillisecs"));
        return new AbfHeader(versionString(versionNumber), layout, rate, names, units, gains, offsets,
                dacs(extended, versionNumber >= 1.8f), f.i16(1440, "nActiveDACChannel"), protocolPath, comment, start,
                tags, operationMode, warnings);
    }

    /** pyABF's abfVersionString: the digits of int(version × 1000), dot-separated (1.83 → "1.8.3.0"). */
    static String versionString(float version) {
        String digits = Integer.toString((int) ((double) version * 1000));
        return String.join(".", digits.split(""));
    }

    /**
     * Four DACs (units and holding levels); the first two carry the epoch tables of the extended header,
     * ten slots each.
     */
    private List<AbfDac> dacs(boolean extended, boolean pulseFields) {
        List<AbfDac> out = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            String name = orUnknown(f.asciiText(1306 + 10L * d, 10, "sDACChannelName"));
            String unit = f.asciiText(1346 + 8L * d, 8, "sDACChannelUnit");
            double holding = AbfDac.sanitiseHolding(f.f32(1394 + 4L * d, "fDACHoldingLevel"));
            if (!extended || d > 1) {
                // Old headers: the waveform source lives at byte 1438 for the active DAC only; no epochs read.
                boolean oldWaveform = !extended && d == f.i16(1440, "nActiveDACChannel")
                        && f.i16(1438, "nWaveformSource") != 0;
                out.add(new AbfDac(d, name, unit, holding, oldWaveform, oldWaveform ? AbfDac.SOURCE_UNREAD : 0, false,
                        List.of(), ""));
                continue;
            }
            List<AbfEpoch> epochs = new ArrayList<>();
            for (int slot = 10 * d; slot < 10 * d + 10; slot++) {
                AbfEpoch e = new AbfEpoch(slot % 10, f.i16(2308 + 2L * slot, "nEpochType"),
                        f.f32(2348 + 4L * slot, "fEpochInitLevel"), f.f32(2428 + 4L * slot, "fEpochLevelInc"),
                        f.i32(2508 + 4L * slot, "lEpochInitDuration"), f.i32(2588 + 4L * slot, "lEpochDurationInc"),
                        pulseFields ? f.i32(2136 + 4L * slot, "lEpochPulsePeriod") : 0,
                        pulseFields ? f.i32(2216 + 4L * slot, "lEpochPulseWidth") : 0);
                if (e.type() != AbfEpoch.OFF) {
                    epochs.add(e);
                }
            }
            out.add(new AbfDac(d, name, unit, holding, f.i16(2296 + 2L * d, "nWaveformEnable") != 0,
                    f.i16(2300 + 2L * d, "nWaveformSource"), f.i16(2304 + 2L * d, "nInterEpisodeLevel") != 0,
                    epochs, f.asciiText(2736 + 256L * d, 256, "sDACFilePath")));
        }
        return out;
    }

    private static String orUnknown(String s) {
        return s.isEmpty() ? "?" : s;
    }
}
