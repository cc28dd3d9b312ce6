import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Differential-test oracle for wdatp-arcsight's java.util.regex emulation. Each stdin line is
 * op TAB pattern TAB input TAB arg (escaped with \t \n \r \\ and \\uXXXX); op is
 * M (Matcher.matches), F (Matcher.find), RA (replaceAll, arg = replacement), RF (replaceFirst), S (split, arg = limit).
 * Output per line: for M/F "1" then each group (or "\N" for null) TAB-separated, plus the start index for F, or
 * "0"; for RA/RF the escaped result; for S the parts TAB-separated after their count; "ERR" when the pattern does
 * not compile, "EXC" when the operation throws (e.g. a bad group reference in the replacement).
 */
public class RegexOracle {
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "UTF-8");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            String[] f = line.split("\t", -1);
            String op = f[0];
            String input = OracleText.unescape(f[2]);
            String arg = OracleText.unescape(f[3]);
            Pattern p;
            try {
                p = Pattern.compile(OracleText.unescape(f[1]));
            } catch (RuntimeException e) {
                sb.append("ERR\n");
                continue;
            }
            try {
                switch (op) {
                    case "M":
                    case "F": {
                        Matcher m = p.matcher(input);
                        boolean ok = op.equals("M") ? m.matches() : m.find();
                        if (!ok) { sb.append("0\n"); break; }
                        sb.append('1');
                        if (op.equals("F")) sb.append('\t').append(m.start());
                        for (int g = 0; g <= m.groupCount(); g++) {
                            String v = m.group(g);
                            sb.append('\t').append(v == null ? "\\N" : OracleText.escape(v));
                        }
                        sb.append('\n');
                        break;
                    }
                    case "RA":
                        sb.append(OracleText.escape(p.matcher(input).replaceAll(arg))).append('\n');
                        break;
                    case "RF":
                        sb.append(OracleText.escape(p.matcher(input).replaceFirst(arg))).append('\n');
                        break;
                    case "S": {
                        // String.split (it has a fast path for one-character patterns; same semantics).
                        String[] parts = input.split(OracleText.unescape(f[1]), Integer.parseInt(arg));
                        sb.append(parts.length);
                        for (String s : parts) sb.append('\t').append(OracleText.escape(s));
                        sb.append('\n');
                        break;
                    }
                    default:
                        sb.append("BADOP\n");
                }
            } catch (RuntimeException e) {
                sb.append("EXC\n");
            }
        }
        out.print(sb);
        out.flush();
    }
}
