package org.patchpinn.symbolic;

import java.util.SplittableRandom;

/**
 * Random laws and sub-laws for the search, with constants started where the data make them plausible.
 * Besides random trees of the primitive operators it offers the shapes of Hodgkin–Huxley rate laws as
 * macros, each of which the search reaches in one step and whose constants Levenberg–Marquardt then fits:
 * exponential e^(k·x+m), Boltzmann sig(k·x+m), linoid c·u/(1−e^(−u)), bell c/(e^(u₁)+e^(u₂)), the Hill shape
 * 1/(1+(x/K)^h) = sig(−h·log x + h·log K) and the power law c·x^p for positive inputs, and the driving
 * force (x − E). An affine argument starts with its midpoint inside the data range and a slope of a few
 * units per data range, which is what makes these non-linear fits converge.
 */
final class BuildingBlocks {
    private final Dataset data;
    private final double[] min;
    private final double[] max;
    private final boolean[] positive;
    private final double yScale;
    private final boolean templates;

    BuildingBlocks(Dataset data, boolean templates) {
        this.data = data;
        this.templates = templates;
        int k = data.variableCount();
        min = new double[k];
        max = new double[k];
        positive = new boolean[k];
        for (int v = 0; v < k; v++) {
            min[v] = data.min(v);
            max[v] = data.max(v);
            positive[v] = min[v] > 0;
        }
        double s = 0;
        for (double y : data.y()) {
            s += Math.abs(y);
        }
        yScale = s / data.size();
    }

    private static Node c(double v) {
        return Node.constant(v);
    }

    int randomVariable(SplittableRandom rnd) {
        return rnd.nextInt(data.variableCount());
    }

    /** k·x + m with x = variable, midpoint inside the data and |k|·range in [0.5, 8]. */
    Node affine(SplittableRandom rnd, int variable, int slopeSign) {
        double lo = min[variable];
        double hi = max[variable];
        double range = hi - lo;
        double k = (0.5 + 7.5 * rnd.nextDouble()) / range * (slopeSign != 0 ? slopeSign : rnd.nextBoolean() ? 1 : -1);
        double mid = lo + range * rnd.nextDouble();
        return Node.binary(Op.ADD, c(-k * mid), Node.binary(Op.MUL, c(k), Node.variable(variable)));
    }

    /** k·log(x) + m for a positive variable (Hill and power shapes). */
    private Node logAffine(SplittableRandom rnd, int variable) {
        double lo = Math.log(min[variable]);
        double hi = Math.log(max[variable]);
        double k = (0.5 + 3 * rnd.nextDouble()) * (rnd.nextBoolean() ? 1 : -1);
        double mid = lo + (hi - lo) * rnd.nextDouble();
        return Node.binary(Op.ADD, c(-k * mid),
                Node.binary(Op.MUL, c(k), Node.unary(Op.LOG, Node.variable(variable))));
    }

    /** One HH-shaped building block in one variable, or a random small tree when templates are off. */
    Node template(SplittableRandom rnd) {
        if (!templates) {
            return randomTree(rnd, 2 + rnd.nextInt(2));
        }
        int v = randomVariable(rnd);
        int choice = rnd.nextInt(positive[v] ? 9 : 7);
        switch (choice) {
            case 0: return Node.unary(Op.EXP, affine(rnd, v, 0));
            case 1: return Node.unary(Op.SIG, affine(rnd, v, 0));
            case 2: return Node.binary(Op.MUL, c(scale(rnd)), Node.unary(Op.LINOID, affine(rnd, v, 0)));
            case 3: return Node.binary(Op.DIV, c(scale(rnd)), Node.binary(Op.ADD,
                    Node.unary(Op.EXP, affine(rnd, v, 1)), Node.unary(Op.EXP, affine(rnd, v, -1))));
            case 4: return Node.binary(Op.MUL, c(scale(rnd)), Node.unary(Op.SIG, affine(rnd, v, 0)));
            case 5: return affine(rnd, v, 0);
            case 6: return Node.binary(Op.ADD, c(-(min[v] + (max[v] - min[v]) * rnd.nextDouble())),
                    Node.variable(v));
            case 7: return Node.unary(Op.SIG, logAffine(rnd, v));
            default: return Node.binary(Op.MUL, c(scale(rnd)),
                    Node.binary(Op.POW, Node.variable(v), c(rnd.nextDouble() * 4 - 2)));
        }
    }

    private double scale(SplittableRandom rnd) {
        return yScale * Math.exp(rnd.nextGaussian());
    }

    /** A random tree of the primitive operators of at most {@code depth} levels ("grow" initialisation). */
    Node randomTree(SplittableRandom rnd, int depth) {
        if (depth <= 1 || rnd.nextDouble() < 0.3) {
            return terminal(rnd);
        }
        Op op = randomOp(rnd);
        if (op.arity() == 1) {
            return Node.unary(op, randomTree(rnd, depth - 1));
        }
        return Node.binary(op, randomTree(rnd, depth - 1), randomTree(rnd, depth - 1));
    }

    Node terminal(SplittableRandom rnd) {
        if (rnd.nextDouble() < 0.6) {
            return Node.variable(randomVariable(rnd));
        }
        return c(randomConstant(rnd));
    }

    double randomConstant(SplittableRandom rnd) {
        double v = Math.exp(rnd.nextGaussian() * 1.5);
        return rnd.nextDouble() < 0.3 ? -v : v;
    }

    /** Arithmetic more often than functions. */
    Op randomOp(SplittableRandom rnd) {
        double r = rnd.nextDouble();
        if (r < 0.7) {
            return new Op[] {Op.ADD, Op.SUB, Op.MUL, Op.DIV}[rnd.nextInt(4)];
        }
        Op[] functions = templates ? new Op[] {Op.EXP, Op.LOG, Op.POW, Op.SIG, Op.LINOID}
                : new Op[] {Op.EXP, Op.LOG, Op.POW};
        return functions[rnd.nextInt(functions.length)];
    }

    Op randomOp(SplittableRandom rnd, int arity) {
        while (true) {
            Op op = randomOp(rnd);
            if (op.arity() == arity) {
                return op;
            }
        }
    }

    /**
     * New starting constants for a fit that may be stuck: each affine argument k·x + m gets a fresh midpoint
     * and slope, other constants are scaled by a random factor.
     */
    Node restartConstants(SplittableRandom rnd, Node n) {
        if (n.op() == Op.ADD && n.left().isConstant() && n.right().op() == Op.MUL
                && n.right().left().isConstant() && n.right().right().isVariable()) {
            int v = n.right().right().variableIndex();
            int sign = (int) Math.signum(n.right().left().value());
            return affine(rnd, v, rnd.nextDouble() < 0.8 ? sign : -sign);
        }
        if (n.isConstant()) {
            return c(n.value() * Math.exp(rnd.nextGaussian()));
        }
        if (n.op() == null) {
            return n;
        }
        Node a = restartConstants(rnd, n.left());
        Node b = n.right() == null ? null : restartConstants(rnd, n.right());
        return n.withChildren(a, b);
    }
}
