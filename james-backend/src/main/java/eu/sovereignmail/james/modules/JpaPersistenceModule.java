package eu.sovereignmail.james.modules;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import java.io.FileNotFoundException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.jpa.healthcheck.JPAHealthCheck;
import org.apache.james.utils.PropertiesProvider;

/**
 * The one OpenJPA persistence unit ({@code Global}, see META-INF/persistence.xml) shared by mailboxes and
 * server data, connected to the database named in {@code conf/james-database.properties}.
 * Replaces upstream's JPAEntityManagerModule (in the unpublished james-server-jpa-common-guice).
 */
public final class JpaPersistenceModule extends AbstractModule {
  static final String PERSISTENCE_UNIT = "Global";
  private static final String FILE = "james-database";

  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().to(JPAHealthCheck.class);
  }

  @Provides
  @Singleton
  EntityManagerFactory entityManagerFactory(PropertiesProvider properties)
      throws FileNotFoundException, ConfigurationException {
    Configuration file = properties.getConfiguration(FILE);
    Map<String, String> openJpa = new HashMap<>();
    openJpa.put("openjpa.ConnectionDriverName", required(file, "database.driverClassName"));
    openJpa.put("openjpa.ConnectionURL", required(file, "database.url"));
    openJpa.put("openjpa.ConnectionUserName", required(file, "database.username"));
    openJpa.put("openjpa.ConnectionPassword", file.getString("database.password", ""));
    openJpa.put("openjpa.Multithreaded", "true");
    // Every other openjpa.* key of the file goes to OpenJPA as it is (e.g. openjpa.ConnectionProperties).
    for (Iterator<String> keys = file.getKeys("openjpa"); keys.hasNext(); ) {
      String key = keys.next();
      openJpa.put(key, file.getString(key));
    }
    return Persistence.createEntityManagerFactory(PERSISTENCE_UNIT, openJpa);
  }

  private static String required(Configuration file, String key) throws ConfigurationException {
    String value = file.getString(key, null);
    if (value == null || value.isBlank()) {
      throw new ConfigurationException(FILE + ".properties: missing key " + key);
    }
    return value;
  }
}
