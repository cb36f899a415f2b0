package org.policyreach.pipelines.build;

/** Told when stages start and end (the CLI shows progress with it). */
public interface BuildListener {
  BuildListener NONE = new BuildListener() {};

  default void stageStarted(String stage) {}

  default void stageFinished(BuildResult.StageResult result) {}
}
