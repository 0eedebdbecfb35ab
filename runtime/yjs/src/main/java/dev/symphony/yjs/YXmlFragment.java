package dev.symphony.yjs;

import java.util.ArrayList;
import java.util.List;

/** A shared list of XML nodes ({@link YXmlElement}, {@link YXmlText}, {@link YXmlHook}). */
public class YXmlFragment extends AbstractType {
  private List<AbstractType> prelim = new ArrayList<>();

  public YXmlFragment() {}

  @Override
  int typeRef() {
    return XML_FRAGMENT_REF;
  }

  @Override
  void integrate(YDoc doc, Item item) {
    super.integrate(doc, item);
    List<AbstractType> content = prelim;
    prelim = null;
    if (!content.isEmpty()) {
      ListOps.insert(doc.currentTransaction(), this, 0, content);
    }
  }

  public int length() {
    return prelim != null ? prelim.size() : length;
  }

  /** Inserts XML nodes (new, not yet part of a document) at {@code index}. */
  public void insert(int index, List<? extends AbstractType> nodes) {
    for (AbstractType node : nodes) {
      if (!(node instanceof YXmlElement || node instanceof YXmlText || node instanceof YXmlHook)) {
        throw new IllegalArgumentException(
            "XML children must be YXmlElement, YXmlText or YXmlHook");
      }
    }
    if (prelim != null) {
      prelim.addAll(index, nodes);
      return;
    }
    transact(t -> ListOps.insert(t, this, index, nodes));
  }

  public void delete(int index, int count) {
    if (prelim != null) {
      prelim.subList(index, index + count).clear();
      return;
    }
    transact(t -> ListOps.delete(t, this, index, count));
  }

  public AbstractType get(int index) {
    return prelim != null ? prelim.get(index) : (AbstractType) ListOps.get(this, index);
  }

  List<?> children() {
    return prelim != null ? prelim : listValues();
  }

  /** The XML serialisation of the children, as Yjs's toString(). */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Object child : children()) {
      out.append(JsString.of(child));
    }
    return out.toString();
  }

  @Override
  Object toJsonValue() {
    return toString();
  }
}
