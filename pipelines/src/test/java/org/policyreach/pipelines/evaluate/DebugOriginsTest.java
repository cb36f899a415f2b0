package org.policyreach.pipelines.evaluate;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.policyreach.pipelines.recommend.GeneratedLakehouse;

class DebugOriginsTest {
  @Test
  void origins() {
    GeneratedLakehouse data = GeneratedLakehouse.shared();
    data.build();
    for (int i = 0; i <= 3; i++) {
      LocalDate t = GeneratedLakehouse.DATA_DATE.minusDays(180 + 91L * i);
      EvaluationResult r =
          new EvaluateJob(data.spark(), data.lakehouse(), data.conf(), GeneratedLakehouse.CLOCK)
              .run(t);
      System.out.println("ORIGIN " + r.toJson());
    }
  }
}
