package org.patchpinn.symbolic;

import static org.patchpinn.symbolic.Op.ADD;
import static org.patchpinn.symbolic.Op.DIV;
import static org.patchpinn.symbolic.Op.MUL;
import static org.patchpinn.symbolic.Op.SUB;

/**
 * Algebraic simplification that never changes a law's values (where it is defined): constant folding,
 * neutral elements, merging of constant factors and offsets, and a canonical order (constants first in
 * sums and products). Smaller trees mean fewer redundant constants for the fit and one structure key for
 * equivalent shapes.
 */
public final class Simplifier {
    private static final int MAX_PASSES = 8;

    private Simplifier() {
    }

    public static Node simplify(Node node) {
        Node current = node;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            Node next = once(current);
            if (next.toString().equals(current.toString())) {
                return next;
            }
            current = next;
        }
        return current;
    }

    private static Node once(Node n) {
        if (n.op() == null) {
            return n;
        }
        Node a = once(n.left());
        Node b = n.right() == null ? null : once(n.right());
        return rewrite(n.op(), a, b);
    }

    private static Node c(double v) {
        return Node.constant(v);
    }

    private static Node bin(Op op, Node a, Node b) {
        return Node.binary(op, a, b);
    }

    /** A product chain with one factor k + s·y (s < 0) negated, or null when it has none. */
    private static Node negateFallingFactor(Node n) {
        if (n.op() == ADD && n.left().isConstant() && n.right().op() == MUL && n.right().left().isConstant()
                && n.right().left().value() < 0) {
            Node y = n.right().right();
            double s = -n.right().left().value();
            return bin(ADD, c(-n.left().value()), s == 1 ? y : bin(MUL, c(s), y));
        }
        if (n.op() == MUL) {
            Node left = negateFallingFactor(n.left());
            if (left != null) {
                return bin(MUL, left, n.right());
            }
            Node right = negateFallingFactor(n.right());
            if (right != null) {
                return bin(MUL, n.left(), right);
            }
        }
        return null;
    }

    private static Node rewrite(Op op, Node a, Node b) {
        // Constant folding.
        if (a.isConstant() && (b == null || b.isConstant())) {
            double v = op.apply(a.value(), b == null ? 0 : b.value());
            if (Double.isFinite(v)) {
                return c(v);
            }
        }
        if (op.arity() == 1) {
            if (op == Op.LOG && a.op() == Op.EXP) {
                return a.left();
            }
            return Node.unary(op, a);
        }
        // Subtraction and division by constants become sums and products, so offsets and factors merge.
        if (op == SUB && b.isConstant()) {
            return rewrite(ADD, c(-b.value()), a);
        }
        if (op == DIV && b.isConstant() && b.value() != 0) {
            return rewrite(MUL, c(1 / b.value()), a);
        }
        if (op == SUB && a.isConstant(0)) {
            return rewrite(MUL, c(-1), b);
        }
        if ((op == SUB) && a.equals(b)) {
            return c(0);
        }
        if (op == DIV && a.equals(b)) {
            return c(1);
        }
        if (op == ADD && a.equals(b)) {
            return rewrite(MUL, c(2), a);
        }
        // Constants first in sums and products.
        if (op.commutative() && b.isConstant() && !a.isConstant()) {
            Node t = a;
            a = b;
            b = t;
        }
        if (op.commutative() && !a.isConstant() && b.op() == op && b.left().isConstant()) {
            // x ∘ (c ∘ y) → c ∘ (x ∘ y): hoist constants outwards so they can merge
            return rewrite(op, b.left(), rewrite(op, a, b.right()));
        }
        if (op.commutative() && a.op() == op && a.left().isConstant() && !b.isConstant()) {
            // (c ∘ x) ∘ y → c ∘ (x ∘ y)
            return rewrite(op, a.left(), rewrite(op, a.right(), b));
        }
        if (a.isConstant()) {
            double k = a.value();
            if (op == ADD && k == 0) {
                return b;
            }
            if (op == MUL && k == 1) {
                return b;
            }
            if (op == MUL && k == 0) {
                return c(0);
            }
            if (op == b.op() && b.left().isConstant() && op.commutative()) {
                double merged = op.apply(k, b.left().value());
                return rewrite(op, c(merged), b.right());
            }
            if (op == ADD && b.op() == SUB && b.left().isConstant()) {
                return bin(SUB, c(k + b.left().value()), b.right());
            }
            if (op == MUL && b.op() == DIV && b.left().isConstant()) {
                return bin(DIV, c(k * b.left().value()), b.right());
            }
            if (op == DIV && b.op() == MUL && b.left().isConstant() && b.left().value() != 0) {
                return rewrite(DIV, c(k / b.left().value()), b.right());
            }
        }
        if (op == MUL && a.isConstant() && a.value() < 0) {
            // −c·(…·(k − y)) → c·(…·(y − k)): the sign goes into a falling affine factor, if there is one
            Node flipped = negateFallingFactor(b);
            if (flipped != null) {
                return rewrite(MUL, c(-a.value()), flipped);
            }
        }
        if (op == DIV && a.op() == MUL && a.left().isConstant()) {
            // (c·x)/y → c·(x/y)
            return rewrite(MUL, a.left(), rewrite(DIV, a.right(), b));
        }
        if (op == DIV && b.op() == MUL && b.left().isConstant() && b.left().value() != 0 && !a.isConstant()) {
            // x/(c·y) → (1/c)·(x/y)
            return rewrite(MUL, c(1 / b.left().value()), rewrite(DIV, a, b.right()));
        }
        if (op == SUB && b.op() == MUL && b.left().isConstant()) {
            // a − c·x → a + (−c)·x
            return rewrite(ADD, a, rewrite(MUL, c(-b.left().value()), b.right()));
        }
        if (op == SUB && (b.op() == MUL || b.op() == DIV) && b.left().isConstant() && b.left().value() < 0) {
            // a − (−c)/x → a + c/x
            return rewrite(ADD, a, rewrite(b.op(), c(-b.left().value()), b.right()));
        }
        if (op == MUL && a.isConstant() && b.op() == ADD && b.left().isConstant()) {
            // c·(d + x) → c·d + c·x: the canonical affine form k·x + m
            return rewrite(ADD, c(a.value() * b.left().value()), rewrite(MUL, a, b.right()));
        }
        if (op == Op.POW && b.isConstant(1)) {
            return a;
        }
        if (op == Op.POW && b.isConstant(0)) {
            return c(1);
        }
        return bin(op, a, b);
    }
}
