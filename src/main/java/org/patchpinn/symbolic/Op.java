package org.patchpinn.symbolic;

/**
 * The operators of an expression tree. Besides + − × ÷, exp, log and pow there are two HH rate-law shapes as
 * primitives, so that the search reaches them in one step and they evaluate stably:
 * {@link #SIG} (Boltzmann, 1/(1+e^(−u))) and {@link #LINOID} (u/(1−e^(−u)), whose removable singularity at
 * u = 0 is evaluated by its series). Exports spell both out with exp only.
 */
public enum Op {
    ADD("+", 2),
    SUB("-", 2),
    MUL("*", 2),
    DIV("/", 2),
    POW("pow", 2),
    EXP("exp", 1),
    LOG("log", 1),
    SIG("sig", 1),
    LINOID("linoid", 1);

    /** Below this |u| the linoid is evaluated by its Taylor series (truncation error < 1e-18). */
    private static final double LINOID_SERIES = 1e-4;

    private final String symbol;
    private final int arity;

    Op(String symbol, int arity) {
        this.symbol = symbol;
        this.arity = arity;
    }

    public String symbol() {
        return symbol;
    }

    public int arity() {
        return arity;
    }

    public boolean commutative() {
        return this == ADD || this == MUL;
    }

    /** The value; {@code b} is ignored by unary operators. Undefined values come out as NaN. */
    public double apply(double a, double b) {
        switch (this) {
            case ADD: return a + b;
            case SUB: return a - b;
            case MUL: return a * b;
            case DIV: return a / b;
            case POW: return Math.pow(a, b);
            case EXP: return Math.exp(a);
            case LOG: return Math.log(a);
            case SIG: return sigmoid(a);
            case LINOID: return linoid(a);
            default: throw new IllegalStateException(name());
        }
    }

    /** ∂op/∂a at (a, b), given the value {@code v} = op(a, b). */
    public double dA(double a, double b, double v) {
        switch (this) {
            case ADD: case SUB: return 1;
            case MUL: return b;
            case DIV: return 1 / b;
            case POW: return b == 0 ? 0 : b * Math.pow(a, b - 1);
            case EXP: return v;
            case LOG: return 1 / a;
            case SIG: return v * (1 - v);
            case LINOID: return linoidDerivative(a);
            default: throw new IllegalStateException(name());
        }
    }

    /** ∂op/∂b at (a, b), given the value {@code v}; 0 for unary operators. */
    public double dB(double a, double b, double v) {
        switch (this) {
            case ADD: return 1;
            case SUB: return -1;
            case MUL: return a;
            case DIV: return -v / b;
            case POW: return v == 0 ? 0 : v * Math.log(a);
            default: return 0;
        }
    }

    static double sigmoid(double u) {
        if (u >= 0) {
            return 1 / (1 + Math.exp(-u));
        }
        double e = Math.exp(u);
        return e / (1 + e);
    }

    static double linoid(double u) {
        if (Math.abs(u) < LINOID_SERIES) {
            return 1 + u / 2 + u * u / 12;
        }
        // Math.exp rather than expm1: an intrinsic, many times faster; cancellation costs < 1e-11 here
        return u / (1 - Math.exp(-u));
    }

    static double linoidDerivative(double u) {
        if (Math.abs(u) < LINOID_SERIES) {
            return 0.5 + u / 6;
        }
        double g = 1 - Math.exp(-u);
        return (1 - u / (Math.exp(u) - 1)) / g;   // (g − u e^(−u)) / g²
    }
}
