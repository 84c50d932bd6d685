package org.patchpinn.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.patchpinn.PatchPinnException;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;
import org.patchpinn.trace.Tag;
import org.patchpinn.trace.Trace;

/**
 * Axon Binary Format reader, ABF1 (1.x) and ABF2 (2.x): episodic, gap-free (one sweep) and multi-channel
 * files, scaled as pyABF scales them, with the command waveform rebuilt from the epoch table. The header is
 * parsed by {@link Abf1HeaderParser} or {@link Abf2HeaderParser}, the samples decoded in bulk by
 * {@link AbfSampleDecoder}, the command built by {@link AbfCommand}.
 */
public final class AbfReader implements RecordingReader {
    private final boolean resolveStimulusFiles;

    public AbfReader() {
        this(true);
    }

    /** @param resolveStimulusFiles whether to load external stimulus files (off when reading one itself) */
    AbfReader(boolean resolveStimulusFiles) {
        this.resolveStimulusFiles = resolveStimulusFiles;
    }

    @Override public String format() {
        return "ABF";
    }

    /** ABF files by their magic ("ABF " or "ABF2"), or by name so a damaged .abf gets an ABF error message. */
    @Override public boolean accepts(Path file, byte[] head) {
        if (head.length >= 4) {
            String magic = FileBytes.ascii(Arrays.copyOf(head, 4));
            if (magic.equals("ABF ") || magic.equals("ABF2")) {
                return true;
            }
        }
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".abf");
    }

    @Override public Recording read(Path file, Progress progress) {
        try (FileBytes f = FileBytes.open(file, "header")) {
            AbfHeader h = header(f);
            progress.status("reading " + file.getFileName());
            float[][][] samples = new AbfSampleDecoder(f, h).decodeAll(progress);
            return recording(file, h, samples);
        } catch (PatchPinnException e) {
            throw e;
        } catch (RuntimeException e) {
            // A safety net: validation should catch every corrupt header before it gets here.
            throw new RecordingFormatException(file, "unreadable ABF header (internal error: " + e + ")", e);
        }
    }

    /** The parsed header of an ABF1 or ABF2 file, validated against the file size. */
    static AbfHeader header(FileBytes f) {
        if (f.size() == 0) {
            throw f.error("file is empty");
        }
        if (f.size() < 8) {
            throw f.error("file of " + f.size() + " bytes is too short to be an ABF file");
        }
        String magic = FileBytes.ascii(f.bytes(0, 4, "file signature"));
        switch (magic) {
            case "ABF ":
                return Abf1HeaderParser.parse(f);
            case "ABF2":
                return Abf2HeaderParser.parse(f);
            default:
                throw f.error("not an ABF file: it starts with '" + FileBytes.printable(magic)
                        + "', not 'ABF ' or 'ABF2'");
        }
    }

    private Recording recording(Path file, AbfHeader h, float[][][] samples) {
        AbfCommand.Result command = AbfCommand.build(file, h, resolveStimulusFiles);
        Recording.Builder b = Recording.builder().source(file).format("ABF", h.version())
                .sampleRateHz(h.sampleRateHz()).protocol(h.protocol()).startTime(h.startTime());
        for (int c = 0; c < h.channelNames().size(); c++) {
            b.channel(h.channelNames().get(c), h.channelUnits().get(c));
        }
        for (int s = 0; s < samples.length; s++) {
            List<Trace> traces = new ArrayList<>(samples[s].length);
            for (float[] channel : samples[s]) {
                traces.add(Trace.wrap(channel));
            }
            b.sweep(new Sweep(traces, command.perSweep().get(s)));
        }
        if (command.dac() != null && command.perSweep().stream().anyMatch(t -> t != null)) {
            b.commandUnit(command.dac().unit());
        }
        for (Tag t : h.tags()) {
            b.tag(t.timeS(), t.comment());
        }
        if (command.dac() != null) {
            b.metadata("abf.commandDac", command.dac().index() + " (" + command.dac().name() + ")");
        }
        b.metadata("abf.operationMode", Integer.toString(h.operationMode()));
        if (!h.comment().isEmpty()) {
            b.metadata("abf.comment", h.comment());
        }
        h.warnings().forEach(b::warning);
        command.warnings().forEach(b::warning);
        return b.build();
    }
}
