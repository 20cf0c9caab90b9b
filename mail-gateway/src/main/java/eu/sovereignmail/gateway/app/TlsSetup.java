package eu.sovereignmail.gateway.app;

import eu.sovereignmail.gateway.config.GatewayConfig;
import eu.sovereignmail.gateway.tls.ServerTls;
import eu.sovereignmail.gateway.tls.CertificateReloader;
import eu.sovereignmail.gateway.tls.KeyMaterial;
import eu.sovereignmail.gateway.tls.PemKeyMaterial;
import eu.sovereignmail.gateway.tls.Pkcs12KeyMaterial;
import eu.sovereignmail.gateway.tls.SelfSignedCertificate;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;

/** Picks the front doors' key material from the configuration (operator's files, or a self-signed one) and keeps it fresh. */
final class TlsSetup {
  private TlsSetup() {}

  /** The TLS of the SMTP doors, reloaded whenever the files change; the reloader is stopped by {@code shutdown}. */
  static ServerTls start(GatewayConfig config, Shutdown shutdown) throws IOException, GeneralSecurityException {
    GatewayConfig.Tls tls = config.tls();
    KeyMaterial material;
    if (tls.keystore() != null) {
      material = tls.keystorePasswordFile() == null ? Pkcs12KeyMaterial.at(tls.keystore())
          : new Pkcs12KeyMaterial(tls.keystore(), tls.keystorePasswordFile());
    } else if (tls.certificate() != null) {
      material = new PemKeyMaterial(tls.certificate(), tls.privateKey());
    } else {
      material = SelfSignedCertificate.ensure(config.dataDir().resolve("tls").resolve("self-signed.p12"),
          List.of(config.hostname(), "localhost"));
    }
    CertificateReloader reloader = new CertificateReloader(material, tls.reloadInterval());
    ServerTls smtpTls = new ServerTls(reloader.start());
    reloader.addConsumer(smtpTls::replace);
    shutdown.register("tls-reloader", reloader::close);
    return smtpTls;
  }
}
