package eu.sovereignmail.archive.retention;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.archive.retention.PurgeProposal.Status;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FourEyesTest {
  private static PurgeProposal proposal(Status status) {
    return new PurgeProposal(7, Optional.of(1L), "retention", status, "mara", Instant.EPOCH, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), 12, 0, 0);
  }

  @Test
  void theProposerCannotApproveHerOwnPurgeWhateverTheCase() {
    assertThatThrownBy(() -> proposal(Status.PENDING).checkApprovableBy("mara"))
        .isInstanceOf(FourEyesException.class).hasMessageContaining("proposal 7").hasMessageContaining("another legal-admin");
    assertThatThrownBy(() -> proposal(Status.PENDING).checkApprovableBy("MARA")).isInstanceOf(FourEyesException.class);
    assertThatThrownBy(() -> proposal(Status.PENDING).checkApprovableBy(" mara ")).isInstanceOf(FourEyesException.class);
  }

  @Test
  void aSecondLegalAdminMayApproveAPendingProposalOnly() {
    assertThatCode(() -> proposal(Status.PENDING).checkApprovableBy("olga")).doesNotThrowAnyException();
    for (Status decided : new Status[] {Status.APPROVED, Status.EXECUTED, Status.REJECTED}) {
      assertThatThrownBy(() -> proposal(decided).checkApprovableBy("olga"))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining(decided.name());
    }
    assertThatThrownBy(() -> proposal(Status.EXECUTED).checkApprovableBy("mara"))
        .as("four eyes is checked first").isInstanceOf(FourEyesException.class);
  }
}
