package org.patchpinn.pinn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.patchpinn.model.Expression;

/**
 * A rate law of the model evaluated on NDArrays: the expression tree the simulator's tables are built from,
 * translated operation by operation ({@link Expression#evaluate}), so gradients flow to V and to every
 * parameter the law reads (VT, τmax …). Evaluated in float64 at V + {@link #OFFSET_MV}: the removable
 * singularities of HH laws, x/(1−e^(−x/k)) at x = 0, then never meet an exact 0/0, and near them the
 * cancellation in 1 − e^(−x/k) costs float64 digits, not float32 ones (the simulator's tables avoid the same
 * points by an offset grid, {@code sim.GateTable}).
 */
final class NdRates implements Expression.Algebra<NDArray> {
    /** Shift (mV) of the evaluation voltage: far below any kinetic scale, never a float32 or round voltage. */
    static final double OFFSET_MV = 7.31e-4;

    private final NDArray v;
    private final NDArray[] p;
    private final NDArray[] p64;

    /**
     * @param v64 voltages (mV, float64, already shifted by {@link #OFFSET_MV})
     * @param p   every model parameter as a one-element array, in the spec's order
     */
    NdRates(NDArray v64, NDArray[] p) {
        this.v = v64;
        this.p = p;
        this.p64 = new NDArray[p.length];
    }

    /** V (any float type) as the float64, shifted voltage rate laws are evaluated at. */
    static NDArray voltage64(NDArray v) {
        NDArray d = v.toType(DataType.FLOAT64, false);
        return Nd.add(d, OFFSET_MV);
    }

    @Override public NDArray constant(double c) {
        return Nd.c(v, c);
    }

    @Override public NDArray voltage() {
        return v;
    }

    @Override public NDArray parameter(int index) {
        if (p64[index] == null) {
            p64[index] = p[index].toType(DataType.FLOAT64, false);
        }
        return p64[index];
    }

    @Override public NDArray add(NDArray a, NDArray b) {
        return a.add(b);
    }

    @Override public NDArray sub(NDArray a, NDArray b) {
        return a.sub(b);
    }

    @Override public NDArray mul(NDArray a, NDArray b) {
        return a.mul(b);
    }

    @Override public NDArray div(NDArray a, NDArray b) {
        return a.div(b);
    }

    @Override public NDArray neg(NDArray a) {
        return a.neg();
    }

    @Override public NDArray pow(NDArray a, double e) {
        if (e == 1) {
            return a;
        }
        if (e == 2) {
            return a.mul(a);
        }
        if (e == 3) {
            return a.mul(a).mul(a);
        }
        if (e == 4) {
            NDArray s = a.mul(a);
            return s.mul(s);
        }
        return a.pow(Nd.c(a, e));
    }

    @Override public NDArray pow(NDArray a, NDArray b) {
        return a.pow(b);
    }

    @Override public NDArray function(String name, List<NDArray> args) {
        NDArray a = args.get(0);
        return switch (name) {
            case "exp" -> a.exp();
            case "log" -> a.log();
            case "log10" -> a.log10();
            case "sqrt" -> a.sqrt();
            case "abs" -> a.abs();
            case "tanh" -> a.tanh();
            case "sinh" -> a.sinh();
            case "cosh" -> a.cosh();
            case "sin" -> a.sin();
            case "cos" -> a.cos();
            case "min" -> a.minimum(args.get(1));
            case "max" -> a.maximum(args.get(1));
            default -> throw new IllegalArgumentException("no NDArray form of function " + name);
        };
    }
}
