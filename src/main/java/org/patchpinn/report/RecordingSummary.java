package org.patchpinn.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Locale;
import org.patchpinn.trace.Channel;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Tag;

/** The recording summary of {@code info} and {@code recording.json}, and its table form. */
public final class RecordingSummary {
    public static final String TABLE_NAME = "PatchPINN Recording";

    private RecordingSummary() {
    }

    public static JsonObject json(Recording r) {
        JsonObject o = new JsonObject();
        o.addProperty("file", r.source() == null ? "" : r.source().toString());
        o.addProperty("format", r.format());
        o.addProperty("version", r.formatVersion());
        o.add("sampleRateHz", Json.number(r.sampleRateHz()));
        o.addProperty("sweepCount", r.sweepCount());
        JsonArray channels = new JsonArray();
        for (Channel c : r.channels()) {
            JsonObject ch = new JsonObject();
            ch.addProperty("name", c.name());
            ch.addProperty("unit", c.unit());
            channels.add(ch);
        }
        o.add("channels", channels);
        o.add("sweepLengthS", Json.number(r.sweepLengthS()));
        o.addProperty("sweepPoints", r.sweepLength());
        o.addProperty("protocol", r.protocol());
        JsonArray tags = new JsonArray();
        for (Tag t : r.tags()) {
            JsonObject tag = new JsonObject();
            tag.add("timeS", Json.number(t.timeS()));
            tag.addProperty("comment", t.comment());
            tags.add(tag);
        }
        o.add("tags", tags);
        o.addProperty("startTime", r.startTime());
        o.addProperty("stimulusUnit", r.commandUnit());
        o.addProperty("hasStimulus", r.hasCommand());
        o.addProperty("clampMode", r.clampMode().name().toLowerCase(Locale.ROOT));
        JsonObject meta = new JsonObject();
        r.metadata().forEach(meta::addProperty);
        o.add("metadata", meta);
        o.add("warnings", Json.strings(r.warnings()));
        return o;
    }

    /** One row per property: what a Fiji user sees after Open Recording. */
    public static Table table(Recording r) {
        Table t = new Table(TABLE_NAME);
        t.column("Property").column("Value");
        t.addRow().set("Property", "file").set("Value", r.name());
        t.addRow().set("Property", "format").set("Value", r.format() + " " + r.formatVersion());
        t.addRow().set("Property", "sample rate (Hz)").set("Value", CsvWriter.number(r.sampleRateHz()));
        t.addRow().set("Property", "sweeps").set("Value", Integer.toString(r.sweepCount()));
        t.addRow().set("Property", "sweep length (s)").set("Value", CsvWriter.number(r.sweepLengthS()));
        for (int i = 0; i < r.channelCount(); i++) {
            Channel c = r.channel(i);
            t.addRow().set("Property", "channel " + i).set("Value", c.name() + " (" + c.unit() + ")");
        }
        t.addRow().set("Property", "stimulus unit").set("Value", r.commandUnit());
        t.addRow().set("Property", "clamp mode").set("Value", r.clampMode().name());
        t.addRow().set("Property", "protocol").set("Value", r.protocol());
        t.addRow().set("Property", "start time").set("Value", r.startTime());
        for (Tag tag : r.tags()) {
            t.addRow().set("Property", "tag at " + CsvWriter.number(tag.timeS()) + " s").set("Value", tag.comment());
        }
        r.metadata().forEach((k, v) -> t.addRow().set("Property", k).set("Value", v));
        for (String w : r.warnings()) {
            t.addRow().set("Property", "warning").set("Value", w);
        }
        return t;
    }
}
