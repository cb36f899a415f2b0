package org.policyreach.cli.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A small tmpfs to put a lakehouse on and fill up (needs the right to mount: root in CI). */
final class DiskTrials {

  private DiskTrials() {}

  /** Why a tmpfs cannot be mounted at {@code mount}, or null when it can. */
  static String unavailable(Path mount) {
    try (SmallDisk disk = mount(mount, 1)) {
      return null;
    } catch (IOException | InterruptedException e) {
      return e.getMessage();
    }
  }

  static SmallDisk mount(Path mount, int megabytes) throws IOException, InterruptedException {
    Files.createDirectories(mount);
    FaultTrials.run(
        List.of(
            "mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", mount.toString()));
    return new SmallDisk(mount);
  }

  /** A mounted tmpfs; closing unmounts it (and so deletes what is on it). */
  static final class SmallDisk implements AutoCloseable {
    private final Path mount;
    private final Path filler;

    SmallDisk(Path mount) {
      this.mount = mount;
      this.filler = mount.resolve("filler");
    }

    /** Allocates a file that leaves {@code bytes} free. */
    void fillLeaving(long bytes) throws IOException, InterruptedException {
      long available = Files.getFileStore(mount).getUsableSpace();
      // fallocate: really allocated blocks (a sparse file would take no space on tmpfs)
      FaultTrials.run(
          List.of("fallocate", "-l", Long.toString(available - bytes), filler.toString()));
    }

    void freeFiller() throws IOException {
      Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
      FaultTrials.run(List.of("umount", mount.toString()));
    }
  }
}
