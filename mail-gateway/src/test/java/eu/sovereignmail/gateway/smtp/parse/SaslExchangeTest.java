package eu.sovereignmail.gateway.smtp.parse;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.sasl.SaslCredentials;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SaslExchangeTest {
  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static SaslStep oneShot(String mechanism, String message) {
    return SaslExchange.begin(mechanism, Optional.of(b64(message))).current();
  }

  @Test
  void plainWithAndWithoutInitialResponse() {
    assertThat(oneShot("PLAIN", "\0alice@example.eu\0s3cret"))
        .isEqualTo(new SaslStep.Done(new SaslCredentials.Password("", "alice@example.eu", "s3cret")));
    assertThat(oneShot("plain", "admin\0alice\0pw"))
        .isEqualTo(new SaslStep.Done(new SaslCredentials.Password("admin", "alice", "pw")));
    SaslExchange exchange = SaslExchange.begin("PLAIN", Optional.empty());
    assertThat(exchange.current()).isEqualTo(new SaslStep.Challenge(SmtpReply.of(334, null, "")));
    assertThat(exchange.respond(b64("\0bob\0pw"))).isInstanceOf(SaslStep.Done.class);
    assertThat(oneShot("PLAIN", "alice\0pw")).isInstanceOf(SaslStep.Failed.class);
    assertThat(oneShot("PLAIN", "\0\0pw")).isInstanceOf(SaslStep.Failed.class);
  }

  @Test
  void loginTakesTwoSteps() {
    SaslExchange exchange = SaslExchange.begin("LOGIN", Optional.empty());
    assertThat(exchange.current()).isEqualTo(new SaslStep.Challenge(SmtpReply.of(334, null, b64("Username:"))));
    assertThat(exchange.respond(b64("alice"))).isEqualTo(new SaslStep.Challenge(SmtpReply.of(334, null, b64("Password:"))));
    assertThat(exchange.respond(b64("pw"))).isEqualTo(new SaslStep.Done(new SaslCredentials.Password("", "alice", "pw")));
    SaslExchange withInitial = SaslExchange.begin("LOGIN", Optional.of(b64("bob")));
    assertThat(withInitial.current()).isInstanceOf(SaslStep.Challenge.class);
    assertThat(withInitial.respond(b64("pw2"))).isEqualTo(new SaslStep.Done(new SaslCredentials.Password("", "bob", "pw2")));
  }

  @Test
  void xoauth2() {
    assertThat(oneShot("XOAUTH2", "user=alice@example.eu\u0001auth=Bearer ya29.token\u0001\u0001"))
        .isEqualTo(new SaslStep.Done(new SaslCredentials.Bearer("alice@example.eu", "ya29.token")));
    assertThat(oneShot("XOAUTH2", "user=alice\u0001auth=Basic x\u0001\u0001")).isInstanceOf(SaslStep.Failed.class);
    assertThat(oneShot("XOAUTH2", "user=alice\u0001auth=Bearer x")).isInstanceOf(SaslStep.Failed.class);
  }

  @Test
  void oauthBearer() {
    assertThat(oneShot("OAUTHBEARER", "n,a=alice@example.eu,\u0001host=mx\u0001port=587\u0001auth=Bearer tok\u0001\u0001"))
        .isEqualTo(new SaslStep.Done(new SaslCredentials.Bearer("alice@example.eu", "tok")));
    assertThat(oneShot("OAUTHBEARER", "n,,\u0001auth=Bearer tok\u0001\u0001"))
        .isEqualTo(new SaslStep.Done(new SaslCredentials.Bearer("", "tok")));
    assertThat(oneShot("OAUTHBEARER", "n,a=we=2Cird=3D,\u0001auth=Bearer tok\u0001\u0001"))
        .isEqualTo(new SaslStep.Done(new SaslCredentials.Bearer("we,ird=", "tok")));
    assertThat(oneShot("OAUTHBEARER", "p=tls-unique,,\u0001auth=Bearer tok\u0001\u0001")).isInstanceOf(SaslStep.Failed.class);
    assertThat(oneShot("OAUTHBEARER", "n,a=x=y,\u0001auth=Bearer tok\u0001\u0001")).isInstanceOf(SaslStep.Failed.class);
    assertThat(oneShot("OAUTHBEARER", "n,,\u0001host=mx\u0001\u0001")).isInstanceOf(SaslStep.Failed.class);
  }

  @Test
  void base64ErrorsCancelAndUnknownMechanisms() {
    assertThat(SaslExchange.begin("PLAIN", Optional.of("%%%")).current()).isEqualTo(new SaslStep.Failed(SmtpReply.INVALID_BASE64));
    assertThat(SmtpReply.INVALID_BASE64.code()).isEqualTo(501);
    assertThat(SmtpReply.INVALID_BASE64.enhanced()).isEqualTo("5.5.2");
    SaslExchange exchange = SaslExchange.begin("LOGIN", Optional.empty());
    assertThat(exchange.respond("*")).isEqualTo(new SaslStep.Failed(SmtpReply.AUTH_CANCELLED));
    assertThat(SaslExchange.begin("CRAM-MD5", Optional.empty()).current()).isEqualTo(new SaslStep.Failed(SmtpReply.AUTH_MECHANISM_UNSUPPORTED));
    assertThat(SaslExchange.begin("PLAIN", Optional.of("=")).current()).isInstanceOf(SaslStep.Failed.class);
  }

  @Test
  void credentialsNeverPrintTheirSecret() {
    assertThat(new SaslCredentials.Password("", "alice", "s3cret").toString()).doesNotContain("s3cret");
    assertThat(new SaslCredentials.Bearer("alice", "tok123").toString()).doesNotContain("tok123");
  }
}
