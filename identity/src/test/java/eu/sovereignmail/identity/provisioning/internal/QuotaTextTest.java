package eu.sovereignmail.identity.provisioning.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class QuotaTextTest {
  @Test
  void readsBytesAndBinaryUnits() {
    assertThat(QuotaText.parse("5368709120")).hasValue(5368709120L);
    assertThat(QuotaText.parse("500M")).hasValue(500L << 20);
    assertThat(QuotaText.parse(" 5 GB ")).hasValue(5L << 30);
    assertThat(QuotaText.parse("2gib")).hasValue(2L << 30);
    assertThat(QuotaText.parse("1T")).hasValue(1L << 40);
    assertThat(QuotaText.parse("")).isEqualTo(OptionalLong.empty());
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> QuotaText.parse("lots")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QuotaText.parse("-5")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QuotaText.parse("0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QuotaText.parse("999999999999999T")).isInstanceOf(IllegalArgumentException.class);
  }
}
