package org.policyreach.pipelines.build;

/**
 * One stage of {@code policyreach build}. Stages run in order in one SparkSession and share the
 * {@link BuildContext} (as-of date, build id, as-of silver, datasets of earlier stages).
 */
public interface BuildStage {

  /** Short stable name used in timings and JSON, e.g. {@code profiles}. */
  String name();

  /** Runs the stage; the output lists the rows written per table and anything worth reporting. */
  StageOutput run(BuildContext context);
}
