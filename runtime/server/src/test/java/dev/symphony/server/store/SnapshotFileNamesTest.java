package dev.symphony.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnapshotFileNamesTest {

  @Test
  void plainIdsStayReadable() {
    assertThat(SnapshotFileNames.of("my-room_2.v1")).isEqualTo("my-room_2.v1.ydoc");
  }

  @Test
  void everythingElseIsEscapedIncludingUpperCase() {
    assertThat(SnapshotFileNames.of("Docs/2024 plan")).isEqualTo("%44ocs%2F2024%20plan.ydoc");
    assertThat(SnapshotFileNames.of("été")).isEqualTo("%C3%A9t%C3%A9.ydoc");
  }

  @Test
  void idsDifferingOnlyInCaseGetNamesDifferingInMoreThanCase() {
    String lower = SnapshotFileNames.of("room");
    String upper = SnapshotFileNames.of("ROOM");
    assertThat(lower.toLowerCase()).isNotEqualTo(upper.toLowerCase());
  }

  @Test
  void dotNamesCannotEscapeTheFolder() {
    assertThat(SnapshotFileNames.of("..")).isEqualTo("%2E..ydoc");
    assertThat(SnapshotFileNames.of("../etc/passwd")).doesNotContain("/");
  }

  @Test
  void longIdsAreShortenedWithAHashAndStayDistinct() {
    String base = "\u00e9".repeat(400);
    Set<String> names = new HashSet<>();
    for (String id : List.of(base + "a", base + "b", "x".repeat(512))) {
      String name = SnapshotFileNames.of(id);
      assertThat(name.length()).isLessThanOrEqualTo(180);
      assertThat(name).endsWith(".ydoc").contains("~");
      names.add(name);
    }
    assertThat(names).hasSize(3);
  }
}
