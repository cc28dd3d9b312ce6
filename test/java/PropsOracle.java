import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/**
 * Test oracle for wdatp-arcsight's .properties layer: loads .properties bytes with the JVM's own
 * Properties.load(InputStream) (ISO-8859-1) and prints what it read in an unambiguous form.
 *
 * Input: file paths as arguments, or (no arguments) a batch on stdin: repeated "<byte count>\n<bytes>".
 * With the single argument "--serve" it reads the same stdin protocol but answers each case as soon as it is
 * read (flushing), so a test can keep one JVM and ask it case after case.
 * Output per case: "CASE <n> OK <entry count>" then one "<key> <value>" line per entry, sorted by key, each
 * string as hex of its UTF-16 code units (4 digits each, "-" for the empty string);
 * or "CASE <n> ERR <exception class>: <message>" when load throws.
 */
public class PropsOracle {
  public static void main(String[] args) throws IOException {
    StringBuilder out = new StringBuilder();
    boolean serve = args.length == 1 && args[0].equals("--serve");
    PrintStream stdout = new PrintStream(System.out, false, "US-ASCII");
    if (args.length > 0 && !serve) {
      for (int i = 0; i < args.length; i++) dump(i, Files.readAllBytes(Paths.get(args[i])), out);
    } else {
      InputStream in = new BufferedInputStream(System.in, 1 << 16);
      int n = 0;
      for (;;) {
        int length = readLength(in);
        if (length < 0) break;
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) throw new IOException("truncated case " + n);
        dump(n++, bytes, out);
        if (serve) {
          stdout.print(out);
          stdout.flush();
          out.setLength(0);
        }
      }
    }
    stdout.print(out);
    stdout.flush();
  }

  /** Reads the decimal length line; -1 at end of input. */
  private static int readLength(InputStream in) throws IOException {
    int value = 0;
    boolean any = false;
    for (;;) {
      int b = in.read();
      if (b < 0) {
        if (any) throw new IOException("truncated length");
        return -1;
      }
      if (b == '\n') return value;
      if (b < '0' || b > '9') throw new IOException("bad length byte " + b);
      value = value * 10 + (b - '0');
      any = true;
    }
  }

  private static void dump(int n, byte[] bytes, StringBuilder out) {
    Properties p = new Properties();
    try {
      p.load(new ByteArrayInputStream(bytes));
    } catch (Exception e) {
      out.append("CASE ").append(n).append(" ERR ").append(e.getClass().getName()).append(": ")
          .append(hexOrAscii(String.valueOf(e.getMessage()))).append('\n');
      return;
    }
    List<String> keys = new ArrayList<>(p.stringPropertyNames());
    Collections.sort(keys);
    out.append("CASE ").append(n).append(" OK ").append(keys.size()).append('\n');
    for (String k : keys) {
      out.append(hex(k)).append(' ').append(hex(p.getProperty(k))).append('\n');
    }
  }

  private static String hex(String s) {
    if (s.isEmpty()) return "-";
    StringBuilder b = new StringBuilder(s.length() * 4);
    for (int i = 0; i < s.length(); i++) {
      String h = Integer.toHexString(s.charAt(i));
      for (int pad = h.length(); pad < 4; pad++) b.append('0');
      b.append(h);
    }
    return b.toString();
  }

  /** Messages are ASCII in practice; anything else is replaced so the output stays one line of ASCII. */
  private static String hexOrAscii(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return b.toString();
  }
}
