package org.patchpinn.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import org.scijava.parsington.ExpressionParser;
import org.scijava.parsington.Function;
import org.scijava.parsington.Group;
import org.scijava.parsington.Operator;
import org.scijava.parsington.Operators;
import org.scijava.parsington.SyntaxTree;
import org.scijava.parsington.Variable;

/**
 * An arithmetic expression of the membrane voltage {@code V} (mV) and model parameters, parsed once with
 * SciJava Parsington and compiled into a tree of small evaluator nodes (constants folded), so evaluation
 * costs a few nanoseconds per operation and no text is touched at run time.
 *
 * <p>Supported: numbers, {@code + - * / ^} (also Python's {@code **}), unary minus, parentheses and the
 * functions exp, log, log10, sqrt, abs, tanh, sinh, cosh, sin, cos, pow(a,b), min(a,b), max(a,b).
 */
public final class Expression {
    /** One compiled node: its value at voltage {@code v} with parameter values {@code p}. */
    @FunctionalInterface
    interface Node {
        double eval(double v, double[] p);
    }

    private static final ExpressionParser PARSER = new ExpressionParser();

    private final String text;
    private final Node root;
    private final Set<String> parameters;
    private final boolean usesVoltage;

    private Expression(String text, Node root, Set<String> parameters, boolean usesVoltage) {
        this.text = text;
        this.root = root;
        this.parameters = Collections.unmodifiableSet(parameters);
        this.usesVoltage = usesVoltage;
    }

    /**
     * Compiles {@code text}.
     *
     * @param parameterIndex index into the parameter array of every parameter name the text may use
     * @param definitions    named sub-expressions (e.g. {@code u = V - VT}) the text may use
     * @throws ModelException naming the unknown symbol or the position of a syntax error
     */
    public static Expression compile(String text, Map<String, Integer> parameterIndex,
                                     Map<String, Expression> definitions) {
        String src = text.trim().replace("**", "^");
        if (src.isEmpty()) {
            throw new ModelException("empty expression");
        }
        String tooDeep = ExpressionLimits.violation(src);
        if (tooDeep != null) {
            throw new ModelException("expression '" + abbreviate(text.trim()) + "': " + tooDeep);
        }
        SyntaxTree tree;
        try {
            tree = PARSER.parseTree(src);
        } catch (IllegalArgumentException e) {
            throw new ModelException("syntax error in '" + text.trim() + "': " + e.getMessage(), e);
        } catch (NoSuchElementException | IllegalStateException e) {
            throw new ModelException("syntax error in '" + text.trim() + "': incomplete expression", e);
        }
        Compiler c = new Compiler(text.trim(), parameterIndex, definitions);
        Node root;
        try {
            root = c.compile(tree);
        } catch (StackOverflowError e) {
            // a last resort: the limits above keep real and crafted input well inside the stack
            throw new ModelException("expression '" + abbreviate(text.trim()) + "' is nested too deeply");
        }
        return new Expression(text.trim(), root, c.parametersUsed, c.usesVoltage);
    }

    /** Compiles an expression of V and the given parameters only. */
    public static Expression compile(String text, List<String> parameterNames) {
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < parameterNames.size(); i++) {
            idx.put(parameterNames.get(i), i);
        }
        return compile(text, idx, Map.of());
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    public String text() {
        return text;
    }

    /** Names of the parameters the expression reads (directly or through definitions). */
    public Set<String> parameters() {
        return parameters;
    }

    public boolean usesVoltage() {
        return usesVoltage;
    }

    /** The value at {@code vMv} with parameter values {@code p} (indexed as at compile time). */
    public double evaluate(double vMv, double[] p) {
        return root.eval(vMv, p);
    }

    /**
     * The value with removable singularities filled in: where the formula gives 0/0 (e.g.
     * x/(1−e^(−x/k)) at x = 0) the mean of the values just either side is returned, which is the limit.
     */
    public double evaluateSafe(double vMv, double[] p) {
        double y = root.eval(vMv, p);
        if (Double.isFinite(y)) {
            return y;
        }
        double h = 1e-6 * Math.max(1, Math.abs(vMv));
        return 0.5 * (root.eval(vMv - h, p) + root.eval(vMv + h, p));
    }

    /** This expression as a function of V alone, with the parameter values copied now. */
    public RateFunction bind(double[] p) {
        double[] copy = p.clone();
        return v -> evaluateSafe(v, copy);
    }

    @Override
    public String toString() {
        return text;
    }

    private static final class Compiler {
        private final String text;
        private final Map<String, Integer> parameterIndex;
        private final Map<String, Expression> definitions;
        final Set<String> parametersUsed = new TreeSet<>();
        boolean usesVoltage;

        Compiler(String text, Map<String, Integer> parameterIndex, Map<String, Expression> definitions) {
            this.text = text;
            this.parameterIndex = parameterIndex;
            this.definitions = definitions;
        }

        Node compile(SyntaxTree t) {
            Object tok = t.token();
            if (tok instanceof Number n) {
                return new Constant(n.doubleValue());
            }
            if (tok instanceof Function) {
                return function(t);
            }
            if (tok instanceof Group g) {
                if (g.getArity() != 1 || !"(".equals(g.getToken())) {
                    throw error("unexpected '" + g.getToken() + "' group");
                }
                return compile(t.child(0));
            }
            if (tok instanceof Variable var) {
                return variable(var.getToken());
            }
            if (tok instanceof Operator op) {
                return operator(op, t);
            }
            throw error("unsupported element '" + tok + "'");
        }

