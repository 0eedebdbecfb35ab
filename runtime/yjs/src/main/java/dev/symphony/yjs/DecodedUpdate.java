package dev.symphony.yjs;

import dev.symphony.yjs.codec.AnyCodec;
import dev.symphony.yjs.codec.Lib0Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An update (format v1) decoded completely before anything is applied, so a malformed update is
 * refused as a whole and leaves the document unchanged.
 */
record DecodedUpdate(Map<Long, List<AbstractStruct>> structs, DeleteSet deleteSet) {

  static DecodedUpdate read(byte[] update) throws YjsDecodingException {
    if (update == null) {
      throw new YjsDecodingException("update is null");
    }
    Lib0Reader in = new Lib0Reader(update);
    try {
      Map<Long, List<AbstractStruct>> structs = readStructs(in);
      DeleteSet deleteSet = DeleteSet.read(in);
      return new DecodedUpdate(structs, deleteSet);
    } catch (IllegalArgumentException e) {
      throw new YjsDecodingException("malformed update: " + e.getMessage(), e);
    }
  }

  private static Map<Long, List<AbstractStruct>> readStructs(Lib0Reader in)
      throws YjsDecodingException {
    int clientCount = in.readCount("client count");
    Map<Long, List<AbstractStruct>> structs = new LinkedHashMap<>();
    for (int c = 0; c < clientCount; c++) {
      int structCount = in.readCount("struct count");
      long client = in.readVarUint();
      long clock = in.readVarUintAsInt("clock");
      if (structs.containsKey(client)) {
        throw new YjsDecodingException("client " + client + " appears twice in one update");
      }
      if (structCount == 0) {
        continue; // Yjs reads such an entry as nothing; so do we
      }
      List<AbstractStruct> list = new ArrayList<>(structCount);
      for (int s = 0; s < structCount; s++) {
        int info = in.readUint8();
        AbstractStruct struct =
            switch (info & 0x1F) {
              case GC.STRUCT_REF -> new GC(client, (int) clock, readLength(in, "GC length"));
              case Skip.STRUCT_REF -> new Skip(client, (int) clock, readLength(in, "skip length"));
              default -> readItem(in, client, (int) clock, info);
            };
        clock += struct.length;
        if (clock > Integer.MAX_VALUE) {
          throw new YjsDecodingException("clock of client " + client + " out of range");
        }
        list.add(struct);
      }
      structs.put(client, list);
    }
    return structs;
  }

  private static int readLength(Lib0Reader in, String what) throws YjsDecodingException {
    int length = in.readVarUintAsInt(what);
    if (length == 0) {
      throw new YjsDecodingException(what + " is zero");
    }
    return length;
  }

  private static ID readId(Lib0Reader in) throws YjsDecodingException {
    long client = in.readVarUint();
    return new ID(client, in.readVarUintAsInt("clock"));
  }

  private static Item readItem(Lib0Reader in, long client, int clock, int info)
      throws YjsDecodingException {
    boolean hasOrigin = (info & Item.BIT_ORIGIN) != 0;
    boolean hasRightOrigin = (info & Item.BIT_RIGHT_ORIGIN) != 0;
    ID origin = hasOrigin ? readId(in) : null;
    ID rightOrigin = hasRightOrigin ? readId(in) : null;
    Object parent = null;
    String parentSub = null;
    if (!hasOrigin && !hasRightOrigin) {
      parent = in.readVarUint() == 1 ? in.readVarString() : readId(in);
      if ((info & Item.BIT_PARENT_SUB) != 0) {
        parentSub = in.readVarString();
      }
    }
    requireEarlier(origin, client, clock, "origin");
    requireEarlier(rightOrigin, client, clock, "right origin");
    if (parent instanceof ID parentId) {
      requireEarlier(parentId, client, clock, "parent");
    }
    Content content = readContent(in, info & 0x1F);
    if (content.length() == 0) {
      throw new YjsDecodingException("item " + client + ":" + clock + " has empty content");
    }
    return new Item(client, clock, null, origin, null, rightOrigin, parent, parentSub, content);
  }

  /** A reference to the same client must point to an earlier clock, or it can never resolve. */
  private static void requireEarlier(ID ref, long client, int clock, String what)
      throws YjsDecodingException {
    if (ref != null && ref.client() == client && ref.clock() >= clock) {
      throw new YjsDecodingException(
          "item " + client + ":" + clock + " has its " + what + " at or after itself");
    }
  }

  private static Content readContent(Lib0Reader in, int ref) throws YjsDecodingException {
    switch (ref) {
      case ContentDeleted.REF:
        return new ContentDeleted(readLength(in, "deleted length"));
      case ContentJson.REF:
        {
          int count = in.readCount("JSON content length");
          List<String> json = new ArrayList<>(count);
          List<Object> values = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            String text = in.readVarString();
            json.add(text);
            values.add(ContentJson.parseElement(text));
          }
          return new ContentJson(json, values);
        }
      case ContentBinary.REF:
        return new ContentBinary(in.readVarUint8Array());
      case ContentString.REF:
        return new ContentString(in.readVarString());
      case ContentEmbed.REF:
        {
          String json = in.readVarString();
          return new ContentEmbed(json, dev.symphony.yjs.codec.Json.parse(json));
        }
      case ContentFormat.REF:
        {
          String key = in.readVarString();
          String json = in.readVarString();
          return new ContentFormat(key, json, dev.symphony.yjs.codec.Json.parse(json));
        }
      case ContentType.REF:
        return new ContentType(readType(in));
      case ContentAny.REF:
        {
          int count = in.readCount("Any content length");
          List<Object> values = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            values.add(AnyCodec.read(in));
          }
          return new ContentAny(values);
        }
      case ContentDoc.REF:
        {
          String guid = in.readVarString();
          return new ContentDoc(guid, AnyCodec.read(in));
        }
      default:
        throw new YjsDecodingException("unknown content kind " + ref);
    }
  }

  private static AbstractType readType(Lib0Reader in) throws YjsDecodingException {
    long typeRef = in.readVarUint();
    return switch ((int) Math.min(typeRef, 99)) {
      case AbstractType.ARRAY_REF -> new YArray();
      case AbstractType.MAP_REF -> new YMap();
      case AbstractType.TEXT_REF -> new YText();
      case AbstractType.XML_ELEMENT_REF -> new YXmlElement(in.readVarString());
      case AbstractType.XML_FRAGMENT_REF -> new YXmlFragment();
      case AbstractType.XML_HOOK_REF -> new YXmlHook(in.readVarString());
      case AbstractType.XML_TEXT_REF -> new YXmlText();
      default -> throw new YjsDecodingException("unknown type kind " + typeRef);
    };
  }
}
