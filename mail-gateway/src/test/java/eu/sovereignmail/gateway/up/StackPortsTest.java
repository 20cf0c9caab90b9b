package eu.sovereignmail.gateway.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class StackPortsTest {
  @Test
  void defaultsAreTheDesignPortsAndEachNamesItsFlag() {
    assertThat(StackPorts.DEFAULTS.bindings(true))
        .extracting(StackPorts.Binding::port)
        .containsExactly(13306, 8180, 9000, 10025, 10024, 10143, 18000, 2525, 2587, 2465, 2143, 2993, 8080);
    assertThat(StackPorts.DEFAULTS.bindings(false)).noneMatch(b -> b.port() == 13306);
    assertThat(StackPorts.DEFAULTS.bindings(true)).allMatch(b -> b.flag().startsWith("--"));
  }

  @Test
  void portInUseMessageIsOneLineNamingPortAndFlag() {
    var binding = new StackPorts.Binding(8180, "Keycloak HTTP", "--keycloak-port");
    String message = new PortInUseException(InetAddress.getLoopbackAddress(), binding).getMessage();
    assertThat(message).contains("8180").contains("--keycloak-port").contains("127.0.0.1").doesNotContain("\n");
  }
}
