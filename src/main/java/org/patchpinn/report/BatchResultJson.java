package org.patchpinn.report;

import com.google.gson.JsonObject;
import java.util.Map;

/** result.json of Batch: the verb run with its options, where it ran, and how many recordings came out how. */
public final class BatchResultJson {

    private BatchResultJson() {
    }

    /** {@code computed}: run now (the rest resumed or excluded); {@code parquet}: batch.parquet was written. */
    public static JsonObject of(String verb, Map<String, String> args, String engine, int recordings, long ok,
                                int computed, int failed, boolean parquet) {
        JsonObject json = new JsonObject();
        json.addProperty("run", verb);
        json.add("args", Json.toTree(args));
        json.addProperty("engine", engine);
        json.addProperty("recordings", recordings);
        json.addProperty("ok", ok);
        json.addProperty("computed", computed);
        json.addProperty("failed", failed);
        json.addProperty("parquet", parquet);
        return json;
    }
}
