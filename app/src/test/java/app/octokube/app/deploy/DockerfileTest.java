package app.octokube.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.app.deploy.Dockerfile.Instruction;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The image build, read rather than run (Docker is not available where tests run): what it is
 * built from, what it copies and whom it runs as.
 */
class DockerfileTest {
  private static final String JAR_IN_IMAGE = "/opt/octokube/octokube.jar";
  private final Dockerfile dockerfile = Dockerfile.parse(Chart.read("deploy/docker/Dockerfile"));

  @Test
  void theImageIsBuiltFromAJava17RuntimeInOneStage() {
    List<Instruction> from = dockerfile.all("FROM");

    assertThat(from).hasSize(1);
    assertThat(from.get(0).arguments()).matches("eclipse-temurin:17-jre(-[a-z]+)?(@sha256:[0-9a-f]{64})?");
  }

  @Test
  void itRunsAsANumericNonRootUserAndGroup() {
    String user = dockerfile.last("USER").arguments();

    // Numeric, so that the kubelet can check runAsNonRoot without reading /etc/passwd.
    assertThat(user).matches("[0-9]+:[0-9]+");
    assertThat(Integer.parseInt(user.split(":")[0])).isPositive();
    assertThat(Integer.parseInt(user.split(":")[1])).isPositive();
  }

  @Test
  void itCopiesTheJarTheBuildMakesAndNothingElse() {
    List<Instruction> copies = dockerfile.all("COPY");
    Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(Chart.read("app/pom.xml"));

    assertThat(finalName.find()).as("the shade plugin's finalName in app/pom.xml").isTrue();
    assertThat(copies).hasSize(1);
    assertThat(copies.get(0).arguments()).isEqualTo("app/target/" + finalName.group(1) + ".jar " + JAR_IN_IMAGE);
    assertThat(dockerfile.all("ADD")).isEmpty();
  }

  @Test
  void theBuildContextHoldsOnlyTheJar() {
    List<String> ignore = Chart.read("deploy/docker/Dockerfile.dockerignore").lines()
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

    assertThat(ignore).containsExactly("*", "!app/target/octokube.jar");
  }

  @Test
  void theEntrypointRunsTheJarWithAHeapSizedFromTheMemoryLimit() {
    List<String> entrypoint = dockerfile.last("ENTRYPOINT").execForm();

    assertThat(entrypoint).first().isEqualTo("java");
    assertThat(entrypoint).contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");
    assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size())).containsExactly("-jar", JAR_IN_IMAGE);
  }

  @Test
  void itWritesOnlyUnderTmpSoTheRootFilesystemCanBeReadOnly() {
    assertThat(dockerfile.last("WORKDIR").arguments()).isEqualTo("/tmp");
    assertThat(dockerfile.all("VOLUME")).isEmpty();
    assertThat(dockerfile.last("CMD").execForm()).isNotEmpty();
  }
}
