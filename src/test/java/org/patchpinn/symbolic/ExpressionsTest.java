package org.patchpinn.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Trees, their evaluation and Jacobian, the simplifier and the SymPy export round trip. */
class ExpressionsTest {
    private static final List<String> NAMES = List.of("V", "G");
    private static final Dataset DATA = new Dataset(new double[][] {{-100, -60, -20, 0, 30, 40}, {0.5, 1, 2, 5, 8, 10}},
            new double[] {1, 2, 3, 4, 5, 6}, NAMES, "y", "test");

    private static double[][] points(SplittableRandom rnd, int n) {
        double[][] x = new double[2][n];
        for (int i = 0; i < n; i++) {
            x[0][i] = -120 + 180 * rnd.nextDouble();
            x[1][i] = 0.2 + 15 * rnd.nextDouble();
        }
        return x;
    }

    /** Random laws of the kind the search builds: templates combined with random trees. */
    private static Node randomLaw(BuildingBlocks blocks, SplittableRandom rnd) {
        Node a = rnd.nextBoolean() ? blocks.template(rnd) : blocks.randomTree(rnd, 4);
        Node b = rnd.nextBoolean() ? blocks.template(rnd) : blocks.randomTree(rnd, 3);
        return Node.binary(blocks.randomOp(rnd, 2), a, b);
    }

