package org.patchpinn.report;

import com.google.gson.JsonObject;
import java.util.Map;

/** result.json of Batch: the verb run with its options, where it ran, and how many recordings came out how. */
public final class BatchResultJson {
    public static final String RUN = "run";
    public static final String ARGS = "args";
    public static final String ENGINE = "engine";
    public static final String RECORDINGS = "recordings";
    public static final String OK = "ok";
    public static final String COMPUTED = "computed";
    public static final String FAILED = "failed";
    public static final String PARQUET = "parquet";

    private BatchResultJson() {
    }

    /** {@code computed}: run now (the rest resumed or excluded); {@code parquet}: batch.parquet was written. */
    public static JsonObject of(String verb, Map<String, String> args, String engine, int recordings, long ok,
                                int computed, int failed, boolean parquet) {
        JsonObject json = new JsonObject();
        json.addProperty(RUN, verb);
        json.add(ARGS, Json.toTree(args));
        json.addProperty(ENGINE, engine);
        json.addProperty(RECORDINGS, recordings);
        json.addProperty(OK, ok);
        json.addProperty(COMPUTED, computed);
        json.addProperty(FAILED, failed);
        json.addProperty(PARQUET, parquet);
        return json;
    }
}
