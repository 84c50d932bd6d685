package org.patchpinn.features;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The feature names PatchPINN computes, per sweep and per cell, in table order, with their units. */
public final class FeatureNames {
    // eFEL names (eFEL 5.x); see SweepFeatureExtractor for each definition.
    public static final String SPIKECOUNT = "Spikecount";
    public static final String SPIKECOUNT_STIMINT = "Spikecount_stimint";
    public static final String TIME_TO_FIRST_SPIKE = "time_to_first_spike";
    public static final String MEAN_FREQUENCY = "mean_frequency";
    public static final String ISI_VALUES = "ISI_values";
    public static final String ISI_CV = "ISI_CV";
    public static final String ADAPTATION_INDEX2 = "adaptation_index2";
    public static final String AP_AMPLITUDE = "AP_amplitude";
    public static final String AP_BEGIN_VOLTAGE = "AP_begin_voltage";
    public static final String SPIKE_HALF_WIDTH = "spike_half_width";
    public static final String AHP_DEPTH = "AHP_depth";
    public static final String VOLTAGE_BASE = "voltage_base";
    public static final String STEADY_STATE_VOLTAGE_STIMEND = "steady_state_voltage_stimend";
    public static final String VOLTAGE_DEFLECTION = "voltage_deflection";
    public static final String VOLTAGE_DEFLECTION_VB_SSSE = "voltage_deflection_vb_ssse";
    public static final String MINIMUM_VOLTAGE = "minimum_voltage";
    public static final String SAG_AMPLITUDE = "sag_amplitude";
    public static final String SAG_RATIO1 = "sag_ratio1";
    public static final String TIME_CONSTANT = "time_constant";
    /** Not eFEL: least-squares exponential fit on AllenSDK's interval (see MembraneTimeConstant). */
    public static final String TIME_CONSTANT_FIT = "time_constant_fit";
    public static final String OHMIC_INPUT_RESISTANCE = "ohmic_input_resistance";
    public static final String STIMULUS_CURRENT = "stimulus_current";
    // The sbi Hodgkin-Huxley example's summary statistics (Goncalves et al. 2020; sbi tutorial).
    public static final String REST_MEAN = "rest_mean";
    public static final String REST_STD = "rest_std";
    public static final String STIM_MEAN = "stim_mean";
    public static final String STIM_VARIANCE = "stim_variance";
    public static final String STIM_SKEWNESS = "stim_skewness";
    public static final String STIM_KURTOSIS = "stim_kurtosis";
    // Per cell (CellFeatures); its time_constant is the mean of the sweeps' time_constant_fit.
    public static final String RHEOBASE = "rheobase";
    public static final String FI_SLOPE = "fi_slope";
    public static final String MAX_FIRING_RATE = "max_firing_rate";
    public static final String INPUT_RESISTANCE = "input_resistance";
    public static final String SAG_RATIO = "sag_ratio";
    public static final String HYPERPOLARISING_SWEEPS = "hyperpolarising_sweeps";
    public static final String SPIKING_SWEEPS = "spiking_sweeps";

    /** Per-sweep features in table order. */
    public static final List<String> SWEEP = List.of(SPIKECOUNT, SPIKECOUNT_STIMINT, TIME_TO_FIRST_SPIKE,
            MEAN_FREQUENCY, ISI_VALUES, ISI_CV, ADAPTATION_INDEX2, AP_AMPLITUDE, AP_BEGIN_VOLTAGE, SPIKE_HALF_WIDTH,
            AHP_DEPTH, VOLTAGE_BASE, STEADY_STATE_VOLTAGE_STIMEND, VOLTAGE_DEFLECTION, VOLTAGE_DEFLECTION_VB_SSSE,
            MINIMUM_VOLTAGE, SAG_AMPLITUDE, SAG_RATIO1, TIME_CONSTANT, TIME_CONSTANT_FIT, OHMIC_INPUT_RESISTANCE,
            STIMULUS_CURRENT, REST_MEAN, REST_STD, STIM_MEAN, STIM_VARIANCE, STIM_SKEWNESS, STIM_KURTOSIS);

    /** Per-cell features ({@link CellFeatures}) in table order. */
    public static final List<String> CELL = List.of(RHEOBASE, FI_SLOPE, MAX_FIRING_RATE, INPUT_RESISTANCE,
            TIME_CONSTANT, SAG_RATIO, HYPERPOLARISING_SWEEPS, SPIKING_SWEEPS);

    private static final Map<String, String> UNITS = new LinkedHashMap<>();

    static {
        for (String n : List.of(AP_AMPLITUDE, AP_BEGIN_VOLTAGE, AHP_DEPTH, VOLTAGE_BASE,
                STEADY_STATE_VOLTAGE_STIMEND, VOLTAGE_DEFLECTION, VOLTAGE_DEFLECTION_VB_SSSE, MINIMUM_VOLTAGE,
                SAG_AMPLITUDE, REST_MEAN, REST_STD, STIM_MEAN)) {
            UNITS.put(n, "mV");
        }
        for (String n : List.of(TIME_TO_FIRST_SPIKE, ISI_VALUES, SPIKE_HALF_WIDTH, TIME_CONSTANT, TIME_CONSTANT_FIT)) {
            UNITS.put(n, "ms");
        }
        UNITS.put(MEAN_FREQUENCY, "Hz");
        UNITS.put(MAX_FIRING_RATE, "Hz");
        UNITS.put(OHMIC_INPUT_RESISTANCE, "MOhm");
        UNITS.put(INPUT_RESISTANCE, "MOhm");
        UNITS.put(STIMULUS_CURRENT, "pA");
        UNITS.put(RHEOBASE, "pA");
        UNITS.put(FI_SLOPE, "Hz/pA");
        UNITS.put(STIM_VARIANCE, "mV^2");
        for (String n : List.of(SPIKECOUNT, SPIKECOUNT_STIMINT, ISI_CV, ADAPTATION_INDEX2, SAG_RATIO1,
                STIM_SKEWNESS, STIM_KURTOSIS, SAG_RATIO, HYPERPOLARISING_SWEEPS, SPIKING_SWEEPS)) {
            UNITS.put(n, "");
        }
    }

    private FeatureNames() {
    }

    /** Unit of a per-sweep or per-cell feature; "" for counts and ratios; unknown names are an error. */
    public static String unitOf(String name) {
        String u = UNITS.get(name);
        if (u == null) {
            throw new IllegalArgumentException("unknown feature '" + name + "'");
        }
        return u;
    }

    /** A table header: "name (unit)", or the bare name for dimensionless features. */
    public static String header(String name) {
        String u = unitOf(name);
        return u.isEmpty() ? name : name + " (" + u + ")";
    }
}
