import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.text.DateFormatSymbols;
import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;

/**
 * Differential-test oracle for wdatp-arcsight's SimpleDateFormat emulation.
 *
 * Mode "parse" (default): each stdin line is kind TAB pattern TAB zone TAB twoDigitYearStartMs TAB lenient(1|0)
 * TAB payload, fields escaped with \t \n \r \\ and \\uXXXX. Kind "P": the payload is the text to parse, and the
 * line printed is the epoch milliseconds that new SimpleDateFormat(pattern, Locale.US).parse(text) returns, "ERR"
 * for a ParseException, or "PATTERN_ERR message" when the pattern is rejected. Kind "F": the payload is an epoch
 * millisecond value; the helper formats it with the pattern and prints the (escaped) text TAB the parse result of
 * that text. A fresh formatter per line: SimpleDateFormat keeps the zone of a parsed zone name.
 *
 * Mode "offsets": reads zone ids from stdin and prints, per id, whether TimeZone.getTimeZone knows it and its
 * getOffset at each epoch-millisecond argument.
 *
 * Mode "zones": prints DateFormatSymbols.getInstance(Locale.US).getZoneStrings() in Java's order as
 * id TAB rawOffset TAB dstSavings TAB longStd TAB shortStd TAB longDst TAB shortDst.
 *
 * Mode "raw": for each zone of that table, the raw (standard) offset TimeZone uses from 1900 to 2037, which Java
 * keeps per transition and no other API reports: id TAB raw offset ms at 1900-01-01Z, then TAB epochSecond:rawMs
 * for each change. java.time's standard offset reads the same tz data (tzdb.dat) as TimeZone's raw offset.
 */
public class DateOracle {
    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.US);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "UTF-8");
        String mode = args.length > 0 ? args[0] : "parse";
        if (mode.equals("offsets")) {
            // stdin: zone ids; args[1..]: epoch ms. Prints id TAB known(1|0) TAB offset at each instant.
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            String id;
            while ((id = in.readLine()) != null) {
                TimeZone tz = TimeZone.getTimeZone(id);
                boolean known = !tz.getID().equals("GMT") || id.equals("GMT");
                sb.append(id).append('\t').append(known ? '1' : '0');
                for (int i = 1; i < args.length; i++) sb.append('\t').append(tz.getOffset(Long.parseLong(args[i])));
                sb.append('\n');
            }
            out.print(sb);
            out.flush();
            return;
        }
        if (mode.equals("zones")) {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            StringBuilder sb = new StringBuilder();
            for (String[] row : DateFormatSymbols.getInstance(Locale.US).getZoneStrings()) {
                TimeZone tz = TimeZone.getTimeZone(row[0]);
                sb.append(row[0]).append('\t').append(tz.getRawOffset()).append('\t').append(tz.getDSTSavings());
                for (int i = 1; i <= 4; i++) sb.append('\t').append(i < row.length && row[i] != null ? row[i] : "");
                sb.append('\n');
            }
            out.print(sb);
            out.flush();
            return;
        }
        if (mode.equals("raw")) {
            StringBuilder sb = new StringBuilder();
            java.util.Set<String> seen = new java.util.HashSet<>();
            long from = java.time.Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();
            long to = java.time.Instant.parse("2038-01-01T00:00:00Z").getEpochSecond();
            for (String[] row : DateFormatSymbols.getInstance(Locale.US).getZoneStrings()) {
                if (!seen.add(row[0])) continue;
                java.time.zone.ZoneRules rules = TimeZone.getTimeZone(row[0]).toZoneId().getRules();
                int raw = standard(rules, from);
                sb.append(row[0]).append('\t').append(raw * 1000L);
                for (long t = from; t < to; t += 86_400) {
                    if (standard(rules, t + 86_400) == raw) continue;
                    long lo = t, hi = t + 86_400; // standard(lo) == raw != standard(hi)
                    while (hi - lo > 1) {
                        long mid = Math.floorDiv(lo + hi, 2);
                        if (standard(rules, mid) == raw) lo = mid; else hi = mid;
                    }
                    raw = standard(rules, hi);
                    sb.append('\t').append(hi).append(':').append(raw * 1000L);
                }
                sb.append('\n');
            }
            out.print(sb);
            out.flush();
            return;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            String[] f = line.split("\t", -1);
            boolean format = f[0].equals("F");
            String pattern = OracleText.unescape(f[1]);
            TimeZone zone = TimeZone.getTimeZone(OracleText.unescape(f[2]));
            long centuryStart = Long.parseLong(f[3]);
            boolean lenient = f[4].equals("1");
            String text = OracleText.unescape(f[5]);
            TimeZone.setDefault(zone);
            SimpleDateFormat sdf;
            try {
                sdf = new SimpleDateFormat(pattern, Locale.US);
            } catch (IllegalArgumentException e) {
                sb.append("PATTERN_ERR ").append(e.getMessage()).append('\n');
                continue;
            }
            sdf.setTimeZone(zone);
            sdf.set2DigitYearStart(new Date(centuryStart));
            sdf.setLenient(lenient);
            if (format) {
                text = sdf.format(new Date(Long.parseLong(text)));
                sb.append(OracleText.escape(text)).append('\t');
                // Formatting must not influence parsing: parse with a fresh formatter.
                sdf = new SimpleDateFormat(pattern, Locale.US);
                sdf.setTimeZone(zone);
                sdf.set2DigitYearStart(new Date(centuryStart));
                sdf.setLenient(lenient);
            }
            ParsePosition pos = new ParsePosition(0);
            Date d = sdf.parse(text, pos);
            if (d == null) sb.append("ERR\n");
            else sb.append(d.getTime()).append('\n');
        }
        out.print(sb);
        out.flush();
    }

    private static int standard(java.time.zone.ZoneRules rules, long epochSecond) {
        return rules.getStandardOffset(java.time.Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
    }
}
