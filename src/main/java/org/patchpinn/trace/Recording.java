package org.patchpinn.trace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An immutable patch-clamp recording: sweeps × channels at one sample rate, with the command (stimulus)
 * waveform per sweep, protocol name, tags and free metadata (e.g. a glucose concentration the user
 * supplies). Built by the readers in {@code org.patchpinn.io}; nothing here knows about file formats.
 */
public final class Recording {
    private final Path source;
    private final String format;
    private final String formatVersion;
    private final double sampleRateHz;
    private final List<Channel> channels;
    private final List<Sweep> sweeps;
    private final String commandUnit;
    private final String protocol;
    private final List<Tag> tags;
    private final String startTime;
    private final Map<String, String> metadata;
    private final List<String> warnings;

    private Recording(Builder b) {
        this.source = b.source;
        this.format = Objects.requireNonNull(b.format, "format");
        this.formatVersion = b.formatVersion == null ? "" : b.formatVersion;
        if (!(b.sampleRateHz > 0) || Double.isInfinite(b.sampleRateHz)) {
            throw new IllegalArgumentException("sample rate must be positive, got " + b.sampleRateHz);
        }
        this.sampleRateHz = b.sampleRateHz;
        this.channels = List.copyOf(b.channels);
        this.sweeps = List.copyOf(b.sweeps);
        for (Sweep s : sweeps) {
            if (s.channels().size() != channels.size()) {
                throw new IllegalArgumentException("sweep has " + s.channels().size() + " traces for "
                        + channels.size() + " channels");
            }
        }
        this.commandUnit = b.commandUnit == null ? "" : b.commandUnit;
        this.protocol = b.protocol == null ? "" : b.protocol;
        this.tags = List.copyOf(b.tags);
        this.startTime = b.startTime == null ? "" : b.startTime;
        // in the order written (Map.copyOf's order varies from run to run, and so did result.json's)
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
        this.warnings = List.copyOf(b.warnings);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The file it was read from, or null for recordings made in memory (e.g. simulated). */
    public Path source() { return source; }

    /** "ABF", "ATF", "CSV", "NWB", "simulated", ... */
    public String format() { return format; }

    public String formatVersion() { return formatVersion; }

    public double sampleRateHz() { return sampleRateHz; }

    /** Sampling interval in ms. */
    public double dtMs() { return 1000.0 / sampleRateHz; }

    public List<Channel> channels() { return channels; }

    public Channel channel(int index) { return channels.get(index); }

    public int channelCount() { return channels.size(); }

    public List<Sweep> sweeps() { return sweeps; }

    public Sweep sweep(int index) { return sweeps.get(index); }

    public int sweepCount() { return sweeps.size(); }

    /** Samples per sweep (of the first sweep; all sweeps of episodic files have the same length). */
    public int sweepLength() { return sweeps.isEmpty() ? 0 : sweeps.get(0).length(); }

    public double sweepLengthS() { return sweepLength() / sampleRateHz; }

    /** Unit of the command waveforms, "" when there are none. */
    public String commandUnit() { return commandUnit; }

    public boolean hasCommand() {
        return !sweeps.isEmpty() && sweeps.stream().allMatch(Sweep::hasCommand);
    }

    public String protocol() { return protocol; }

    public List<Tag> tags() { return tags; }

    /** Start of the recording as ISO-8601 text (as precise as the file says), "" if unknown. */
    public String startTime() { return startTime; }

    public Map<String, String> metadata() { return metadata; }

    /** Problems the reader found and worked around (e.g. an external stimulus file that is absent). */
    public List<String> warnings() { return warnings; }

    /** Index of the first channel whose unit is a voltage, or -1. */
    public int firstVoltageChannel() {
        return firstChannel(Units::isVoltage);
    }

    /** Index of the first channel whose unit is a current, or -1. */
    public int firstCurrentChannel() {
        return firstChannel(Units::isCurrent);
    }

    private int firstChannel(Predicate<String> unit) {
        for (int i = 0; i < channels.size(); i++) {
            if (unit.test(channels.get(i).unit())) {
                return i;
            }
        }
        return -1;
    }

    /** Current clamp when the first channel is a voltage and the command a current; voltage clamp the reverse. */
    public ClampMode clampMode() {
        if (channels.isEmpty()) {
            return ClampMode.UNKNOWN;
        }
        String sig = channels.get(0).unit();
        if (Units.isVoltage(sig) && (commandUnit.isEmpty() || Units.isCurrent(commandUnit))) {
            return ClampMode.CURRENT_CLAMP;
        }
        if (Units.isCurrent(sig) && (commandUnit.isEmpty() || Units.isVoltage(commandUnit))) {
            return ClampMode.VOLTAGE_CLAMP;
        }
        return ClampMode.UNKNOWN;
    }

    /** A name for tables and titles: the file name, or "recording". */
    public String name() {
        return source == null ? "recording" : source.getFileName().toString();
    }

    public static final class Builder {
        private Path source;
        private String format;
        private String formatVersion;
        private double sampleRateHz;
        private final List<Channel> channels = new ArrayList<>();
        private final List<Sweep> sweeps = new ArrayList<>();
        private String commandUnit;
        private String protocol;
        private final List<Tag> tags = new ArrayList<>();
        private String startTime;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private final List<String> warnings = new ArrayList<>();

        public Builder source(Path source) { this.source = source; return this; }

        public Builder format(String format, String version) {
            this.format = format;
            this.formatVersion = version;
            return this;
        }

        public Builder sampleRateHz(double hz) { this.sampleRateHz = hz; return this; }

        public Builder channel(String name, String unit) { channels.add(new Channel(name, unit)); return this; }

        public Builder sweep(Sweep sweep) { sweeps.add(sweep); return this; }

        public Builder commandUnit(String unit) { this.commandUnit = unit; return this; }

        public Builder protocol(String protocol) { this.protocol = protocol; return this; }

        public Builder tag(double timeS, String comment) { tags.add(new Tag(timeS, comment)); return this; }

        public Builder startTime(String iso) { this.startTime = iso; return this; }

        public Builder metadata(String key, String value) { metadata.put(key, value); return this; }

        public Builder warning(String warning) { warnings.add(warning); return this; }

        public Recording build() { return new Recording(this); }
    }
}