    private static void assertSameValues(double[] expected, double[] actual, double tolerance, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Double.isFinite(expected[i]) && Math.abs(expected[i]) < 1e12) {
                double scale = Math.max(1e-6, Math.abs(expected[i]));
                assertEquals(expected[i], actual[i], tolerance * scale, what + " at sample " + i);
            }
        }
    }

    @Test
    void linoidHasNoSingularityAtZero() {
        assertEquals(1.0, Op.LINOID.apply(0, 0), 0);
        assertEquals(0.5, Op.LINOID.dA(0, 0, 1), 0);
        for (double u : new double[] {-1e-3, 1e-5, 2e-4, 0.3, -7, 30}) {
            assertEquals(u / (1 - Math.exp(-u)), Op.LINOID.apply(u, 0), 1e-9 * Math.abs(Op.LINOID.apply(u, 0)));
        }
    }

    @Test
    void jacobianMatchesFiniteDifferences() {
        SplittableRandom rnd = new SplittableRandom(3);
        BuildingBlocks blocks = new BuildingBlocks(DATA, true);
        double[][] x = points(rnd, 7);
        int checked = 0;
        for (int trial = 0; trial < 200 && checked < 40; trial++) {
            Node law = randomLaw(blocks, rnd);
            CompiledExpression e = new CompiledExpression(law);
            double[] c = e.constants();
            if (c.length == 0) {
                continue;
            }
            double[][] jac = new double[7][c.length];
            double[] f = e.evaluateWithJacobian(x, c, jac);
            boolean finite = true;
            for (double v : f) {
                finite &= Double.isFinite(v) && Math.abs(v) < 1e6;
            }
            if (!finite) {
                continue;
            }
            for (int k = 0; k < c.length; k++) {
                double h = 1e-6 * Math.max(1, Math.abs(c[k]));
                double[] up = c.clone();
                double[] down = c.clone();
                up[k] += h;
                down[k] -= h;
                double[] fu = e.evaluate(x, up);
                double[] fd = e.evaluate(x, down);
                for (int i = 0; i < 7; i++) {
                    double numeric = (fu[i] - fd[i]) / (2 * h);
                    if (Double.isFinite(numeric)) {
                        assertEquals(numeric, jac[i][k], 1e-4 * Math.max(1, Math.abs(numeric)), law + " constant " + k);
                    }
                }
            }
            checked++;
        }
        assertTrue(checked >= 20, "checked " + checked);
    }

    @Test
    void simplifierKeepsValues() {
        SplittableRandom rnd = new SplittableRandom(11);
        BuildingBlocks blocks = new BuildingBlocks(DATA, true);
        double[][] x = points(rnd, 25);
        int shrunk = 0;
        for (int trial = 0; trial < 300; trial++) {
            Node law = randomLaw(blocks, rnd);
            Node s = Simplifier.simplify(law);
            assertTrue(s.size() <= law.size(), law + " grew to " + s);
            shrunk += s.size() < law.size() ? 1 : 0;
            assertSameValues(new CompiledExpression(law).evaluate(x), new CompiledExpression(s).evaluate(x), 1e-9,
                    law + " -> " + s);
        }
        assertTrue(shrunk > 20, "the simplifier simplified only " + shrunk + " of 300 laws");
    }

    @Test
    void simplifierRules() {
        Node v = Node.variable(0);
        Node c2 = Node.constant(2);
        Node c3 = Node.constant(3);
        assertEquals(Node.constant(0), Simplifier.simplify(Node.binary(Op.SUB, v, v)));
        assertEquals("*(6.0,x0)", Simplifier.simplify(Node.binary(Op.MUL, c2, Node.binary(Op.MUL, v, c3))).toString());
        assertEquals("+(5.0,x0)", Simplifier.simplify(Node.binary(Op.ADD, Node.binary(Op.ADD, v, c2), c3)).toString());
        assertEquals("x0", Simplifier.simplify(Node.unary(Op.LOG, Node.unary(Op.EXP, v))).toString());
        // 2·(3 + V) − V/4  →  6 + 2·V − 0.25·V keeps values and canonical constants
        Node affine = Simplifier.simplify(Node.binary(Op.MUL, c2, Node.binary(Op.ADD, c3, v)));
        assertEquals("+(6.0,*(2.0,x0))", affine.toString());
    }

    @Test
    void sympyExportParsesBackToTheSameLaw() {
        SplittableRandom rnd = new SplittableRandom(5);
        BuildingBlocks blocks = new BuildingBlocks(DATA, true);
        double[][] x = points(rnd, 25);
        for (int trial = 0; trial < 300; trial++) {
            Node law = Simplifier.simplify(randomLaw(blocks, rnd));
            if (law.toString().matches(".*linoid\\((?![+*]\\([-0-9.E]+,).*")) {
                continue;  // exact u/(1 − e^(−u)) is 0/0 in floating point where a non-affine u underflows
            }
            String sympy = ExpressionFormat.format(law, ExpressionFormat.Style.SYMPY, NAMES);
            assertTrue(sympy.matches("[0-9A-Za-z_.+\\-*/() ]*"), sympy);
            assertTrue(sympy.replaceAll("exp|log|sqrt|V|G|e-?[0-9]", "").replaceAll("[0-9.+\\-*/() ]", "").isEmpty(),
                    "only numbers, V, G, exp, log, sqrt: " + sympy);
            Node back = ExpressionParser.parse(sympy, NAMES);
            assertSameValues(new CompiledExpression(law).evaluate(x), new CompiledExpression(back).evaluate(x), 1e-8,
                    law + " as " + sympy);
        }
    }

    @Test
    void hhShapesReadTheWayPhysiologistsWriteThem() {
        Node boltzmann = ExpressionParser.parse("1/(1+exp(-(V+35)/10))", NAMES);
        Node sig = Node.unary(Op.SIG, Simplifier.simplify(ExpressionParser.parse("(V+35)/10", NAMES)));
        assertEquals("1/(1 + exp(-(V + 35)/10))", ExpressionFormat.format(sig, ExpressionFormat.Style.EXPRESSION, NAMES));
        double[][] x = {{-80, -35, 0}, {1, 1, 1}};
        assertSameValues(new CompiledExpression(boltzmann).evaluate(x), new CompiledExpression(sig).evaluate(x), 1e-12,
                "boltzmann");
        Node linoid = Node.binary(Op.MUL, Node.constant(0.1), Node.unary(Op.LINOID,
                Simplifier.simplify(ExpressionParser.parse("(V+55)/10", NAMES))));
        assertEquals("0.1*(((V + 55)/10)/(1 - exp(-(V + 55)/10)))",
                ExpressionFormat.format(linoid, ExpressionFormat.Style.EXPRESSION, NAMES));
        Node hill = Node.unary(Op.SIG, Simplifier.simplify(ExpressionParser.parse("-2*log(G) + 2*log(1.5)", NAMES)));
        assertEquals("1/(1 + (G/1.5)^2)", ExpressionFormat.format(hill, ExpressionFormat.Style.EXPRESSION, NAMES));
        assertEquals("1/(1 + (G/1.5)**2)", ExpressionFormat.format(hill, ExpressionFormat.Style.SYMPY, NAMES));
        double[][] g = {{0, 0, 0}, {0.5, 1.5, 10}};
        assertSameValues(new CompiledExpression(ExpressionParser.parse("1/(1+(G/1.5)**2)", NAMES)).evaluate(g),
                new CompiledExpression(hill).evaluate(g), 1e-12, "hill");
        String latex = ExpressionFormat.format(sig, ExpressionFormat.Style.LATEX, NAMES);
        assertEquals("\\frac{1}{1 + e^{-\\frac{V + 35}{10}}}", latex);
    }
}
