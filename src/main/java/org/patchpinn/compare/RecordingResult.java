package org.patchpinn.compare;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analysis of one manifest row: its fits and features, or why it failed. Saved as
 * per_recording/&lt;name&gt;.json as soon as it is done, with the fingerprint of input and settings that decides
 * whether a re-run may reuse it.
 */
public final class RecordingResult {
    public enum Status { OK, FAILED, EXCLUDED }

    private final ManifestEntry entry;
    private final Status status;
    private final String message;
    private final String fingerprint;
    private final Map<String, FitOutcome> fits;
    private final RecordingFeatures features;
    private final double seconds;
    private final boolean resumed;

    public RecordingResult(ManifestEntry entry, Status status, String message, String fingerprint,
                           Map<String, FitOutcome> fits, RecordingFeatures features, double seconds,
                           boolean resumed) {
        this.entry = entry;
        this.status = status;
        this.message = message == null ? "" : message;
        this.fingerprint = fingerprint;
        this.fits = Collections.unmodifiableMap(new LinkedHashMap<>(fits));
        this.features = features;
        this.seconds = seconds;
        this.resumed = resumed;
    }

    public static RecordingResult failed(ManifestEntry e, Status status, String message, String fingerprint,
                                         double seconds) {
        return new RecordingResult(e, status, message, fingerprint, Map.of(), null, seconds, false);
    }

    public ManifestEntry entry() { return entry; }

    public Status status() { return status; }

    public boolean ok() { return status == Status.OK; }

    public String message() { return message; }

    public String fingerprint() { return fingerprint; }

    public Map<String, FitOutcome> fits() { return fits; }

    /** Null unless the recording was analysed. */
    public RecordingFeatures features() { return features; }

    public double seconds() { return seconds; }

    /** True when this result was read back from a previous run instead of computed. */
    public boolean resumed() { return resumed; }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("file", entry.name());
        o.addProperty("condition", entry.condition());
        o.addProperty("cell", entry.cell());
        JsonObject cov = new JsonObject();
        entry.covariates().forEach(cov::addProperty);
        o.add("covariates", cov);
        o.addProperty("status", status.name().toLowerCase());
        o.addProperty("message", message);
        o.addProperty("fingerprint", fingerprint);
        o.addProperty("seconds", seconds);
        JsonObject f = new JsonObject();
        fits.forEach((name, out) -> {
            JsonObject fo = new JsonObject();
            JsonObject ps = new JsonObject();
            out.parameters().forEach((k, v) -> ps.add(k, v.toJson()));
            fo.add("parameters", ps);
            fo.add("details", out.details());
            f.add(name, fo);
        });
        o.add("fits", f);
        if (features != null) {
            JsonObject fe = new JsonObject();
            JsonObject sc = new JsonObject();
            features.scalars().forEach((k, v) -> sc.add(k, v.toJson()));
            fe.add("scalars", sc);
            JsonArray fi = new JsonArray();
            for (double[] p : features.fi()) {
                JsonArray pt = new JsonArray();
                pt.add(p[0]);
                pt.add(p[1]);
                fi.add(pt);
            }
            fe.add("fi", fi);
            o.add("features", fe);
        }
        return o;
    }

    public static RecordingResult fromJson(JsonObject o, ManifestEntry entry) {
        Map<String, FitOutcome> fits = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("fits").entrySet()) {
            JsonObject fo = e.getValue().getAsJsonObject();
            Map<String, Estimate> ps = new LinkedHashMap<>();
            fo.getAsJsonObject("parameters").entrySet()
                    .forEach(p -> ps.put(p.getKey(), Estimate.fromJson(p.getValue().getAsJsonObject())));
            fits.put(e.getKey(), new FitOutcome(ps, fo.getAsJsonObject("details")));
        }
        RecordingFeatures features = null;
        if (o.has("features")) {
            JsonObject fe = o.getAsJsonObject("features");
            Map<String, Estimate> sc = new LinkedHashMap<>();
            fe.getAsJsonObject("scalars").entrySet()
                    .forEach(p -> sc.put(p.getKey(), Estimate.fromJson(p.getValue().getAsJsonObject())));
            List<double[]> fi = new ArrayList<>();
            for (JsonElement p : fe.getAsJsonArray("fi")) {
                fi.add(new double[] {p.getAsJsonArray().get(0).getAsDouble(),
                        p.getAsJsonArray().get(1).getAsDouble()});
            }
            features = new RecordingFeatures(sc, fi);
        }
        Status st = Status.valueOf(o.get("status").getAsString().toUpperCase());
        return new RecordingResult(entry, st, o.get("message").getAsString(), o.get("fingerprint").getAsString(),
                fits, features, o.get("seconds").getAsDouble(), true);
    }
}
