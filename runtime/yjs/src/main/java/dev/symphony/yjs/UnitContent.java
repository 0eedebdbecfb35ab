package dev.symphony.yjs;

/** Content that is one indivisible unit: it cannot be split, and never merges with a neighbour. */
sealed interface UnitContent extends Content
    permits ContentBinary, ContentEmbed, ContentFormat, ContentType, ContentDoc {

  @Override
  default int length() {
    return 1;
  }

  @Override
  default boolean isCountable() {
    return true;
  }

  @Override
  default Content splice(int offset) {
    throw new IllegalStateException(
        getClass().getSimpleName() + " has length 1 and cannot be split");
  }

  @Override
  default boolean mergeWith(Content right) {
    return false;
  }
}
