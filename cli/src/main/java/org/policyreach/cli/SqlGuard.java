package org.policyreach.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.QueryPlan;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ParsedStatement;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What {@code policyreach sql} lets a statement do, decided on the statement's parsed logical plan
 * (Spark's own parser, Delta's extensions included), never on its text.
 *
 * <ul>
 *   <li>Read-only unless {@code --write}: a query (SELECT, WITH … SELECT, VALUES, TABLE t) whose
 *       plan holds no command or statement node anywhere (CTEs and subqueries included), or a
 *       {@code SHOW …}, {@code DESCRIBE …} or {@code EXPLAIN …} command.
 *   <li>No reference to the {@code bronze} schema (the only layer with personal data) unless {@code
 *       --allow-bronze}: every table, view or namespace the plan names is checked, and so is a
 *       path-based table ({@code delta.`…/bronze/…`}).
 * </ul>
 */
final class SqlGuard {

  /** Why a statement is refused, with what to do: the message printed to the user. */
  record Refusal(String reason) {}

  private SqlGuard() {}

  /**
   * Parses {@code sql} with the session's parser.
   *
   * @throws BadInputException when it does not parse
   */
  static LogicalPlan parse(SparkSession spark, String sql) {
    try {
      return spark.sessionState().sqlParser().parsePlan(sql);
    } catch (ParseException e) {
      throw new BadInputException(
          "Cannot parse the SQL \"" + abbreviate(sql) + "\": " + e.getMessage());
    }
  }

  /** The refusal for {@code plan} under these flags, or empty when it may run. */
  static Optional<Refusal> check(LogicalPlan plan, boolean write, boolean allowBronze) {
    List<LogicalPlan> nodes = nodes(plan);
    if (!allowBronze) {
      for (LogicalPlan node : nodes) {
        for (List<String> name : names(node)) {
          if (isBronze(name)) {
            return Optional.of(
                new Refusal(
                    "the statement reads "
                        + String.join(".", name)
                        + ": the bronze layer holds personal data (names, phone numbers, e-mail"
                        + " addresses) and is refused unless you add --allow-bronze; query"
                        + " silver.* instead, where contacts are masked"));
          }
        }
      }
    }
    if (!write && !isReadOnly(plan, nodes)) {
      String what =
          plan instanceof Command || plan instanceof ParsedStatement
              ? plan.getClass().getSimpleName()
              : nodes.stream()
                  .filter(n -> !isQueryNode(n))
                  .map(n -> n.getClass().getSimpleName())
                  .findFirst()
                  .orElse(plan.getClass().getSimpleName());
      return Optional.of(
          new Refusal(
              "the statement is (or holds) a "
                  + what
                  + ", which can change the lakehouse; without --write only SELECT, WITH … SELECT,"
                  + " SHOW, DESCRIBE and EXPLAIN run. Add --write if you mean to change data"
                  + " (the statement is recorded in the audit log either way)"));
    }
    return Optional.empty();
  }

  /** Whether the plan only reads: a query, or a SHOW / DESCRIBE / EXPLAIN command. */
  static boolean isReadOnly(LogicalPlan plan, List<LogicalPlan> nodes) {
    String type = plan.getClass().getSimpleName();
    if (plan instanceof Command) {
      if (type.equals("ExplainCommand")) {
        return true; // EXPLAIN never runs its statement
      }
      if (!(type.startsWith("Show") || type.startsWith("Describe"))) {
        return false;
      }
      // DESCRIBE QUERY <query>: the query must be a query as well
      return nodes.stream().skip(1).allMatch(SqlGuard::isQueryNode);
    }
    return nodes.stream().allMatch(SqlGuard::isQueryNode);
  }

