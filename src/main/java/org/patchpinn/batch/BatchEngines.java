package org.patchpinn.batch;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import org.patchpinn.InvalidParameterException;

/** Chooses an engine by name: "local" (the default) or "spark", which is loaded only when asked for. */
public final class BatchEngines {
    public static final List<String> NAMES = List.of("local", "spark");
    static final String SPARK_CLASS = "org.patchpinn.spark.SparkEngine";

    private BatchEngines() {
    }

    /**
     * @param master  Spark master URL (local[2], spark://host:7077, yarn, k8s://...); empty: Spark's own setting
     *                (what spark-submit passes), else local[*]
     * @param threads worker threads of the local engine (≤ 0: all cores)
     */
    public static BatchEngine create(String engine, String master, int threads, String threadName) {
        switch (engine) {
            case "local":
                return new LocalEngine(threads, threadName);
            case "spark":
                return spark(master);
            default:
                throw new InvalidParameterException("engine", "'" + engine + "' is not one of " + NAMES);
        }
    }

    private static BatchEngine spark(String master) {
        Class<?> c;
        try {
            c = Class.forName(SPARK_CLASS);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new InvalidParameterException("engine", "Spark is not on the class path: build with "
                    + "'mvn -Pspark -DskipTests package' and run with target/spark-jars/* on the class path, or "
                    + "through spark-submit (see README, 'Batches on Apache Spark')");
        }
        try {
            return (BatchEngine) c.getConstructor(String.class).newInstance(master);
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            if (t instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("could not start Spark: " + t, t);
        } catch (ReflectiveOperationException | NoClassDefFoundError e) {
            throw new InvalidParameterException("engine", "Spark is not usable: " + e
                    + " (are target/spark-jars/* on the class path?)");
        }
    }
}
