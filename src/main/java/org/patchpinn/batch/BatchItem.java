package org.patchpinn.batch;

import java.io.Serializable;
import java.util.Map;

/**
 * One recording of a batch as plain values, so it can travel to another JVM (a Spark executor).
 *
 * @param index       position in the driver's list; results come back under it
 * @param name        the recording's name in tables (the file as written in the manifest)
 * @param file        where to read it: a local path or a Hadoop file-system URI (hdfs://, s3a://, file:/)
 * @param condition   the manifest's condition value; NaN when none
 * @param cell        the cell it was recorded from
 * @param covariates  the manifest's other columns
 * @param fingerprint what a saved result must carry to be reused (file content and settings)
 */
public record BatchItem(int index, String name, String file, double condition, String cell,
                        Map<String, String> covariates, String fingerprint) implements Serializable {
    public BatchItem {
        covariates = Map.copyOf(covariates);
    }
}
