package eu.sovereignmail.archive.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CaseInputTest {
  @Test
  void custodianAddressesAreOneAddressKeptInLowerCase() {
    assertThat(JdbcCases.custodianAddress("  Alice@Example.EU ")).isEqualTo("alice@example.eu");
    for (String bad : new String[] {null, "", "alice", "alice@", "@example.eu", "a b@example.eu",
        "Alice <alice@example.eu>", "a@example.eu,b@example.eu", "x".repeat(320) + "@example.eu"}) {
      assertThatThrownBy(() -> JdbcCases.custodianAddress(bad)).as(String.valueOf(bad))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("address");
    }
  }

  @Test
  void namesAreOneLineAndBounded() {
    assertThat(JdbcCases.caseName("  Tender 2025 ")).isEqualTo("Tender 2025");
    assertThatThrownBy(() -> JdbcCases.caseName(" ")).hasMessageContaining("name");
    assertThatThrownBy(() -> JdbcCases.caseName("a\nb")).hasMessageContaining("one line");
    assertThatThrownBy(() -> JdbcCases.caseName("x".repeat(201))).hasMessageContaining("200");
  }

  @Test
  void textsAndUsernames() {
    assertThat(JdbcCases.text("description", null, false)).isEmpty();
    assertThatThrownBy(() -> JdbcCases.text("note", "  ", true)).hasMessage("note must not be empty");
    assertThatThrownBy(() -> JdbcCases.text("note", "x".repeat(10_001), true)).hasMessageContaining("10000");
    assertThat(JdbcCases.username(" Lea ")).isEqualTo("lea");
    assertThatThrownBy(() -> JdbcCases.username("lea tom")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JdbcCases.username("")).isInstanceOf(IllegalArgumentException.class);
  }
}
