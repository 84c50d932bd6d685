"""Writes a recording's sweeps as an NWB 1 file in the Allen Institute's pipeline layout (the Allen Cell Types
Database's ephys.nwb, as AllenSDK's NwbDataSet reads it), with h5py: a check of PatchPINN's NWB 1 reader against
files another HDF5 library wrote (no real Allen file is at hand). Not part of the build or the tests.

usage: python allen_nwb1_from_atf.py SIMULATED.atf OUT.nwb [PIPELINE_VERSION] [AMPLITUDES_PA] [STOPPED]
  SIMULATED.atf   an ATF written by `simulate` (time in ms, then V (mV) and I (pA) per sweep)
  PIPELINE_VERSION  e.g. 1.1 (conversion attributes apply); empty or absent: no /general/generated_by (AllenSDK's
                    0.0: samples stored in volts and amperes, conversion not applied)
  AMPLITUDES_PA   comma-separated, one per sweep, for aibs_stimulus_amplitude_pa (default: the level held longest)
  STOPPED         K:SECONDS: the K-th sweep (from 0) stopped recording at SECONDS: 0 is stored after it, and its
                  /epochs/Experiment_n ends there (as the pipeline marks a sweep terminated mid-stimulus)
The long squares become Sweep_10, Sweep_11, ...; a 1 s "Short Square" sweep (3 ms, 1 nA) of another length is added.
Every sweep has its /epochs/Sweep_n (idx_start 0, count: its samples).
"""
import sys

import h5py
import numpy as np


def text(s):
    return np.bytes_(s.encode())


def step(i):
    """The command level held longest away from 0 (the long square, not a short test pulse), 0 without one."""
    values, counts = np.unique(i[i != 0], return_counts=True)
    return float(values[np.argmax(counts)]) if len(values) else 0.0


def series(parent, name, samples, unit, conversion, kind, stimulus_name, amplitude_pa, rate):
    g = parent.create_group(name)
    g.attrs['ancestry'] = np.array([text(a) for a in ('TimeSeries', 'PatchClampSeries', kind)])
    g.attrs['neurodata_type'] = text('TimeSeries')
    d = g.create_dataset('data', data=samples.astype(np.float32))
    d.attrs['conversion'] = np.float32(conversion)
    d.attrs['unit'] = text(unit)
    d.attrs['resolution'] = np.float32(np.nan)
    t = g.create_dataset('starting_time', data=0.0)
    t.attrs['rate'] = np.float32(rate)
    t.attrs['unit'] = text('Seconds')
    g.create_dataset('num_samples', data=len(samples))
    g.create_dataset('aibs_stimulus_name', data=text(stimulus_name))
    g.create_dataset('aibs_stimulus_amplitude_pa', data=float(amplitude_pa))
    g.create_dataset('bias_current', data=0.0)


def epoch(f, name, start, count):
    g = f.require_group('epochs').create_group(name).create_group('stimulus')
    g.create_dataset('idx_start', data=np.int64(start))
    g.create_dataset('count', data=np.int64(count))


def main(atf, out, version='', amplitudes='', stopped=''):
    with open(atf) as f:
        skip = int(f.readline() and f.readline().split()[0]) + 3  # ATF: 2 lines, N header records, titles
    d = np.loadtxt(atf, skiprows=skip)
    t = d[:, 0]
    rate = 1000.0 / (t[1] - t[0])
    sweeps = (d.shape[1] - 1) // 2
    amps = [float(a) for a in amplitudes.split(',')] if amplitudes else [step(d[:, 2 + 2 * k]) for k in range(sweeps)]
    # from pipeline 1.1 on the samples are mV / pA with a conversion to volts / amperes; before, they are volts /
    # amperes already and the conversion (1) is not applied: stored x conversion is volts / amperes either way
    mv, pa = (1e-3, 1e-12) if version else (1.0, 1.0)
    v_scale, i_scale = 1e-3 / mv, 1e-12 / pa
    with h5py.File(out, 'w') as f:
        f.create_dataset('nwb_version', data=text('NWB-1.0.5'))
        f.create_dataset('identifier', data=text('allen-layout check'))
        general = f.create_group('general')
        if version:
            general.create_dataset('generated_by', data=np.array([text('program'), text('allen_nwb1_from_atf'),
                                                                   text('version'), text(version)]))
        acquisition = f.create_group('acquisition/timeseries')
        presentation = f.create_group('stimulus/presentation')
        stop_k, stop_s = (int(stopped.split(':')[0]), float(stopped.split(':')[1])) if stopped else (-1, 0.0)
        for k in range(sweeps):
            name = 'Sweep_%d' % (10 + k)
            v = d[:, 1 + 2 * k] * v_scale
            epoch(f, name, 0, len(v))
            if k == stop_k:
                end = int(round(stop_s * rate))
                v = np.concatenate([v[:end], np.zeros(len(v) - end)])
                epoch(f, 'Experiment_%d' % (10 + k), 0, end)
            series(acquisition, name, v, 'Volts', mv, 'CurrentClampSeries', 'Long Square', amps[k], rate)
            series(presentation, name, d[:, 2 + 2 * k] * i_scale, 'Amps', pa, 'CurrentClampStimulusSeries',
                   'Long Square', amps[k], rate)
        n = int(rate)
        v = np.full(n, d[0, 1]) * v_scale
        i = np.zeros(n)
        i[int(0.5 * rate):int(0.503 * rate)] = 1000.0
        epoch(f, 'Sweep_30', 0, n)
        series(acquisition, 'Sweep_30', v, 'Volts', mv, 'CurrentClampSeries', 'Short Square', 1000, rate)
        series(presentation, 'Sweep_30', i * i_scale, 'Amps', pa, 'CurrentClampStimulusSeries', 'Short Square', 1000,
               rate)


if __name__ == '__main__':
    main(*sys.argv[1:])
