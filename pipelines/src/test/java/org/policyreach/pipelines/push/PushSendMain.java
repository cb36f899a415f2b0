package org.policyreach.pipelines.push;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.apache.spark.sql.SparkSession;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.PolicyReachConfig;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.ingestion.spark.SparkSessions;
import org.policyreach.pipelines.build.BuildJob;

/**
 * {@code push send} of one campaign in its own JVM, for the kill -9 trial of {@link
 * PushCampaignTest}: prints {@code SENDING} when it starts sending and {@code RESULT <json>} at the
 * end.
 *
 * <p>Arguments: lakehouse, conf folder, campaign id, SMTP {@code host:port}, the clock's instant
 * (epoch milliseconds).
 */
public final class PushSendMain {
  private PushSendMain() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSessions.create("local[2]", false, 2);
    Path conf = Path.of(args[1]);
    PolicyReachConfig config = PolicyReachConfig.load(conf);
    ProgramCatalog catalog =
        ProgramCatalog.load(conf.resolve("programs"), NeedCatalog.load(conf.resolve("needs.yaml")));
    Clock clock = Clock.fixed(Instant.ofEpochMilli(Long.parseLong(args[4])), BuildJob.TOKYO);
    System.out.println("SENDING");
    System.out.flush();
    CampaignSender.SendResult r =
        new CampaignSender(
                spark,
                Lakehouse.at(args[0]),
                config,
                catalog,
                SmtpSettings.resolve(config.push(), args[3]),
                clock)
            .send(args[2]);
    System.out.println("RESULT " + r.toJson());
    System.out.flush();
    spark.stop();
  }
}
