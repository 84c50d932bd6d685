package org.patchpinn.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java export compiles and computes what the tree computes (including the linoid at u = 0). */
class JavaExportTest {
    private static final List<String> NAMES = List.of("V", "G");

    @TempDir
    Path dir;

    @Test
    void javaExportCompilesAndEvaluatesLikeTheTree() throws Exception {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertNotNull(compiler, "tests run on a JDK");
        Dataset data = new Dataset(new double[][] {{-100, 40}, {0.5, 10}}, new double[] {1, 2}, NAMES, "y", "t");
        BuildingBlocks blocks = new BuildingBlocks(data, true);
        SplittableRandom rnd = new SplittableRandom(9);
        List<Node> laws = new ArrayList<>();
        // alpha_n exactly at its removable singularity V = −55 mV
        laws.add(Node.binary(Op.MUL, Node.constant(0.1), Node.unary(Op.LINOID,
                Simplifier.simplify(ExpressionParser.parse("(V+55)/10", NAMES)))));
        while (laws.size() < 60) {
            Node a = rnd.nextBoolean() ? blocks.template(rnd) : blocks.randomTree(rnd, 4);
            laws.add(Simplifier.simplify(Node.binary(blocks.randomOp(rnd, 2), a, blocks.template(rnd))));
        }
        StringBuilder src = new StringBuilder("public class Laws {\n");
        for (int i = 0; i < laws.size(); i++) {
            src.append("  public static double f").append(i).append("(double V, double G) { return ")
                    .append(ExpressionFormat.format(laws.get(i), ExpressionFormat.Style.JAVA, NAMES)).append("; }\n");
        }
        src.append("}\n");
        Path file = dir.resolve("Laws.java");
        Files.writeString(file, src);
        assertEquals(0, compiler.run(null, null, null, "-d", dir.toString(), file.toString()), src.toString());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()})) {
            Class<?> c = loader.loadClass("Laws");
            double[][] x = {{-55, -100, -20, 0, 35}, {0.5, 1, 2.5, 5, 10}};
            for (int i = 0; i < laws.size(); i++) {
                Method m = c.getMethod("f" + i, double.class, double.class);
                double[] expected = new CompiledExpression(laws.get(i)).evaluate(x);
                for (int s = 0; s < x[0].length; s++) {
                    double got = (double) m.invoke(null, x[0][s], x[1][s]);
                    if (Double.isFinite(expected[s]) && Math.abs(expected[s]) < 1e12) {
                        assertEquals(expected[s], got, 1e-8 * Math.max(1e-6, Math.abs(expected[s])),
                                ExpressionFormat.format(laws.get(i), ExpressionFormat.Style.JAVA, NAMES) + " at " + s);
                    }
                }
            }
            assertEquals(0.1, (double) c.getMethod("f0", double.class, double.class).invoke(null, -55.0, 1.0), 1e-15);
        }
    }

    @Test
    void latexUsesFractionsAndExponentials() {
        Node law = ExpressionParser.parse("608/(3.3*exp((V+35)/20)+exp(-(V+35)/20))", NAMES);
        String latex = ExpressionFormat.format(Simplifier.simplify(law), ExpressionFormat.Style.LATEX, NAMES);
        assertTrue(latex.startsWith("\\frac{608}{") && latex.contains("e^{"), latex);
        assertTrue(!latex.contains("exp("), latex);
    }
}
