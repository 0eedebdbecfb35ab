package dev.symphony.singlenode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CatalogAddressTest {

  @Test
  void postgresAddressesBecomeJdbcUrlsWithCredentialsApart() {
    CatalogAddress address =
        CatalogAddress.parse(
            "postgres://sym:p%40ss@db.internal:6543/rooms?schema=tenant&sslmode=require");
    assertThat(address.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.internal:6543/rooms?sslmode=require");
    assertThat(address.user()).isEqualTo("sym");
    assertThat(address.password()).isEqualTo("p@ss");
    assertThat(address.schema()).isEqualTo("tenant");
    assertThat(address.describe()).doesNotContain("p@ss");
  }

  @Test
  void jdbcUrlsAreAcceptedToo() {
    CatalogAddress address =
        CatalogAddress.parse("jdbc:postgresql://127.0.0.1/test?user=postgres&currentSchema=s1");
    assertThat(address.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1/test");
    assertThat(address.user()).isEqualTo("postgres");
    assertThat(address.schema()).isEqualTo("s1");
  }

  @Test
  void blankOrEmbeddedMeansTheEmbeddedDatabase() {
    assertThat(CatalogAddress.parse(null).embedded()).isTrue();
    assertThat(CatalogAddress.parse(" embedded ").embedded()).isTrue();
  }

  @Test
  void unknownSchemesAreRefusedWithoutShowingThePassword() {
    assertThatThrownBy(() -> CatalogAddress.parse("mysql://u:secret@h/db"))
        .hasMessage(
            "unknown catalog 'mysql://u:***@h/db': expected "
                + "postgres://user:password@host:port/database, jdbc:postgresql://... or embedded");
    assertThatThrownBy(() -> CatalogAddress.parse("postgres://h"))
        .hasMessageContaining("no database");
  }
}
