/**
 * Conductance-based models as data: {@link org.patchpinn.model.ModelSpec} (currents, gates, rate laws,
 * parameters with units and bounds), the model-file format ({@link org.patchpinn.model.ModelFileParser},
 * {@link org.patchpinn.model.ModelFileWriter}), the built-in models ({@link org.patchpinn.model.BuiltinModels})
 * and compiled rate expressions. The model files are the one definition of a model's kinetics.
 *
 * <p>Does not belong here: integrating a model ({@code sim}), fitting it ({@code fit}).
 */
package org.patchpinn.model;