  /**
   * The parsed-plan nodes of a query, and the table and namespace references SHOW and DESCRIBE
   * take. An allow-list: a node not named here (INSERT OVERWRITE DIRECTORY's InsertIntoDir, CALL,
   * EXECUTE IMMEDIATE, SELECT TRANSFORM … USING 'a shell command', whatever a later Spark adds)
   * needs --write.
   */
  private static final Set<String> QUERY_NODES =
      Set.of(
          "Project",
          "Filter",
          "Aggregate",
          "Join",
          "LateralJoin",
          "Union",
          "Intersect",
          "Except",
          "Distinct",
          "Deduplicate",
          "Sort",
          "GlobalLimit",
          "LocalLimit",
          "Offset",
          "Tail",
          "SubqueryAlias",
          "UnresolvedRelation",
          "RelationTimeTravel",
          "UnresolvedWith",
          "WithCTE",
          "CTERelationDef",
          "CTERelationRef",
          "Window",
          "WithWindowDefinition",
          "UnresolvedHaving",
          "Generate",
          "Expand",
          "Pivot",
          "Unpivot",
          "Sample",
          "Repartition",
          "RepartitionByExpression",
          "RebalancePartitions",
          "OneRowRelation",
          "LocalRelation",
          "Range",
          "UnresolvedInlineTable",
          "UnresolvedTableValuedFunction",
          "UnresolvedTVFAliases",
          "UnresolvedHint",
          "UnresolvedSubqueryColumnAliases",
          "PlanWithUnresolvedIdentifier",
          "UnresolvedNamespace",
          "UnresolvedTableOrView",
          "UnresolvedTable",
          "UnresolvedView",
          "UnresolvedFunctionName",
          "UnresolvedIdentifier",
          "CurrentNamespace");

  private static boolean isQueryNode(LogicalPlan node) {
    return !(node instanceof Command)
        && !(node instanceof ParsedStatement)
        && QUERY_NODES.contains(node.getClass().getSimpleName());
  }

  /** Every node of the plan: children, inner children (CTE definitions) and subqueries. */
  static List<LogicalPlan> nodes(LogicalPlan plan) {
    List<LogicalPlan> all = new ArrayList<>();
    Deque<LogicalPlan> todo = new ArrayDeque<>();
    todo.push(plan);
    while (!todo.isEmpty()) {
      LogicalPlan p = todo.pop();
      all.add(p);
      CollectionConverters.asJava(p.children()).forEach(todo::push);
      for (QueryPlan<?> inner : CollectionConverters.asJava(p.innerChildren())) {
        if (inner instanceof LogicalPlan lp) {
          todo.push(lp);
        }
      }
      CollectionConverters.asJava(p.subqueries()).forEach(todo::push);
    }
    return all;
  }

  /** The multi-part names a node refers to (relations, tables, views, namespaces). */
  private static List<List<String>> names(LogicalPlan node) {
    List<List<String>> names = new ArrayList<>();
    for (String accessor : List.of("multipartIdentifier", "nameParts", "namespace")) {
      try {
        Object v = node.getClass().getMethod(accessor).invoke(node);
        if (v instanceof scala.collection.Seq<?> seq) {
          List<String> parts = new ArrayList<>();
          for (Object o : CollectionConverters.asJava(seq)) {
            parts.add(String.valueOf(o));
          }
          names.add(parts);
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        // the node has no such name
      }
    }
    return names;
  }

  /** {@code bronze.x}, {@code spark_catalog.bronze.x}, {@code bronze}, or a path into bronze. */
  static boolean isBronze(List<String> name) {
    for (int i = 0; i < name.size(); i++) {
      String part = name.get(i).toLowerCase(Locale.ROOT);
      boolean schemaPosition = i == name.size() - 2 || name.size() == 1;
      if (schemaPosition && part.equals("bronze")) {
        return true;
      }
      String path = part.replace('\\', '/');
      if (path.contains("/bronze/") || path.endsWith("/bronze")) {
        return true;
      }
    }
    return false;
  }

  static String abbreviate(String sql) {
    String oneLine = sql.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
  }
}
