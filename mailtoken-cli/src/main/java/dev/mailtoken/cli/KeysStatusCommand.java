package dev.mailtoken.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailtoken.store.KeyRing;
import dev.mailtoken.store.KeyUsage;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mailtoken keys status}: each key id, whether it is current, and how many fields and row MACs use it. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "List the key ids: which is current, which this process holds, how many fields and rows use each.",
    footer = {"%nA key that is not current and used by nothing can be removed with `mailtoken keys retire KEYID`.",
        "%nExamples:", "  mailtoken keys status", "  mailtoken keys status --json", ExitCode.FOOTER})
final class KeysStatusCommand extends Verb {
  @Mixin
  JsonOption output;

  @Override
  int execute() throws Exception {
    try (StoreAccess access = main().openStore(err())) {
      KeyRing keys = access.store().keys();
      List<KeyUsage> usage = access.store().keyUsage();
      String source = keys.keyFile().map(Object::toString).orElse(KeyRing.SECRET_VARIABLE);
      if (output.json) {
        ObjectNode root = JsonOutput.object();
        root.put("key_source", source);
        ArrayNode array = root.putArray("keys");
        for (KeyUsage u : usage) {
          ObjectNode n = array.addObject();
          n.put("key_id", u.keyId());
          n.put("current", u.current());
          n.put("in_key_ring", u.inKeyRing());
          n.put("encrypted_fields", u.encryptedFields());
          n.put("row_macs", u.rowMacs());
        }
        out().println(JsonOutput.write(root));
        return ExitCode.OK.code();
      }
      out().printf("%-10s %-8s %-12s %7s %9s%n", "KEY ID", "CURRENT", "IN KEY RING", "FIELDS", "ROW MACS");
      for (KeyUsage u : usage) {
        out().printf("%-10s %-8s %-12s %7d %9d%n", u.keyId(), u.current() ? "current" : "", u.inKeyRing() ? "yes"
            : "MISSING", u.encryptedFields(), u.rowMacs());
      }
      err().println("keys from " + source);
      usage.stream().filter(u -> !u.current() && u.total() == 0 && u.inKeyRing()).findFirst().ifPresent(u ->
          err().println("unused old key(s) can be removed: mailtoken keys retire " + u.keyId()));
      usage.stream().filter(u -> !u.inKeyRing() && u.total() > 0).findFirst().ifPresent(u ->
          err().println("this process lacks key " + u.keyId() + ", which " + u.total() + " value(s) use; set "
              + KeyRing.SECRET_FILE_VARIABLE + " to a key file that holds it"));
      return ExitCode.OK.code();
    }
  }
}
