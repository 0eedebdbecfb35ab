package dev.symphony.yjs;

import java.util.Collections;
import java.util.Set;

/**
 * A change to one shared type, delivered to its observers after the transaction that made it.
 *
 * @param target the type that changed
 * @param keysChanged map keys (or XML attributes) that changed; empty when only list content
 *     changed
 * @param childListChanged whether list content (text, elements, children) changed
 * @param local whether the change came from this document's API rather than a remote update
 * @param origin the origin given to the transaction, or null
 */
public record YEvent(
    AbstractType target,
    Set<String> keysChanged,
    boolean childListChanged,
    boolean local,
    Object origin) {

  public YEvent {
    keysChanged = Collections.unmodifiableSet(keysChanged);
  }
}
