package org.policyreach.pipelines.publish;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.policyreach.pipelines.build.BuildContext;
import org.policyreach.pipelines.build.BuildJob;
import org.policyreach.pipelines.build.BuildStage;
import org.policyreach.pipelines.build.StageOutput;

/**
 * The last stage of {@code policyreach build}: publishes the build's gold tables ({@link
 * Publisher}).
 */
public final class PublishStage implements BuildStage {
  public static final String NAME = "publish";

  private final Clock clock;

  public PublishStage() {
    this(Clock.system(BuildJob.TOKYO));
  }

  public PublishStage(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StageOutput run(BuildContext ctx) {
    Publication p =
        new Publisher(ctx.spark(), ctx.lakehouse(), clock).publish(ctx.buildId(), ctx.asOf());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("publication_id", p.publicationId());
    details.put("created_at", p.createdAt().toString());
    details.put("tables", p.tables());
    return new StageOutput(Map.of(Publisher.SCHEMA_NAME + "." + Publisher.TABLE, 1L), details);
  }
}
