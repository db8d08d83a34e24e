package app.octokube.protocol;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;
import static com.fasterxml.jackson.annotation.JsonInclude.Include.USE_DEFAULTS;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The one Jackson configuration of the wire format. Every choice here is part of the contract in
 * docs/protocol.md:
 *
 * <ul>
 *   <li>null fields are omitted, and map entries (labels) are written sorted by key, so equal
 *       messages encode to equal bytes;
 *   <li>text is written as UTF-8, characters outside the Basic Multilingual Plane included (as
 *       their four bytes, not as an escaped surrogate pair), so an object copied into a
 *       {@link RawJson} keeps the bytes its producer wrote;
 *   <li>unknown properties are ignored, so an older peer reads a newer one's messages; an
 *       unknown {@code op} is still refused, by the type id lookup;
 *   <li>no scalar is coerced: {@code "42"} is not a version, {@code 42} is not a string,
 *       {@code 1.5} is not an integer, {@code "true"} is not a boolean.
 * </ul>
 */
final class WireMapper {
  private WireMapper() {}

  static ObjectMapper create() {
    return JsonMapper.builder()
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
        .defaultPropertyInclusion(JsonInclude.Value.construct(NON_NULL, USE_DEFAULTS))
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .withCoercionConfig(
            LogicalType.Textual,
            config ->
                config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .build();
  }
}
