package dev.mailtoken.architecture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of one module's compiled classes as sorted text, one type per block, like
 * OkHttp's {@code okhttp.api}: every public or protected type, constructor, method and field in
 * the packages the module exports. A module with a {@code module-info} exports what its
 * unqualified {@code exports} name; one without exports every package not named
 * {@code internal}.
 */
final class ApiSignatures {
  private ApiSignatures() {
  }

  static String of(Path classesDir) {
    Set<String> exported = exportedPackages(classesDir);
    ClassLoader loader = ApiSignatures.class.getClassLoader();
    List<String> blocks = new ArrayList<>();
    for (String name : classNames(classesDir)) {
      String pkg = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : "";
      if (!exported.contains(pkg)) {
        continue;
      }
      Class<?> type;
      try {
        type = Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IllegalStateException("cannot load " + name + " from " + classesDir, e);
      }
      if (isVisible(type)) {
        blocks.add(block(type));
      }
    }
    blocks.sort(null);
    return String.join("\n", blocks);
  }

  private static Set<String> exportedPackages(Path classesDir) {
    Path info = classesDir.resolve("module-info.class");
    Set<String> packages = packagesOf(classesDir);
    if (!Files.exists(info)) {
      return packages.stream().filter(p -> !p.matches("(.*\\.)?internal(\\..*)?")).collect(Collectors.toSet());
    }
    try (InputStream in = Files.newInputStream(info)) {
      return ModuleDescriptor.read(in).exports().stream()
          .filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> packagesOf(Path classesDir) {
    return classNames(classesDir).stream().filter(n -> n.contains("."))
        .map(n -> n.substring(0, n.lastIndexOf('.'))).collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<String> classNames(Path classesDir) {
    try (Stream<Path> walk = Files.walk(classesDir)) {
      return walk.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().equals("module-info.class"))
          .map(p -> classesDir.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Public or protected, not synthetic, not local or anonymous, and every enclosing type visible too. */
  private static boolean isVisible(Class<?> type) {
    if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
      return false;
    }
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      if (!Modifier.isPublic(t.getModifiers()) && !Modifier.isProtected(t.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static String block(Class<?> type) {
    StringBuilder b = new StringBuilder(header(type)).append(" {\n");
    Set<String> members = new TreeSet<>();
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (visible(c) && !c.isSynthetic()) {
        members.add(modifiers(c.getModifiers()) + typeParams(c.getTypeParameters()) + "<init>" + params(c) + throwsClause(c));
      }
    }
    for (Method m : type.getDeclaredMethods()) {
      if (visible(m) && !m.isSynthetic() && !m.isBridge()) {
        int mods = m.getModifiers() & ~(type.isInterface() && !Modifier.isStatic(m.getModifiers()) && !m.isDefault()
            ? Modifier.ABSTRACT : 0);
        members.add((m.isDefault() ? "default " : "") + modifiers(mods) + typeParams(m.getTypeParameters())
            + name(m.getGenericReturnType()) + " " + m.getName() + params(m) + throwsClause(m));
      }
    }
    for (Field f : type.getDeclaredFields()) {
      if (visible(f) && !f.isSynthetic()) {
        members.add((f.isEnumConstant() ? "enum constant " : modifiers(f.getModifiers()) + name(f.getGenericType()) + " ")
            + f.getName());
      }
    }
    members.forEach(m -> b.append("  ").append(m).append('\n'));
    return b.append("}\n").toString();
  }

  private static String header(Class<?> type) {
    int mods = type.getModifiers();
    String kind = type.isAnnotation() ? "@interface" : type.isInterface() ? "interface" : type.isEnum() ? "enum"
        : type.isRecord() ? "record" : "class";
    if (type.isInterface() || type.isEnum() || type.isRecord()) {
      mods &= ~(Modifier.ABSTRACT | Modifier.FINAL | Modifier.INTERFACE);
      if (type.isEnum() || type.isRecord() || type.isInterface()) {
        mods &= ~Modifier.STATIC;
      }
    }
    StringBuilder h = new StringBuilder(modifiers(mods));
    if (type.isSealed()) {
      h.append("sealed ");
    }
    h.append(kind).append(' ').append(type.getName().replace('$', '.')).append(typeParams(type.getTypeParameters()));
    Type sup = type.getGenericSuperclass();
    if (sup != null && sup != Object.class && !type.isEnum() && !type.isRecord()) {
      h.append(" extends ").append(name(sup));
    }
    Type[] ifaces = type.getGenericInterfaces();
    if (ifaces.length > 0 && !type.isAnnotation()) {
      h.append(type.isInterface() ? " extends " : " implements ")
          .append(Arrays.stream(ifaces).map(ApiSignatures::name).collect(Collectors.joining(", ")));
    }
    if (type.isSealed()) {
      h.append(" permits ").append(Arrays.stream(type.getPermittedSubclasses())
          .map(c -> c.getName().replace('$', '.')).sorted().collect(Collectors.joining(", ")));
    }
    return h.toString();
  }

  private static boolean visible(Member m) {
    return Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers());
  }

  private static String modifiers(int mods) {
    String s = Modifier.toString(mods & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.FINAL
        | Modifier.ABSTRACT));
    return s.isEmpty() ? "" : s + " ";
  }

  private static String typeParams(TypeVariable<?>[] vars) {
    if (vars.length == 0) {
      return "";
    }
    return Arrays.stream(vars).map(v -> {
      String bounds = Arrays.stream(v.getBounds()).filter(t -> t != Object.class).map(ApiSignatures::name)
          .collect(Collectors.joining(" & "));
      return bounds.isEmpty() ? v.getName() : v.getName() + " extends " + bounds;
    }).collect(Collectors.joining(", ", "<", "> "));
  }

  private static String params(Executable e) {
    return Arrays.stream(e.getGenericParameterTypes()).map(ApiSignatures::name)
        .collect(Collectors.joining(", ", "(", ")")).replaceAll("\\[\\]\\)$", e.isVarArgs() ? "...)" : "[])");
  }

  private static String throwsClause(Executable e) {
    Type[] ex = e.getGenericExceptionTypes();
    return ex.length == 0 ? "" : " throws " + Arrays.stream(ex).map(ApiSignatures::name).sorted()
        .collect(Collectors.joining(", "));
  }

  private static String name(Type t) {
    return t.getTypeName().replace('$', '.');
  }
}
