package org.patchpinn.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** result.json of Demo: the data folder and, per step, the verb, its folder and options, time and summary. */
public final class DemoResultJson {

    /** One step run: verb, output sub-folder, the options it was given, wall seconds and its summary. */
    public record Step(String verb, String folder, Map<String, String> options, double seconds, String summary) { }

    private DemoResultJson() {
    }

    public static JsonObject of(Path data, List<Step> steps) {
        JsonArray done = new JsonArray();
        for (Step s : steps) {
            JsonObject o = new JsonObject();
            o.addProperty("verb", s.verb());
            o.addProperty("folder", s.folder());
            JsonObject opts = new JsonObject();
            s.options().forEach(opts::addProperty);
            o.add("options", opts);
            o.addProperty("seconds", s.seconds());
            o.addProperty("summary", s.summary());
            done.add(o);
        }
        JsonObject json = new JsonObject();
        json.addProperty("data", data.toAbsolutePath().toString());
        json.add("steps", done);
        return json;
    }
}
