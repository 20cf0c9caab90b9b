package eu.sovereignmail.archive.journal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The journal's signed checkpoints: written by policy and on demand, listed for export. Verification is
 * part of {@link Journal#verify()}.
 */
public interface Checkpoints {

  /**
   * Signs and stores a checkpoint of the chain head now; when the head has not moved since the last
   * checkpoint, returns that one. Empty while the chain is empty.
   */
  Optional<Checkpoint> checkpointNow() throws IOException;

  /** The newest {@code limit} checkpoints, newest first. */
  List<Checkpoint> recent(int limit);

  /** The key checkpoints are signed with (export its {@link CheckpointKey#publicKeyPem()} for auditors). */
  CheckpointKey key();
}
