package dev.mailtoken.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What a user who depends on mailtoken relies on, read from the POMs and sources: the BOM lists
 * every published module at the reactor's version, each published jar has a stable JPMS name
 * ({@code module-info.java} or an {@code Automatic-Module-Name}), and the BOM, which has no parent,
 * carries the parent's version and metadata. A module is published unless its POM sets
 * {@code maven.deploy.skip}.
 */
class PublishedArtifactsTest {
  private static final Pattern MODULE_DECLARATION = Pattern.compile("(?m)^\\s*(?:open\\s+)?module\\s+([\\w.]+)\\s*\\{");
  private static final Pattern AUTOMATIC_NAME =
      Pattern.compile("<Automatic-Module-Name>\\s*([\\w.]+)\\s*</Automatic-Module-Name>");
  private static final String BOM = "mailtoken-bom";

  private final Path root = SourceTree.ofRepository().root();

  @Test
  void givenTheReactor_whenTheBomIsRead_thenItManagesEveryPublishedModuleAtTheProjectVersion() throws Exception {
    Document bom = read(root.resolve(BOM).resolve("pom.xml"));
    Map<String, String> managed = new HashMap<>();
    NodeList deps = bom.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      assertThat(text(d, "groupId")).isEqualTo("dev.mailtoken");
      managed.put(text(d, "artifactId"), text(d, "version"));
    }

    List<String> published = publishedJarModules().stream().map(this::artifactId).toList();
    assertThat(managed.keySet()).as("the BOM's artifacts: one per published module of the root pom.xml")
        .containsExactlyInAnyOrderElementsOf(published);
    assertThat(managed.values()).as("every version is the BOM's own").containsOnly("${project.version}");
    assertThat(published).contains("mailtoken-core", "mailtoken-mail", "mailtoken-testkit");
  }

  @Test
  void givenTheBomWithoutParent_whenComparedWithTheParent_thenVersionAndMetadataAgree() throws Exception {
    Document parent = read(root.resolve("pom.xml"));
    Document bom = read(root.resolve(BOM).resolve("pom.xml"));

    assertThat(bom.getDocumentElement().getElementsByTagName("parent").getLength()).as("the BOM has no parent")
        .isZero();
    assertThat(text(bom.getDocumentElement(), "version")).isEqualTo(text(parent.getDocumentElement(), "version"));
    assertThat(text(bom.getDocumentElement(), "groupId")).isEqualTo(text(parent.getDocumentElement(), "groupId"));
    for (String property : List.of("mailtoken.repository.url", "project.build.outputTimestamp")) {
      assertThat(property(bom, property)).as(property).isEqualTo(property(parent, property)).isNotBlank();
    }
    for (Document pom : List.of(parent, bom)) {
      Element project = pom.getDocumentElement();
      assertThat(text(project, "url")).isEqualTo("${mailtoken.repository.url}");
      assertThat(text((Element) project.getElementsByTagName("scm").item(0), "url"))
          .isEqualTo("${mailtoken.repository.url}");
      assertThat(project.getElementsByTagName("license").getLength()).isEqualTo(1);
      assertThat(project.getElementsByTagName("developer").getLength()).isPositive();
    }
  }

  @Test
  void givenEveryPublishedModule_whenItsPomIsRead_thenItHasItsOwnNameAndDescription() throws Exception {
    List<String> modules = new ArrayList<>(publishedJarModules());
    modules.add(BOM);
    for (String module : modules) {
      Element project = read(root.resolve(module).resolve("pom.xml")).getDocumentElement();

      assertThat(text(project, "name")).as(module + "'s <name>").isEqualTo(text(project, "artifactId"));
      assertThat(text(project, "description")).as(module + "'s <description>").hasSizeGreaterThan(20);
    }
  }

  @Test
  void givenEveryPublishedJarModule_whenItsModuleNameIsRead_thenItIsDeclaredUniqueAndUnderDevMailtoken()
      throws IOException {
    Map<String, String> names = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (String module : publishedJarModules()) {
      Optional<String> name = moduleName(root.resolve(module));
      if (name.isEmpty()) {
        problems.add(module + ": no module-info.java and no Automatic-Module-Name in its pom.xml");
      } else if (!name.get().matches("dev\\.mailtoken\\.[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)*")) {
        problems.add(module + ": module name " + name.get() + " is not dev.mailtoken.<lower-case words>");
      } else if (names.put(name.get(), module) != null) {
        problems.add(module + ": module name " + name.get() + " is also " + names.get(name.get()) + "'s");
      }
    }

    assertThat(problems).isEmpty();
    assertThat(names).containsEntry("dev.mailtoken.core", "mailtoken-core").containsEntry("dev.mailtoken.mail",
        "mailtoken-mail");
  }

  @Test
  void givenTheTopReadme_whenItsBuildSectionIsRead_thenItNamesTheBomAndEveryPublishedModule() throws IOException {
    String readme = Files.readString(root.resolve("README.md"));
    String section = readme.substring(readme.indexOf("## Add it to your build"), readme.indexOf("\n## ",
        readme.indexOf("## Add it to your build") + 3));

    for (String module : publishedJarModules()) {
      assertThat(section).as("README's \"Add it to your build\" names " + module).contains("`" + artifactId(module) + "`");
      moduleName(root.resolve(module)).ifPresent(name -> assertThat(section).contains("`" + name + "`"));
    }
    assertThat(section).contains("<artifactId>mailtoken-bom</artifactId>", "platform(\"dev.mailtoken:mailtoken-bom:");
  }

  /** Modules of the root pom.xml that are deployed and build a jar (the BOM is a pom). */
  private List<String> publishedJarModules() {
    try {
      List<String> out = new ArrayList<>();
      NodeList modules = read(root.resolve("pom.xml")).getElementsByTagName("module");
      for (int i = 0; i < modules.getLength(); i++) {
        String module = modules.item(i).getTextContent().strip();
        String pom = Files.readString(root.resolve(module).resolve("pom.xml"));
        if (!pom.contains("<maven.deploy.skip>true</maven.deploy.skip>") && !pom.contains("<packaging>pom</packaging>")) {
          out.add(module);
        }
      }
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Optional<String> moduleName(Path module) throws IOException {
    Path info = module.resolve("src/main/java/module-info.java");
    Matcher m = Files.exists(info) ? MODULE_DECLARATION.matcher(Files.readString(info))
        : AUTOMATIC_NAME.matcher(Files.readString(module.resolve("pom.xml")));
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private String artifactId(String module) {
    try {
      return text(read(root.resolve(module).resolve("pom.xml")).getDocumentElement(), "artifactId");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Document read(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(pom.toFile());
  }

  /** The text of {@code parent}'s first direct child element named {@code name}. */
  private static String text(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().strip();
      }
    }
    throw new AssertionError("<" + parent.getTagName() + "> has no <" + name + ">");
  }

  private static String property(Document pom, String name) {
    Element properties = (Element) pom.getDocumentElement().getElementsByTagName("properties").item(0);
    return text(properties, name);
  }
}
