package app.octokube.protocol;

import app.octokube.protocol.DecodeError.Kind;
import app.octokube.protocol.client.ErrorCode;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns whatever decoding threw into a {@link DecodeError}. Jackson's own messages are never
 * passed on: they name Java classes and may quote the input at length. Each error is rewritten
 * from the exception's type, its path into the message ({@code clusters[0].epoch}), and, for a
 * constraint a constructor refused, the constructor's message, which {@link Fields} keeps short
 * and free of input.
 */
final class DecodeFailures {
  /** The form of a field name in a constructor's {@code requireNonNull(value, "name")}. */
  private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

  private static final String PROTOCOL_PACKAGE = "app.octokube.protocol.";

  private DecodeFailures() {}

  static DecodeError describe(Throwable failure, FrameLimits limits, String expectedOps) {
    StreamConstraintsException constraint = find(failure, StreamConstraintsException.class);
    if (constraint != null || failure instanceof StackOverflowError) {
      return tooDeepOrLong(constraint, limits);
    }
    // A parser error wins over what databind made of it: a frame cut inside a field's value is
    // truncated, not an invalid field, even though databind reports it with the field's path.
    StreamReadException parse = find(failure, StreamReadException.class);
    if (parse != null && !(parse instanceof InputCoercionException)) {
      return malformed(parse);
    }
    if (failure instanceof InvalidTypeIdException unknownType) {
      return unknownOp(unknownType.getTypeId(), expectedOps);
    }
    if (failure instanceof JsonMappingException mapping) {
      return mappingFailure(mapping);
    }
    if (parse != null) {
      return new DecodeError(Kind.INVALID_FIELD, "a number is out of range");
    }
    if (failure instanceof IllegalArgumentException || failure instanceof NullPointerException) {
      return refusedByConstructor(failure, "");
    }
    return new DecodeError(Kind.MALFORMED, "the frame could not be decoded");
  }

  private static DecodeError malformed(StreamReadException parse) {
    if (parse instanceof JsonEOFException) {
      return new DecodeError(Kind.MALFORMED, "the frame ends before its JSON object does");
    }
    String what = String.valueOf(parse.getOriginalMessage()).startsWith("Duplicate field")
        ? "a field appears twice in one object"
        : "not valid JSON";
    return new DecodeError(Kind.MALFORMED, what + at(parse.getLocation()));
  }

  private static DecodeError tooDeepOrLong(
      StreamConstraintsException constraint, FrameLimits limits) {
    String what = constraint == null ? "" : String.valueOf(constraint.getMessage());
    if (constraint == null || what.contains("nesting depth")) {
      return new DecodeError(
          Kind.TOO_LARGE, "the frame nests deeper than " + limits.maxDepth() + " levels");
    }
    return new DecodeError(Kind.TOO_LARGE, "a value in the frame is too long");
  }

  private static DecodeError unknownOp(String op, String expectedOps) {
    if (op == null) {
      return new DecodeError(
          Kind.MISSING_FIELD, "missing field 'op' (a string: one of " + expectedOps + ")");
    }
    return new DecodeError(
        Kind.UNKNOWN_OP,
        "unknown op " + WireText.quote(op) + " (expected one of " + expectedOps + ")");
  }

  private static DecodeError mappingFailure(JsonMappingException mapping) {
    String path = pathOf(mapping.getPath());
    Throwable cause = mapping.getCause();
    if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
      return refusedByConstructor(cause, path);
    }
    if (mapping instanceof MismatchedInputException mismatch && !path.isEmpty()) {
      return new DecodeError(
          Kind.INVALID_FIELD,
          "field " + WireText.quote(path) + " must be " + describe(mismatch.getTargetType()));
    }
    return new DecodeError(
        Kind.INVALID_FIELD,
        path.isEmpty()
            ? "the frame does not have the fields of its op"
            : "field " + WireText.quote(path) + " is not valid");
  }

  /**
   * A constructor said no: a null for a required field, named in the exception's message, or a
   * broken rule, described by it.
   */
  private static DecodeError refusedByConstructor(Throwable refusal, String path) {
    String message = refusal.getMessage();
    if (refusal instanceof NullPointerException) {
      if (message != null && FIELD_NAME.matcher(message).matches()) {
        String field = path.isEmpty() ? message : path + "." + message;
        return new DecodeError(Kind.MISSING_FIELD, "missing field " + WireText.quote(field));
      }
      return new DecodeError(
          Kind.MISSING_FIELD,
          "a required field is missing" + (path.isEmpty() ? "" : " in " + WireText.quote(path)));
    }
    String rule =
        message != null && thrownByProtocol(refusal) ? message : "a rule of the message is broken";
    return new DecodeError(
        Kind.INVALID_FIELD,
        path.isEmpty()
            ? "invalid message: " + rule
            : "invalid field " + WireText.quote(path) + ": " + rule);
  }

  /**
   * Whether the exception was thrown by this module's own checks, whose messages are written to
   * be shown to a peer. A message from anywhere else might name a class or quote input.
   */
  private static boolean thrownByProtocol(Throwable refusal) {
    StackTraceElement[] trace = refusal.getStackTrace();
    return trace.length > 0 && trace[0].getClassName().startsWith(PROTOCOL_PACKAGE);
  }

  /** A path into the message as a reader writes it: {@code changes[3].key}. */
  private static String pathOf(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** What a JSON value must look like to fill a field of the given Java type. */
  private static String describe(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type == Version.class) {
      return "a non-negative integer";
    }
    if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
      return "an integer";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class
        || type == ClusterId.class
        || type == ResourceName.class
        || type == ObjectKey.class
        || type == Epoch.class) {
      return "a string";
    }
    if (type.isEnum()) {
      return "one of " + wireNames(type);
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "an object of strings";
    }
    return "an object";
  }

  /** An enum's constants as the wire spells them ({@code @JsonProperty} or {@code @JsonValue}). */
  private static String wireNames(Class<?> enumType) {
    StringBuilder names = new StringBuilder();
    for (Object constant : enumType.getEnumConstants()) {
      if (names.length() > 0) {
        names.append(", ");
      }
      names.append(wireName((Enum<?>) constant));
    }
    return names.toString();
  }

  private static String wireName(Enum<?> constant) {
    if (constant instanceof ErrorCode code) {
      return code.wireName();
    }
    try {
      JsonProperty property =
          constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
      return property != null ? property.value() : constant.name();
    } catch (NoSuchFieldException e) {
      // Unreachable: every enum constant is a public field of its class.
      return constant.name();
    }
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static <E extends Throwable> E find(Throwable failure, Class<E> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
