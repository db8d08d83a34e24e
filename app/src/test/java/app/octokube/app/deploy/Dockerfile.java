package app.octokube.app.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile read as Docker reads its instructions: comments and blank lines dropped, lines
 * ending in a backslash joined, each instruction split into its keyword and its arguments. Enough
 * to check what the image is built from and runs as, since Docker cannot run where tests do.
 */
record Dockerfile(List<Instruction> instructions) {

  record Instruction(String keyword, String arguments) {
    /** The arguments of an exec-form instruction ({@code ["java", "-jar", …]}). */
    List<String> execForm() {
      try {
        return List.of(new ObjectMapper().readValue(arguments, String[].class));
      } catch (JsonProcessingException e) {
        throw new AssertionError(keyword + " is not in exec form (a JSON array): " + arguments, e);
      }
    }
  }

  static Dockerfile parse(String text) {
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      // Docker drops comment lines even inside a continued instruction.
      if (line.startsWith("#") || (line.isEmpty() && pending.isEmpty())) {
        continue;
      }
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      pending.append(line);
      String joined = pending.toString().strip();
      pending.setLength(0);
      int space = joined.indexOf(' ');
      instructions.add(space < 0
          ? new Instruction(joined.toUpperCase(Locale.ROOT), "")
          : new Instruction(joined.substring(0, space).toUpperCase(Locale.ROOT), joined.substring(space + 1).strip()));
    }
    return new Dockerfile(List.copyOf(instructions));
  }

  List<Instruction> all(String keyword) {
    return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  /** The last instruction with that keyword: the one in force in the final image. */
  Instruction last(String keyword) {
    List<Instruction> found = all(keyword);
    if (found.isEmpty()) {
      throw new AssertionError("the Dockerfile has no " + keyword);
    }
    return found.get(found.size() - 1);
  }
}