        private Node variable(String name) {
            if (name.equals("V")) {
                usesVoltage = true;
                return (v, p) -> v;
            }
            Expression def = definitions.get(name);
            if (def != null) {
                parametersUsed.addAll(def.parameters());
                usesVoltage |= def.usesVoltage();
                return def.root;
            }
            Integer i = parameterIndex.get(name);
            if (i == null) {
                List<String> known = new ArrayList<>();
                known.add("V");
                known.addAll(new TreeSet<>(definitions.keySet()));
                known.addAll(new TreeSet<>(parameterIndex.keySet()));
                throw error("unknown symbol '" + name + "' (known: " + String.join(", ", known) + ")");
            }
            parametersUsed.add(name);
            int idx = i;
            return (v, p) -> p[idx];
        }

        private Node operator(Operator op, SyntaxTree t) {
            if (op.getArity() == 1) {
                Node a = compile(t.child(0));
                if (sameOp(op, Operators.NEG)) {
                    return fold(t, (v, p) -> -a.eval(v, p));
                }
                if (sameOp(op, Operators.POS)) {
                    return a;
                }
                throw error("unsupported operator '" + op.getToken() + "'");
            }
            if (op.getArity() != 2) {
                throw error("unsupported operator '" + op.getToken() + "'");
            }
            Node a = compile(t.child(0));
            Node b = compile(t.child(1));
            Node n = switch (op.getToken()) {
                case "+" -> (v, p) -> a.eval(v, p) + b.eval(v, p);
                case "-" -> (v, p) -> a.eval(v, p) - b.eval(v, p);
                case "*" -> (v, p) -> a.eval(v, p) * b.eval(v, p);
                case "/" -> (v, p) -> a.eval(v, p) / b.eval(v, p);
                case "^" -> power(a, b);
                default -> throw error("unsupported operator '" + op.getToken() + "'");
            };
            return fold(t, n);
        }

        private static boolean sameOp(Operator a, Operator b) {
            return a.getToken().equals(b.getToken()) && a.getArity() == b.getArity();
        }

        /** Small whole exponents are multiplied out: x^3 is far cheaper than Math.pow. */
        private Node power(Node a, Node b) {
            if (isConstant(b)) {
                double e = b.eval(0, null);
                if (e == 1) {
                    return a;
                }
                if (e == 2) {
                    return (v, p) -> { double x = a.eval(v, p); return x * x; };
                }
                if (e == 3) {
                    return (v, p) -> { double x = a.eval(v, p); return x * x * x; };
                }
                if (e == 4) {
                    return (v, p) -> { double x = a.eval(v, p); x *= x; return x * x; };
                }
            }
            return (v, p) -> Math.pow(a.eval(v, p), b.eval(v, p));
        }

        private Node function(SyntaxTree t) {
            Object nameTok = t.child(0).token();
            if (!(nameTok instanceof Variable fn)) {
                throw error("cannot call '" + nameTok + "'");
            }
            String name = fn.getToken();
            SyntaxTree argGroup = t.child(1);
            int n = argGroup.count();
            List<Node> args = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                args.add(compile(argGroup.child(i)));
            }
            Node node = switch (name) {
                case "exp" -> unary(name, args, Math::exp);
                case "log", "ln" -> unary(name, args, Math::log);
                case "log10" -> unary(name, args, Math::log10);
                case "sqrt" -> unary(name, args, Math::sqrt);
                case "abs" -> unary(name, args, Math::abs);
                case "tanh" -> unary(name, args, Math::tanh);
                case "sinh" -> unary(name, args, Math::sinh);
                case "cosh" -> unary(name, args, Math::cosh);
                case "sin" -> unary(name, args, Math::sin);
                case "cos" -> unary(name, args, Math::cos);
                case "pow" -> { arity(name, args, 2); yield power(args.get(0), args.get(1)); }
                case "min" -> { arity(name, args, 2); Node a = args.get(0); Node b = args.get(1);
                    yield (v, p) -> Math.min(a.eval(v, p), b.eval(v, p)); }
                case "max" -> { arity(name, args, 2); Node a = args.get(0); Node b = args.get(1);
                    yield (v, p) -> Math.max(a.eval(v, p), b.eval(v, p)); }
                default -> throw error("unknown function '" + name + "' (known: exp, log, log10, sqrt, abs, "
                        + "tanh, sinh, cosh, sin, cos, pow, min, max)");
            };
            return fold(t, node);
        }

        private Node unary(String name, List<Node> args, DoubleUnaryOperator f) {
            arity(name, args, 1);
            Node a = args.get(0);
            return (v, p) -> f.applyAsDouble(a.eval(v, p));
        }

        private void arity(String name, List<Node> args, int n) {
            if (args.size() != n) {
                throw error(name + "() takes " + n + " argument" + (n == 1 ? "" : "s") + ", got " + args.size());
            }
        }

        /** Replaces a node whose subtree reads neither V nor parameters by its constant value. */
        private Node fold(SyntaxTree t, Node n) {
            if (isConstantTree(t)) {
                double d = n.eval(0, null);
                return new Constant(d);
            }
            return n;
        }

        private boolean isConstantTree(SyntaxTree t) {
            Object tok = t.token();
            if (tok instanceof Variable var) {
                return false;
            }
            if (tok instanceof Function) {
                return isConstantTree(t.child(1));
            }
            for (SyntaxTree c : t) {
                if (!isConstantTree(c)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isConstant(Node n) {
            return n instanceof Constant;
        }

        private ModelException error(String reason) {
            return new ModelException(reason + " in '" + text + "'");
        }
    }

    private record Constant(double d) implements Node {
        @Override
        public double eval(double v, double[] p) {
            return d;
        }
    }
}
