import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Differential-test oracle for wdatp-arcsight's Integer.parseInt / Long.parseLong / Double.parseDouble emulation.
 * Each stdin line is one string (escaped with \t \n \r \\ and \\uXXXX); the output line is
 * int TAB long TAB double, each the parsed value or "NFE" (NumberFormatException). Doubles print as raw IEEE bits
 * in hex so that NaN, -0.0 and rounding compare exactly.
 */
public class NumberOracle {
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "UTF-8");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            String s = OracleText.unescape(line);
            try { sb.append(Integer.parseInt(s)); } catch (NumberFormatException e) { sb.append("NFE"); }
            sb.append('\t');
            try { sb.append(Long.parseLong(s)); } catch (NumberFormatException e) { sb.append("NFE"); }
            sb.append('\t');
            try { sb.append(Long.toHexString(Double.doubleToRawLongBits(Double.parseDouble(s)))); } catch (NumberFormatException e) { sb.append("NFE"); }
            sb.append('\n');
        }
        out.print(sb);
        out.flush();
    }
}
