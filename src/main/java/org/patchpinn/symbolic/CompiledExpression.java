package org.patchpinn.symbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tree flattened to post-order for fast evaluation on all samples at once, with the Jacobian of the
 * output with respect to every constant from one reverse pass. Because samples are independent, the adjoint
 * arrays of the reverse pass hold d f(x_i) / d node(x_i) per sample, so the constant leaves' adjoints are
 * exactly the Jacobian columns.
 */
public final class CompiledExpression {
    private final Op[] ops;
    private final int[] leftChild;
    private final int[] rightChild;
    private final int[] variable;
    private final int[] constantSlot;
    private final double[] constants;

    public CompiledExpression(Node root) {
        List<Node> order = new ArrayList<>();
        List<int[]> children = new ArrayList<>();
        flatten(root, order, children);
        int n = order.size();
        ops = new Op[n];
        leftChild = new int[n];
        rightChild = new int[n];
        variable = new int[n];
        constantSlot = new int[n];
        int slot = 0;
        for (int k = 0; k < n; k++) {
            Node node = order.get(k);
            ops[k] = node.op();
            leftChild[k] = children.get(k)[0];
            rightChild[k] = children.get(k)[1];
            variable[k] = node.isVariable() ? node.variableIndex() : -1;
            // leaves come in the same left-to-right order in post-order as in Node.constants()' pre-order
            constantSlot[k] = node.isConstant() ? slot++ : -1;
        }
        constants = root.constants();
    }

    private int flatten(Node node, List<Node> order, List<int[]> children) {
        int a = -1;
        int b = -1;
        if (node.op() != null) {
            a = flatten(node.left(), order, children);
            if (node.right() != null) {
                b = flatten(node.right(), order, children);
            }
        }
        order.add(node);
        children.add(new int[] {a, b});
        return order.size() - 1;
    }

    public int constantCount() {
        return constants.length;
    }

    /** The constants the tree was built with. */
    public double[] constants() {
        return constants.clone();
    }

    /** f at every sample ({@code x[variable][sample]}) with the given constants. */
    public double[] evaluate(double[][] x, double[] c) {
        double[][] values = forward(x, c);
        return values[values.length - 1];
    }

    public double[] evaluate(double[][] x) {
        return evaluate(x, constants);
    }

    private double[][] forward(double[][] x, double[] c) {
        int samples = x[0].length;
        double[][] values = new double[ops.length][];
        for (int k = 0; k < ops.length; k++) {
            double[] v = new double[samples];
            if (variable[k] >= 0) {
                System.arraycopy(x[variable[k]], 0, v, 0, samples);
            } else if (constantSlot[k] >= 0) {
                Arrays.fill(v, c[constantSlot[k]]);
            } else {
                Op op = ops[k];
                double[] a = values[leftChild[k]];
                if (rightChild[k] < 0) {
                    for (int i = 0; i < samples; i++) {
                        v[i] = op.apply(a[i], 0);
                    }
                } else {
                    double[] b = values[rightChild[k]];
                    for (int i = 0; i < samples; i++) {
                        v[i] = op.apply(a[i], b[i]);
                    }
                }
            }
            values[k] = v;
        }
        return values;
    }

    /**
     * The values (returned) and the Jacobian {@code jacobian[sample][constant]} (filled; must be sized
     * samples × constantCount).
     */
    public double[] evaluateWithJacobian(double[][] x, double[] c, double[][] jacobian) {
        double[][] values = forward(x, c);
        int samples = x[0].length;
        int root = ops.length - 1;
        double[][] adjoint = new double[ops.length][];
        adjoint[root] = new double[samples];
        Arrays.fill(adjoint[root], 1);
        for (int k = root; k >= 0; k--) {
            double[] g = adjoint[k];
            if (g == null) {
                continue;
            }
            if (constantSlot[k] >= 0) {
                int s = constantSlot[k];
                for (int i = 0; i < samples; i++) {
                    jacobian[i][s] = g[i];
                }
                continue;
            }
            Op op = ops[k];
            if (op == null) {
                continue;
            }
            double[] v = values[k];
            double[] a = values[leftChild[k]];
            double[] b = rightChild[k] < 0 ? null : values[rightChild[k]];
            double[] ga = new double[samples];
            for (int i = 0; i < samples; i++) {
                ga[i] = g[i] * op.dA(a[i], b == null ? 0 : b[i], v[i]);
            }
            adjoint[leftChild[k]] = ga;
            if (b != null) {
                double[] gb = new double[samples];
                for (int i = 0; i < samples; i++) {
                    gb[i] = g[i] * op.dB(a[i], b[i], v[i]);
                }
                adjoint[rightChild[k]] = gb;
            }
        }
        return values[root];
    }
}
