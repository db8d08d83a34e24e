package app.octokube.backend.rbac;

import app.octokube.backend.rbac.LabelSelector.Operator;
import app.octokube.backend.rbac.LabelSelector.Requirement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the text form of a {@link LabelSelector}, left to right with one character of lookahead.
 * Spaces between tokens are ignored; a word is a run of characters that are neither spaces nor one
 * of {@code ! = , ( ) < >}, as in Kubernetes' own lexer, so {@code in} and {@code notin} are words
 * that mean an operator only where one is expected.
 */
final class SelectorParser {
  private static final String SPECIALS = "!=,()<>";

  private final String text;
  private int position;

  SelectorParser(String text) {
    this.text = text;
  }

  List<Requirement> requirements() {
    skipSpaces();
    if (atEnd()) {
      throw new LabelSelectorException("empty selector: omit labelSelector to match every object", 0);
    }
    List<Requirement> requirements = new ArrayList<>();
    while (true) {
      requirements.add(requirement());
      skipSpaces();
      if (atEnd()) {
        return requirements;
      }
      if (peek() != ',') {
        throw new LabelSelectorException("expected \",\" or the end of the selector", position);
      }
      position++;
    }
  }

  private Requirement requirement() {
    skipSpaces();
    if (!atEnd() && peek() == '!') {
      position++;
      String key = key();
      return new Requirement(key, Operator.NOT_EXISTS, Set.of());
    }
    String key = key();
    skipSpaces();
    if (atEnd() || peek() == ',') {
      return new Requirement(key, Operator.EXISTS, Set.of());
    }
    int operatorAt = position;
    char c = peek();
    if (c == '=') {
      position++;
      if (!atEnd() && peek() == '=') {
        position++;
      }
      return new Requirement(key, Operator.EQUALS, Set.of(exactValue()));
    }
    if (c == '!') {
      position++;
      if (atEnd() || peek() != '=') {
        throw new LabelSelectorException("expected \"=\" after \"!\"", position);
      }
      position++;
      return new Requirement(key, Operator.NOT_EQUALS, Set.of(exactValue()));
    }
    if (c == '<' || c == '>') {
      throw new LabelSelectorException(
          "unsupported operator \"" + c + "\" (known: =, ==, !=, in, notin)", operatorAt);
    }
    String word = word();
    if (word.equals("in") || word.equals("notin")) {
      return new Requirement(key, word.equals("in") ? Operator.IN : Operator.NOT_IN, valueSet(word));
    }
    throw new LabelSelectorException(
        "expected =, ==, !=, in or notin after \"" + key + "\"", operatorAt);
  }

  private String key() {
    skipSpaces();
    int start = position;
    String key = word();
    if (key.isEmpty()) {
      throw new LabelSelectorException("expected a label key", start);
    }
    LabelSelector.checkKey(key, start);
    return key;
  }

  /** The value after = or !=; Kubernetes allows it to be empty ({@code a=} means a has value ""). */
  private String exactValue() {
    skipSpaces();
    int start = position;
    String value = word();
    LabelSelector.checkValue(value, start);
    return value;
  }

  private Set<String> valueSet(String operator) {
    skipSpaces();
    if (atEnd() || peek() != '(') {
      throw new LabelSelectorException("expected \"(\" after \"" + operator + "\"", position);
    }
    position++;
    Set<String> values = new LinkedHashSet<>();
    while (true) {
      skipSpaces();
      int start = position;
      String value = word();
      if (value.isEmpty()) {
        String problem = values.isEmpty()
            ? "expected a value: \"" + operator + "\" needs at least one"
            : "expected a value";
        throw new LabelSelectorException(problem, start);
      }
      LabelSelector.checkValue(value, start);
      values.add(value);
      skipSpaces();
      if (atEnd()) {
        throw new LabelSelectorException("expected \")\"", position);
      }
      char c = peek();
      position++;
      if (c == ')') {
        return values;
      }
      if (c != ',') {
        throw new LabelSelectorException("expected \",\" or \")\"", position - 1);
      }
    }
  }

  private String word() {
    int start = position;
    while (!atEnd() && !Character.isWhitespace(peek()) && SPECIALS.indexOf(peek()) < 0) {
      position++;
    }
    return text.substring(start, position);
  }

  private void skipSpaces() {
    while (!atEnd() && Character.isWhitespace(peek())) {
      position++;
    }
  }

  private boolean atEnd() {
    return position >= text.length();
  }

  private char peek() {
    return text.charAt(position);
  }
}
