package eu.sovereignmail.gateway.up;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Where one part's database is and how to log in to it; also answers the health check. */
record Database(String jdbcUrl, String user, String password) {
  void check() throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
      if (!connection.isValid(2)) {
        throw new SQLException("connection not valid");
      }
    }
  }

  @Override
  public String toString() {
    return "Database[" + jdbcUrl + ", user=" + user + "]";
  }
}
