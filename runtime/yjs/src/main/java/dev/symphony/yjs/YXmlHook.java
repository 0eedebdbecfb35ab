package dev.symphony.yjs;

import dev.symphony.yjs.codec.Lib0Writer;

/** A map with a hook name, for custom XML node kinds that an editor renders itself. */
public final class YXmlHook extends YMap {
  private final String hookName;

  public YXmlHook(String hookName) {
    this.hookName = hookName;
  }

  public String hookName() {
    return hookName;
  }

  @Override
  int typeRef() {
    return XML_HOOK_REF;
  }

  @Override
  void writeTypeRef(Lib0Writer out) {
    out.writeVarUint(XML_HOOK_REF);
    out.writeVarString(hookName);
  }

  /**
   * Yjs gives hooks no XML form; inside a fragment they print as a plain JavaScript object does.
   */
  @Override
  public String toString() {
    return "[object Object]";
  }
}
