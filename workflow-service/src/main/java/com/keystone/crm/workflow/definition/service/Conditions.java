package com.keystone.crm.workflow.definition.service;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Branch conditions and trigger filters in CEL (Google's Common Expression Language, {@code dev.cel:cel}): a safe,
 * side-effect-free language with no loops or I/O. Expressions are compiled and type-checked against the lead's
 * variables when a draft is saved (an unknown variable, a type error or a non-bool result is a 422 naming the
 * field), and compiled programs are cached for evaluation.
 * <p>
 * Variables: {@code status, source, tier, lastActivityType, assignedAgentId} (string; "" when unknown),
 * {@code tags} (list of string), {@code score} (double; 0 when unscored), {@code scored, replied} (bool),
 * {@code consent} (map of channel to bool; absent = unknown), {@code fields} (map of the lead's other fields:
 * firstName, lastName, type, timeframe, budgetMin, budgetMax, preferredAreas), {@code daysSinceLastActivity}
 * (int; -1 without activity), {@code daysSinceCreated} (int; days since lead-service created the lead, -1 unknown).
 */
@ApplicationScoped
public class Conditions {
    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .build();

    private final CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .addVar("status", SimpleType.STRING)
            .addVar("source", SimpleType.STRING)
            .addVar("tier", SimpleType.STRING)
            .addVar("lastActivityType", SimpleType.STRING)
            .addVar("assignedAgentId", SimpleType.STRING)
            .addVar("tags", ListType.create(SimpleType.STRING))
            .addVar("score", SimpleType.DOUBLE)
            .addVar("scored", SimpleType.BOOL)
            .addVar("replied", SimpleType.BOOL)
            .addVar("consent", MapType.create(SimpleType.STRING, SimpleType.BOOL))
            .addVar("fields", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("daysSinceLastActivity", SimpleType.INT)
            .addVar("daysSinceCreated", SimpleType.INT)
            .setResultType(SimpleType.BOOL)
            .build();
    private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();
    private final Cache<String, CelRuntime.Program> programs = CacheBuilder.newBuilder().maximumSize(10_000).build();

    /** The compile or type error of an expression, or empty when it is a valid bool condition. */
    public Optional<String> check(String expression) {
        try {
            compiler.compile(expression).getAst();
            return Optional.empty();
        } catch (CelValidationException e) {
            return Optional.of(firstLine(e.getMessage()));
        }
    }

    /**
     * Evaluates a (checked) condition over the lead's variables. An evaluation error (e.g. a missing map key) is
     * false: a condition that cannot be decided does not hold.
     */
    public boolean holds(String expression, Map<String, Object> variables) {
        try {
            Object result = program(expression).eval(variables);
            return Boolean.TRUE.equals(result);
        } catch (CelEvaluationException e) {
            return false;
        }
    }

    private CelRuntime.Program program(String expression) {
        try {
            return programs.get(expression, () -> {
                CelAbstractSyntaxTree ast = compiler.compile(expression).getAst();
                return runtime.createProgram(ast);
            });
        } catch (ExecutionException e) {
            throw new IllegalStateException("condition did not compile: " + expression, e.getCause());
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "is not a valid condition";
        }
        // CEL reports "ERROR: <input>:1:5: undeclared reference to 'x' ..." followed by a caret diagram
        String line = message.lines().filter(l -> l.contains("ERROR")).findFirst().orElse(message.lines().findFirst().orElse(message));
        int at = line.indexOf("ERROR: ");
        return at >= 0 ? line.substring(at + 7).replace("<input>:", "at ") : line;
    }
}
