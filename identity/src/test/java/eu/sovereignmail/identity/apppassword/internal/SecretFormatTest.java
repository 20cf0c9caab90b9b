package eu.sovereignmail.identity.apppassword.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The secret format: random, easy to type (no look-alikes), forgiving of how people type what they read. */
class SecretFormatTest {

  @Test
  void theAlphabetHas31SymbolsWithoutLookAlikesSoASecretCarriesAbout79Bits() {
    assertThat(SecretFormat.ALPHABET).hasSize(31).doesNotContain("0", "o", "1", "l", "i");
    assertThat(SecretFormat.ALPHABET.chars().distinct().count()).isEqualTo(31);
    assertThat(SecretFormat.LENGTH * Math.log(SecretFormat.ALPHABET.length()) / Math.log(2)).isGreaterThan(79);
  }

  @Test
  void aNewSecretIsSixteenSymbolsShownAsFourGroupsOfFour() {
    String secret = SecretFormat.newSecret();
    assertThat(secret).hasSize(16).matches("[" + SecretFormat.ALPHABET + "]{16}");
    assertThat(SecretFormat.display(secret)).matches("([a-z2-9]{4}-){3}[a-z2-9]{4}")
        .isEqualTo(secret.substring(0, 4) + "-" + secret.substring(4, 8) + "-" + secret.substring(8, 12) + "-"
            + secret.substring(12));
  }

  @Test
  void secretsAndIdsDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(SecretFormat.newSecret())).isTrue();
    }
    String id = SecretFormat.newId();
    assertThat(id).hasSize(SecretFormat.ID_LENGTH);
    assertThat(SecretFormat.isId(id)).isTrue();
    assertThat(SecretFormat.newId()).isNotEqualTo(id);
  }

  @Test
  void whatPeopleTypeIsFoldedToTheCanonicalForm() {
    assertThat(SecretFormat.canonical("k7pq-3mzx-vw2n-d8hc")).contains("k7pq3mzxvw2nd8hc");
    assertThat(SecretFormat.canonical("K7PQ 3MZX VW2N D8HC")).contains("k7pq3mzxvw2nd8hc");
    assertThat(SecretFormat.canonical("k7pq3mzxvw2nd8hc")).contains("k7pq3mzxvw2nd8hc");
    assertThat(SecretFormat.canonical(" k7pq-3mzx-vw2n-d8hc ")).contains("k7pq3mzxvw2nd8hc");
  }

  @Test
  void ordinaryPasswordsAreNotMistakenForAppPasswords() {
    assertThat(SecretFormat.canonical("correct horse battery staple")).isEmpty();
    assertThat(SecretFormat.canonical("k7pq-3mzx-vw2n")).isEmpty();
    assertThat(SecretFormat.canonical("k7pq-3mzx-vw2n-d8hcx")).isEmpty();
    assertThat(SecretFormat.canonical("k7pq-3mzx-vw2n-d8h0")).isEmpty(); // 0 is not in the alphabet
    assertThat(SecretFormat.canonical("k7pq_3mzx_vw2n_d8hc")).isEmpty();
    assertThat(SecretFormat.canonical("")).isEmpty();
    assertThat(SecretFormat.canonical(null)).isEmpty();
  }

  @Test
  void idsAreCheckedBeforeUse() {
    assertThat(SecretFormat.isId("abc")).isFalse();
    assertThat(SecretFormat.isId("abcdefgh1'")).isFalse();
    assertThat(SecretFormat.isId(null)).isFalse();
  }
}
