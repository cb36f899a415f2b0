package org.policyreach.pipelines.recommend;

import java.net.URI;
import java.nio.file.Path;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.models.registry.ModelRegistry;
import org.policyreach.pipelines.PipelineException;

/** Where the lakehouse keeps its models: {@code <lakehouse>/_models} (a local directory). */
public final class ModelStore {
  public static final String DIRECTORY = "_models";

  private ModelStore() {}

  public static ModelRegistry registry(Lakehouse lakehouse) {
    return new ModelRegistry(root(lakehouse));
  }

  static Path root(Lakehouse lakehouse) {
    String root = lakehouse.root();
    if (root.startsWith("file:")) {
      return Path.of(URI.create(root)).resolve(DIRECTORY);
    }
    if (root.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !root.matches("^[a-zA-Z]:.*")) {
      throw PipelineException.badInput(
          "Cannot keep models under "
              + root
              + "/"
              + DIRECTORY
              + ": the model registry needs a local lakehouse path (the registry writes plain"
              + " files); run the build with a local --lakehouse or mount the store locally");
    }
    return Path.of(root).resolve(DIRECTORY);
  }
}
