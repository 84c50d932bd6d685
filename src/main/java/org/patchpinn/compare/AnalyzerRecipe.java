package org.patchpinn.compare;

import java.io.Serializable;

/**
 * How to build a {@link RecordingAnalyzer} in another JVM (a Spark executor): the analyser itself holds readers
 * and fitters that do not travel, so what travels is this recipe (e.g. the verb's parameters as text). Equal
 * recipes build equivalent analysers, so an executor builds each once.
 */
public interface AnalyzerRecipe extends Serializable {
    RecordingAnalyzer build();
}
